import type { CertificatePurpose, Template } from '../ca/template.ts';
import type { World } from '../lab/world.ts';
import { requirements, templateChecks } from './configmgr-checks.ts';
import { finding, type Finding, type Rule } from './model.ts';

const templateFindings = (world: World, t: Template, purpose: CertificatePurpose): Finding[] => {
  const subject = `template:${t.name}`;
  const name = t.subjectName;
  const seen = { t, name, purpose, need: requirements[purpose], altNames: name.source === 'build-from-ad' ? name.altNames : [] };
  return templateChecks
    .filter((check) => check.when(seen))
    .map((check) =>
      finding(world, {
        rule: check.rule,
        family: 'configmgr',
        severity: check.severity,
        subject,
        keys: [`${subject}:${check.aspect}`, subject],
        message: check.message(seen),
        fix: { procedure: check.procedure, ...(check.command ? { command: check.command(seen) } : {}) },
      }),
    );
};

/** Site systems whose configured FQDNs are not all in the certificate bound to https on their Default Web Site. */
const siteSystemFindings = (world: World): Finding[] =>
  Object.values(world.configmgr.siteSystems).flatMap((site) => {
    const bound = Object.values(world.hosts.iis[site.host] ?? {})
      .flatMap((s) => s.bindings)
      .find((b) => b.protocol === 'https')?.thumbprint;
    const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === bound);
    const names = new Set(
      [...(issued?.dnsNames ?? []), ...(issued?.subject.match(/CN=([^,]+)/)?.slice(1) ?? [])].map((n) => n.toLowerCase()),
    );
    const missing = [site.intranetFqdn, site.internetFqdn].filter((n): n is string => Boolean(n) && !names.has(n!.toLowerCase()));
    if (missing.length === 0) return [];
    return [
      finding(world, {
        rule: 'CM-SITE-SYSTEM-FQDN',
        family: 'configmgr',
        severity: 'high',
        subject: `configmgr:site-system:${site.host}`,
        keys: [`configmgr:site-system:${site.host}`, `iis:${site.host}/Default Web Site`],
        message: `The site system ${site.host} is configured with ${missing.join(', ')}, which ${issued ? 'its https certificate does not name' : 'no https certificate names'}; clients connecting by that name fail with CERT_CN_INVALID.`,
        fix: {
          procedure:
            "Request a web server certificate whose DNS names are the site system's FQDNs and bind it, or configure the site system with the names the certificate carries.",
        },
      }),
    ];
  });

/** Issued cloud DP certificates whose common name is not a service FQDN. */
const cloudDpCertificateFindings = (world: World): Finding[] =>
  Object.values(world.ca.issued)
    .filter((c) => world.ca.templates[c.template]?.purpose === 'cloud-dp-service')
    .flatMap((c) => {
      const cn = c.subject.match(/CN=([^,]+)/)?.[1];
      if (cn?.includes('.')) return [];
      return [
        finding(world, {
          rule: 'CM-CLOUD-DP-NAME',
          family: 'configmgr',
          severity: 'high',
          subject: `certificate:${c.thumbprint}`,
          message: `The cloud DP certificate ${c.thumbprint} has the common name "${cn ?? '(none)'}"; a cloud distribution point takes its service name from the CN, which must be an FQDN such as clouddp1.contoso.com.`,
          fix: {
            procedure:
              'Request the certificate again with Common name = the service FQDN, export it again, and create the cloud distribution point from the new PFX.',
          },
        }),
      ];
    });

/** PFX files exported with their private key that ConfigMgr never imported: key material lying around. */
const unusedExports = (world: World): Finding[] => {
  const imported = new Set(
    [...Object.values(world.configmgr.cloudDistributionPoints), ...Object.values(world.configmgr.distributionPoints)].map((x) => x.file),
  );
  return Object.entries(world.hosts.stores).flatMap(([host, stores]) =>
    (stores.personal ?? []).flatMap((c) =>
      (c.exportedTo ?? [])
        .filter((file) => !imported.has(file))
        .map((file) =>
          finding(world, {
            rule: 'OP-EXPORT-UNUSED',
            family: 'operational',
            severity: 'low',
            subject: `certificate:${c.thumbprint}`,
            message: `${file} holds ${host}'s certificate ${c.thumbprint} with its private key and has not been imported into ConfigMgr.`,
            fix: { procedure: 'Import the file where it is needed, then delete it; keep the password apart from the file.' },
          }),
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
