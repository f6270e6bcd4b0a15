// The hosts' deciders (bind, verify, export) in a folder of their own: they read the CA's records (templates, issued
// certificates), while domain/ca installs into the hosts' stores, so domain/hosts itself never imports domain/ca.
import { match } from 'ts-pattern';
import { selectCertificate } from '../../ca/held.ts';
import { templateAsTyped } from '../../ca/lookup.ts';
import type { CaState } from '../../ca/model.ts';
import { ekuName, oid } from '../../shared/oids.ts';
import { refuse } from '../../shared/decision.ts';
import { accept, writePfx, type HostsDecision } from '../decision.ts';
import type { CertificateSelection, HostsCommand } from '../commands.ts';
import type { HostsState } from '../model.ts';
import { defaultPfxEncryption, keyProviderName, offersAes } from '../pfx-encryption.ts';

/** What the certificate-store deciders read of the lab: the computers and the CA's records (World has both). */
interface HostsView {
  readonly hosts: HostsState;
  readonly ca: CaState;
}

type Command<T extends HostsCommand['type']> = Extract<HostsCommand, { type: T }>;

const describe = (selection: CertificateSelection): string =>
  'thumbprint' in selection ? `thumbprint ${selection.thumbprint}` : `a certificate from the "${selection.template}" template`;

/** The template as the consoles show it: its display name, or the name given when the CA has no such template. */
const templateLabel = (ca: CaState, template: string): string => templateAsTyped(ca, template)?.displayName ?? template;

/** The names (DNS names and subject CN, lower-cased) the issued certificate with this thumbprint carries. */
const namesCarried = (ca: CaState, thumbprint: string): ReadonlySet<string> => {
  const issued = Object.values(ca.issued).find((c) => c.thumbprint === thumbprint);
  const names = [...(issued?.dnsNames ?? []), ...(issued?.subject.match(/CN=([^,]+)/)?.slice(1) ?? [])];
  return new Set(names.map((n) => n.toLowerCase()));
};

/** Edit Site Binding: an https binding on a site IIS has, to a certificate with its private key in the store. */
const bind = ({ host, site, port, certificate }: Command<'BindCertificate'>, world: HostsView): HostsDecision => {
  const current = world.hosts.iis[host]?.[site];
  if (!current) return refuse('NOT_FOUND', `Expected an IIS site "${site}" on ${host}; IIS Manager lists none.`);
  const selected = selectCertificate(world, host, certificate);
  if (!selected || !selected.hasPrivateKey) {
    return refuse(
      'CERTIFICATE_NOT_IN_STORE',
      `Edit Site Binding lists the certificates of ${host}'s personal store that have a private key; ${describe(certificate)} is not among them.`,
    );
  }
  const previous = current.bindings.find((b) => b.protocol === 'https' && b.port === port)?.thumbprint ?? null;
  return accept({
    type: 'IisBindingChanged',
    data: { host, site, protocol: 'https', port, thumbprint: selected.thumbprint, previous },
  });
};

/** The https binding presents the certificate requested from the template, and it names every name given. */
const verifyBinding = ({ host, site, template, names }: Command<'VerifyBinding'>, world: HostsView): HostsDecision => {
  const binding = world.hosts.iis[host]?.[site]?.bindings.find((b) => b.protocol === 'https');
  if (!binding?.thumbprint) return refuse('BINDING_MISMATCH', `${host}'s "${site}" has no certificate on its https binding.`);
  const requested = selectCertificate(world, host, { template });
  if (!requested || requested.thumbprint !== binding.thumbprint) {
    return refuse(
      'BINDING_MISMATCH',
      `The https binding of "${site}" presents ${binding.thumbprint}, expected the certificate requested from "${templateLabel(world.ca, template)}" (${requested?.thumbprint ?? 'none in the store'}).`,
    );
  }
  const carried = namesCarried(world.ca, binding.thumbprint);
  const absent = names.filter((n) => !carried.has(n.toLowerCase()));
  if (absent.length > 0) {
    return refuse(
      'BINDING_MISMATCH',
      `The bound certificate does not name ${absent.join(', ')}, which the site system will publish; clients connecting by that name will reject it.`,
    );
  }
  return accept({ type: 'IisBindingVerified', data: { host, site, thumbprint: binding.thumbprint, names } });
};

