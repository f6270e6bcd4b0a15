import type { IssuedCertificate } from '../ca/model.ts';
import type { ConfigMgrView } from './decision.ts';
import { ekuName, oid } from '../shared/oids.ts';
import type { PfxFacts } from './model.ts';

type Readable = Extract<PfxFacts, { readable: true }>;

/** The OU an external CA writes when it cannot add the AMT Provisioning OID. */
const amtSetupOu = 'Intel(R) Client Setup Certificate';

const commonNameOf = (subject: string): string | undefined => subject.match(/(?:^|, )CN=([^,]+)/)?.[1];
const purposes = (ekus: readonly string[]) => ekus.map(ekuName).join(', ') || 'none';

/** Research §1.1, cloud-based distribution point service certificate. */
export const cloudDpProblems = (facts: Readable, serviceFqdn: string, issued: IssuedCertificate | undefined): string[] => {
  const problems: string[] = [];
  const cn = commonNameOf(facts.subject);
  if (!facts.ekus.includes(oid.serverAuth)) problems.push(`it lacks Server Authentication (purposes: ${purposes(facts.ekus)})`);
  if (!cn) problems.push('its subject has no common name; the cloud distribution point takes its service name from the CN');
  else if (!cn.includes('.'))
    problems.push(`its common name "${cn}" is not an FQDN (service name plus domain, such as clouddp1.contoso.com)`);
  else if (cn.toLowerCase() !== serviceFqdn.toLowerCase())
    problems.push(`its common name "${cn}" is not the service FQDN "${serviceFqdn}"`);
  if (facts.keySize !== 2048) problems.push(`its key is ${facts.keySize} bits; cloud distribution points take 2048-bit keys`);
  if (issued?.keyProvider === 'ksp')
    problems.push('its key is in a CNG key storage provider (version 3 template), which cloud distribution points cannot use');
  return problems;
};

/** Research §1.1, distribution point client certificate (also PXE and boot media). */
export const distributionPointProblems = (facts: Readable, issued: IssuedCertificate | undefined): string[] => {
  const problems: string[] = [];
  if (!facts.ekus.includes(oid.clientAuth)) problems.push(`it lacks Client Authentication (purposes: ${purposes(facts.ekus)})`);
  if (facts.keySize > 2048) problems.push(`its key is ${facts.keySize} bits; the maximum supported is 2048`);
  if (issued?.keyProvider === 'ksp')
    problems.push('its key is in a CNG key storage provider (version 3 template), which this ConfigMgr version cannot open');
  return problems;
};

/** Research §1.1, AMT provisioning certificate in the out of band service point's personal store. */
export const amtProvisioningProblems = (issued: IssuedCertificate, hostFqdn: string): string[] => {
  const problems: string[] = [];
  const policies = [...issued.ekus, ...issued.applicationPolicies];
  if (!policies.includes(oid.serverAuth)) problems.push('it lacks Server Authentication');
  if (!policies.includes(oid.amtProvisioning) && !issued.subject.includes(`OU=${amtSetupOu}`)) {
    problems.push(`it has neither the AMT Provisioning application policy (${oid.amtProvisioning}) nor the OU "${amtSetupOu}"`);
  }
  const cn = commonNameOf(issued.subject);
  if (cn?.toLowerCase() !== hostFqdn.toLowerCase() && !issued.dnsNames.some((n) => n.toLowerCase() === hostFqdn.toLowerCase())) {
    problems.push(`its subject does not contain the service point's FQDN ${hostFqdn}`);
  }
  return problems;
};

/**
 * What keeps a site system from serving HTTPS with the certificate bound on its Default Web Site. Names
 * that differ from the site system's FQDNs are not checked here: ConfigMgr accepts them and clients fail
 * later, which finding CM-SITE-SYSTEM-FQDN reports.
 */
export const siteSystemProblems = (world: ConfigMgrView, host: string): string[] => {
  const bound = Object.values(world.hosts.iis[host] ?? {})
    .flatMap((s) => s.bindings)
    .find((b) => b.protocol === 'https')?.thumbprint;
  if (!bound) return ['no certificate is bound to https on its Default Web Site'];
  const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === bound);
  if (!issued) return [`the bound certificate ${bound} was not issued by the lab CA`];
  const problems: string[] = [];
  if (!issued.ekus.includes(oid.serverAuth)) problems.push('the certificate lacks Server Authentication');
  if (issued.keyProvider === 'ksp')
    problems.push('its key is in a CNG key storage provider (version 3 template), which site systems of this ConfigMgr version cannot use');
  return problems;
};
