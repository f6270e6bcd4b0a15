import type { Thumbprint } from '../shared/ids.ts';
import type { Timed } from '../shared/time.ts';
import { match } from 'ts-pattern';
import { templateAsTyped } from '../ca/lookup.ts';
import { selectCertificate } from '../ca/held.ts';
import { offersAes } from '../hosts/pfx-encryption.ts';
import { refuse } from '../shared/decision.ts';
import { accept, unmet, type Command, type ConfigMgrDecision, type ConfigMgrView } from './decision.ts';
import { enrollDevice, provisionAmtComputer } from './decide-devices.ts';
import type { ConfigMgrCommand } from './commands.ts';
import type { PfxFacts, PfxImport } from './model.ts';
import { amtProvisioningProblems, cloudDpProblems, distributionPointProblems, siteSystemProblems } from './requirements.ts';

/**
 * The PFX facts, or the rejection the import wizard shows for an unusable file. The console runs on the site server:
 * a Windows older than 10 1709 / Server 2019 cannot decrypt an AES256-SHA256 file and reports its password as wrong.
 */
const readable = (pfx: PfxImport, world: ConfigMgrView): Extract<PfxFacts, { readable: true }> | ConfigMgrDecision => {
  const facts = pfx.facts;
  if (!facts) return refuse('PFX_UNREADABLE', `${pfx.file} was not read before the import was decided.`);
  if (!facts.readable) {
    return facts.problem === 'wrong-password'
      ? refuse('PFX_WRONG_PASSWORD', `${pfx.file}: ${facts.detail}`)
      : refuse('PFX_UNREADABLE', `${pfx.file}: ${facts.detail}`);
  }
  const os = Object.values(world.hosts.hosts).find((h) => h.roles.includes('configmgr site system'))?.os;
  if (facts.encryption === 'AES256-SHA256' && os !== undefined && !offersAes(os)) {
    return refuse(
      'PFX_WRONG_PASSWORD',
      `${pfx.file} is protected with AES256-SHA256, which ${os} cannot decrypt: ` +
        'its import says the password is incorrect. Export it again with TripleDES-SHA1.',
    );
  }
  if (!facts.hasPrivateKey)
    return refuse(
      'PFX_NO_PRIVATE_KEY',
      `${pfx.file} holds the certificate ${facts.thumbprint} without its private key; export it again with "Yes, export the private key".`,
    );
  if (!facts.keyMatchesCertificate)
    return refuse('PFX_NO_PRIVATE_KEY', `The private key in ${pfx.file} does not belong to its certificate ${facts.thumbprint}.`);
  return facts;
};

const isDecision = (value: object): value is ConfigMgrDecision => 'kind' in value;
const issuedBy = (world: ConfigMgrView, thumbprint: Thumbprint) => Object.values(world.ca.issued).find((c) => c.thumbprint === thumbprint);

/** The out of band service point: an AMT provisioning certificate from the host's personal store that meets its requirements. */
const outOfBandServicePoint = (
  { host, certificate }: Command<'ConfigureOutOfBandServicePoint'>,
  world: ConfigMgrView,
): ConfigMgrDecision => {
  const stored = selectCertificate(world, host, certificate);
  const issued = stored && issuedBy(world, stored.thumbprint);
  if (!issued)
    return refuse(
      'CERTIFICATE_NOT_IN_STORE',
      `The out of band service point lists the certificates in ${host}'s personal store; none matches.`,
    );
  const problems = amtProvisioningProblems(issued, world.hosts.hosts[host]?.fqdn ?? host);
  if (problems.length > 0)
    return unmet(`The out of band service point refuses ${issued.thumbprint} as the AMT provisioning certificate`, problems);
  return accept({ type: 'OutOfBandServicePointConfigured', data: { host, provisioningThumbprint: issued.thumbprint } });
};

/** Out of band management: the AMT computers' group and the templates of their web server and 802.1X certificates. */
const outOfBandManagement = (
  { amtGroup, webServerTemplate, clientAuthTemplate }: Command<'ConfigureOutOfBandManagement'>,
  world: ConfigMgrView,
): ConfigMgrDecision => {
  if (world.directory.principals[amtGroup]?.kind !== 'group')
    return refuse('NOT_FOUND', `Expected a security group named "${amtGroup}" for AMT computer accounts.`);
  const web = templateAsTyped(world.ca, webServerTemplate);
  const client = clientAuthTemplate ? templateAsTyped(world.ca, clientAuthTemplate) : undefined;
  if (!web) return refuse('NOT_FOUND', `Expected a template named "${webServerTemplate}" for AMT web server certificates.`);
  if (clientAuthTemplate && !client)
    return refuse('NOT_FOUND', `Expected a template named "${clientAuthTemplate}" for 802.1X client certificates.`);
  return accept({
    type: 'OutOfBandManagementConfigured',
    data: { amtGroup, webServerTemplate: web.name, ...(client ? { clientAuthTemplate: client.name } : {}) },
  });
};

export const decideConfigMgr = (command: Timed<ConfigMgrCommand>, world: ConfigMgrView): ConfigMgrDecision =>
  match(command)
    .with({ type: 'ConfigureSiteSystem' }, ({ host, intranetFqdn, internetFqdn }) => {
      if (!world.hosts.hosts[host]) return refuse('NOT_FOUND', `Expected a site system server named "${host}"; the lab has none.`);
      const problems = siteSystemProblems(world, host);
      if (problems.length > 0) return unmet(`The site system ${host} cannot serve HTTPS clients with its bound certificate`, problems);
      return accept({ type: 'SiteSystemConfigured', data: { host, intranetFqdn, ...(internetFqdn ? { internetFqdn } : {}) } });
    })
    .with({ type: 'CreateCloudDistributionPoint' }, ({ serviceFqdn, pfx }) => {
      const facts = readable(pfx, world);
      if (isDecision(facts)) return facts;
      const problems = cloudDpProblems(facts, serviceFqdn, issuedBy(world, facts.thumbprint));
      if (problems.length > 0) return unmet(`The cloud distribution point refuses the certificate in ${pfx.file}`, problems);
      return accept({ type: 'CloudDistributionPointCreated', data: { serviceFqdn, thumbprint: facts.thumbprint, file: pfx.file } });
    })
    .with({ type: 'ImportDistributionPointCertificate' }, ({ host, pfx, pxe, bootMedia }) => {
      const facts = readable(pfx, world);
      if (isDecision(facts)) return facts;
      const problems = distributionPointProblems(facts, issuedBy(world, facts.thumbprint));
      if (problems.length > 0) return unmet(`The distribution point ${host} refuses the certificate in ${pfx.file}`, problems);
      return accept({
        type: 'DistributionPointCertificateImported',
        data: { host, thumbprint: facts.thumbprint, file: pfx.file, pxe, bootMedia },
      });
    })
    .with({ type: 'ConfigureOutOfBandServicePoint' }, (c) => outOfBandServicePoint(c, world))
    .with({ type: 'ConfigureOutOfBandManagement' }, (c) => outOfBandManagement(c, world))
    .with({ type: 'SetEnrollmentProfile' }, ({ platform, template }) => {
      const found = templateAsTyped(world.ca, template);
      if (!found) return refuse('NOT_FOUND', `Expected a template named "${template}" for the ${platform} enrollment profile.`);
      return accept({ type: 'EnrollmentProfileSet', data: { platform, template: found.name } });
    })
    .with({ type: 'EnrollDevice' }, (c) => enrollDevice(c, world))
    .with({ type: 'ProvisionAmtComputer' }, (c) => provisionAmtComputer(c, world))
    .exhaustive();
