import { hasRight } from '../ca/access.ts';
import type { CertificatePurpose, Template } from '../ca/template.ts';
import type { World } from '../lab/world.ts';
import { ekuName, oid } from '../shared/oids.ts';
import { finding, type Finding, type Rule } from './model.ts';

interface Requirement { readonly eku: string; readonly exportable?: boolean; readonly subject?: 'supply-in-request' | 'common-name' }

/** Research §1.1, per certificate type: the EKU, exportability and subject the template must give. */
const requirements: Readonly<Record<CertificatePurpose, Requirement>> = {
  'site-system-web-server': { eku: oid.serverAuth, subject: 'supply-in-request' },
  'cloud-dp-service': { eku: oid.serverAuth, exportable: true, subject: 'supply-in-request' },
  'windows-client': { eku: oid.clientAuth },
  'dp-client': { eku: oid.clientAuth, exportable: true },
  'mobile-enrollment': { eku: oid.clientAuth, subject: 'common-name' },
  'amt-provisioning': { eku: oid.serverAuth, subject: 'common-name' },
  'amt-web-server': { eku: oid.serverAuth, subject: 'common-name' },
  'amt-8021x': { eku: oid.clientAuth, subject: 'common-name' },
  'mac-client': { eku: oid.clientAuth, subject: 'common-name' },
};

const purposeLabel = (p: CertificatePurpose) => p.replace(/-/g, ' ');

const templateFindings = (world: World, t: Template, purpose: CertificatePurpose): Finding[] => {
  const need = requirements[purpose];
  const subject = `template:${t.name}`;
  const out: Finding[] = [];
  const add = (rule: string, severity: Finding['severity'], aspect: string, message: string, procedure: string, command?: string) =>
    out.push(finding(world, { rule, family: 'configmgr', severity, subject, keys: [`${subject}:${aspect}`, subject], message, fix: { procedure, ...(command ? { command } : {}) } }));
  if (t.schemaVersion >= 3) {
    add('CM-TEMPLATE-V3', 'high', 'version', `"${t.displayName}" is a version ${t.schemaVersion} template: its keys live in a CNG key storage provider, which ConfigMgr (before version 1710, and cloud distribution points in any version) cannot use.`,
      'Duplicate the built-in template again and choose Windows 2003 Server, Enterprise Edition (on a 2012 CA: Compatibility Windows Server 2003 / Windows XP / Server 2003); then request the certificates again.');
  }
  if (![...t.ekus, ...t.applicationPolicies].includes(need.eku)) {
    add('CM-EKU', 'high', 'policies', `A ${purposeLabel(purpose)} certificate needs ${ekuName(need.eku)}; "${t.displayName}" gives ${t.ekus.map(ekuName).join(', ') || 'none'}.`, 'Duplicate the template the seed names for this certificate.');
  }
  if (need.exportable && !t.exportableKey) {
    add('CM-EXPORT-REQUIRED', 'high', 'request-handling', `A ${purposeLabel(purpose)} certificate is imported into ConfigMgr as a PFX, and "${t.displayName}" does not allow the private key to be exported.`,
      'Select "Allow private key to be exported" on the Request Handling tab, then request the certificate again: existing certificates stay non-exportable.');
  }
  const s = t.subjectName;
  if (need.subject === 'common-name' && !(s.source === 'build-from-ad' && s.format === 'common-name')) {
    add('CM-SUBJECT', 'medium', 'subject', `A ${purposeLabel(purpose)} certificate takes its subject from AD as a common name; "${t.displayName}" is set to ${s.source === 'supply-in-request' ? 'Supply in the request' : `build the subject as ${s.format}`}.`,
      'On the Subject Name tab choose "Build from this Active Directory information" with Common name.');
  }
  if (need.subject === 'supply-in-request' && s.source !== 'supply-in-request') {
    add('CM-SUBJECT', 'medium', 'subject', `A ${purposeLabel(purpose)} certificate carries names typed in the request (FQDNs that are not the computer's AD name); "${t.displayName}" builds them from AD.`, 'On the Subject Name tab choose "Supply in the request".');
  }
  if (purpose === 'mac-client' && s.source === 'build-from-ad' && s.altNames.length > 0) {
    add('CM-MAC-SAN', 'high', 'subject', `Mac clients do not support a subject alternative name, and "${t.displayName}" adds ${s.altNames.join(', ')} to it.`, 'On the Subject Name tab clear every alternative name (the UPN included).');
  }
  if (purpose === 'mobile-enrollment' && s.source === 'build-from-ad' && s.altNames.includes('upn')) {
    add('CM-MOBILE-UPN', 'medium', 'subject', `The seed clears the UPN from the mobile enrollment template; "${t.displayName}" still puts it in the alternative name.`, 'On the Subject Name tab clear User principal name (UPN).');
  }
  if (purpose === 'amt-8021x' && s.source === 'build-from-ad' && (!s.altNames.includes('upn') || s.altNames.includes('dns'))) {
    add('CM-8021X-UPN', 'medium', 'subject', `802.1X certificates for AMT need the UPN in the alternative name and no DNS name; "${t.displayName}" has ${s.altNames.join(', ') || 'none'}.`, 'On the Subject Name tab clear DNS name and select User principal name (UPN).');
  }
  if (purpose === 'amt-provisioning' && !t.applicationPolicies.includes(oid.amtProvisioning)) {
    add('CM-AMT-OID', 'high', 'policies', `AMT accepts a provisioning certificate only with the AMT Provisioning application policy (${oid.amtProvisioning}); "${t.displayName}" lacks it.`,
      'Extensions tab › Application Policies › Edit › Add › New: name AMT Provisioning, object identifier 2.16.840.1.113741.1.2.3.');
  }
  if (purpose === 'windows-client' && !(['Read', 'Enroll', 'Autoenroll'] as const).every((r) => hasRight(t.acl, ['Domain Computers'], r))) {
    add('CM-CLIENT-AUTOENROLL', 'medium', 'acl', `Windows clients get "${t.displayName}" by autoenrollment, which needs Read, Enroll and Autoenroll for Domain Computers; some of them are missing.`,
      'On the Security tab give Domain Computers Read, Enroll and Autoenroll.', `Get-CertificateTemplate -Name ${t.name} | Get-CertificateTemplateAcl | Add-CertificateTemplateAcl -Identity 'Domain Computers' -AccessType Allow -AccessMask Read,Enroll,Autoenroll | Set-CertificateTemplateAcl`);
  }
  return out;
};