/** The Certificate Export Wizard: a certificate whose key may be exported, to a plain .pfx file name. */
const exportCertificate = (
  { host, certificate, file, password, encryption }: Command<'ExportCertificate'>,
  world: HostsView,
): HostsDecision => {
  const selected = selectCertificate(world, host, certificate);
  if (!selected) return refuse('CERTIFICATE_NOT_IN_STORE', `${host}'s personal store holds no ${describe(certificate)} to export.`);
  if (!selected.exportableKey) {
    return refuse(
      'KEY_NOT_EXPORTABLE',
      `The certificate ${selected.thumbprint} was requested while its template did not allow the private key to be exported, so it cannot be exported as a PFX. Allow export on the template's Request Handling tab, then request a new certificate.`,
    );
  }
  if (!/^[A-Za-z0-9._-]+\.pfx$/i.test(file))
    return refuse('INVALID_CHOICE', `Expected a plain .pfx file name such as clouddp1.pfx, found "${file}".`);
  const os = world.hosts.hosts[host]?.os ?? '';
  if (encryption === 'AES256-SHA256' && !offersAes(os)) {
    return refuse(
      'INVALID_CHOICE',
      `The Certificate Export Wizard of ${os || host} has no Encryption list: it writes ` +
        'TripleDES-SHA1 (3DES key, SHA-1 MAC); AES256-SHA256 needs Windows 10 1709 or Windows Server 2019 and later.',
    );
  }
  const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === selected.thumbprint);
  const t = selected.thumbprint.toLowerCase();
  return writePfx({
    host,
    thumbprint: selected.thumbprint,
    keyRef: selected.keyRef,
    file,
    password,
    encryption: encryption ?? defaultPfxEncryption(os),
    friendlyName: `{${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20, 32)}}`,
    providerName: keyProviderName(issued?.keyProvider ?? 'csp', issued?.ekus.includes(oid.serverAuth) ?? false),
  });
};

/** The personal store holds a certificate from the template whose intended purposes include the one asked. */
const verifyCertificate = ({ host, template, purpose }: Command<'VerifyCertificate'>, world: HostsView): HostsDecision => {
  const selected = selectCertificate(world, host, { template });
  const issued = selected && Object.values(world.ca.issued).find((c) => c.thumbprint === selected.thumbprint);
  if (!issued)
    return refuse(
      'CERTIFICATE_NOT_VERIFIED',
      `${host}'s personal store shows no certificate whose Certificate Template column reads "${templateLabel(world.ca, template)}".`,
    );
  const purposes = [...new Set([...issued.ekus, ...issued.applicationPolicies])].map(ekuName);
  if (!purposes.includes(purpose))
    return refuse(
      'CERTIFICATE_NOT_VERIFIED',
      `The Intended Purpose column of ${issued.thumbprint} reads ${purposes.join(', ')}, not ${purpose}.`,
    );
  return accept({ type: 'CertificateVerified', data: { host, thumbprint: issued.thumbprint, template: issued.template, purposes } });
};

export const decideHosts = (command: HostsCommand, world: HostsView): HostsDecision =>
  match(command)
    .with({ type: 'BindCertificate' }, (c) => bind(c, world))
    .with({ type: 'VerifyBinding' }, (c) => verifyBinding(c, world))
    .with({ type: 'ExportCertificate' }, (c) => exportCertificate(c, world))
    .with({ type: 'VerifyCertificate' }, (c) => verifyCertificate(c, world))
    .exhaustive();