/** Site systems whose configured FQDNs are not all in the certificate bound to https on their Default Web Site. */
const siteSystemFindings = (world: World): Finding[] =>
  Object.values(world.configmgr.siteSystems).flatMap((site) => {
    const bound = Object.values(world.hosts.iis[site.host] ?? {}).flatMap((s) => s.bindings).find((b) => b.protocol === 'https')?.thumbprint;
    const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === bound);
    const names = new Set([...(issued?.dnsNames ?? []), ...(issued?.subject.match(/CN=([^,]+)/)?.slice(1) ?? [])].map((n) => n.toLowerCase()));
    const missing = [site.intranetFqdn, site.internetFqdn].filter((n): n is string => Boolean(n) && !names.has(n!.toLowerCase()));
    if (missing.length === 0) return [];
    return [finding(world, { rule: 'CM-SITE-SYSTEM-FQDN', family: 'configmgr', severity: 'high', subject: `configmgr:site-system:${site.host}`,
      keys: [`configmgr:site-system:${site.host}`, `iis:${site.host}/Default Web Site`],
      message: `The site system ${site.host} is configured with ${missing.join(', ')}, which ${issued ? 'its https certificate does not name' : 'no https certificate names'}; clients connecting by that name fail with CERT_CN_INVALID.`,
      fix: { procedure: 'Request a web server certificate whose DNS names are the site system\'s FQDNs and bind it, or configure the site system with the names the certificate carries.' } })];
  });

/** Issued cloud DP certificates whose common name is not a service FQDN. */
const cloudDpCertificateFindings = (world: World): Finding[] =>
  Object.values(world.ca.issued)
    .filter((c) => world.ca.templates[c.template]?.purpose === 'cloud-dp-service')
    .flatMap((c) => {
      const cn = c.subject.match(/CN=([^,]+)/)?.[1];
      if (cn?.includes('.')) return [];
      return [finding(world, { rule: 'CM-CLOUD-DP-NAME', family: 'configmgr', severity: 'high', subject: `certificate:${c.thumbprint}`,
        message: `The cloud DP certificate ${c.thumbprint} has the common name "${cn ?? '(none)'}"; a cloud distribution point takes its service name from the CN, which must be an FQDN such as clouddp1.contoso.com.`,
        fix: { procedure: 'Request the certificate again with Common name = the service FQDN, export it again, and create the cloud distribution point from the new PFX.' } })];
    });

/** PFX files exported with their private key that ConfigMgr never imported: key material lying around. */
const unusedExports = (world: World): Finding[] => {
  const imported = new Set([...Object.values(world.configmgr.cloudDistributionPoints), ...Object.values(world.configmgr.distributionPoints)].map((x) => x.file));
  return Object.entries(world.hosts.stores).flatMap(([host, stores]) =>
    (stores.personal ?? []).flatMap((c) =>
      (c.exportedTo ?? []).filter((file) => !imported.has(file)).map((file) =>
        finding(world, { rule: 'OP-EXPORT-UNUSED', family: 'operational', severity: 'low', subject: `certificate:${c.thumbprint}`,
          message: `${file} holds ${host}'s certificate ${c.thumbprint} with its private key and has not been imported into ConfigMgr.`,
          fix: { procedure: 'Import the file where it is needed, then delete it; keep the password apart from the file.' } }),
      ),
    ),
  );
};

/** ConfigMgr compatibility (research §1.1, §1.3) of templates made for ConfigMgr and of configured site systems. */
export const configMgrRules: Rule = (world) => [
  ...Object.values(world.ca.templates).flatMap((t) => (t.purpose ? templateFindings(world, t, t.purpose) : [])),
  ...siteSystemFindings(world),
  ...cloudDpCertificateFindings(world),
  ...unusedExports(world),
];
