import { HostName, type KeyRef, type Thumbprint } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import { builtinTemplates } from '../ca/builtins.ts';
import { defaultCrlSettings, type CrlSettings } from '../ca/crl-settings.ts';
import { defaultProvider, defaultSignatureHash, type CaProvider, type SignatureHash } from '../ca/setup.ts';
import { defaultCaSettings, type CaEdition, type CaOs, type CaSettings } from '../ca/model.ts';
import type { CertificateProfile, Rdn } from '../ca/profile.ts';
import { addDays } from '../shared/time.ts';
import type { LabEvent } from './events.ts';
import { caSubjectIn, contoso, networkOf, type NetworkDefinition } from './network.ts';

export { contoso } from './network.ts';

export interface CaSetup {
  readonly edition: CaEdition;
  readonly os: CaOs;
  /** Settings that differ from a fresh AD CS installation's. */
  readonly settings?: Partial<CaSettings>;
  /** Setup wizard choices; left out, the OS's proposals (ca/setup.ts). */
  readonly provider?: CaProvider;
  readonly hashAlgorithm?: SignatureHash;
  /** The May 2022 SID-extension update (KB5014754) is installed; left out, it is. */
  readonly sidUpdate?: boolean;
  /** CRL periods and CDP/AIA URLs; left out, a fresh CA's (weekly base, daily delta, LDAP and HTTP). */
  readonly crl?: CrlSettings;
  /** The forest the CA is installed in (domain, computers, users, groups, site FQDNs); left out, the seed's test network. */
  readonly network?: NetworkDefinition;
}

/** The CA's own key and certificate, made by the signer before the lab's first event. */
interface CaMaterial {
  readonly keyRef: KeyRef;
  readonly certificate: string;
  readonly thumbprint: Thumbprint;
  /** Drawn at the lab's creation (never by the domain): the tick count issued serials start from. */
  readonly serialTickBase: number;
}

export const caSubject: readonly Rdn[] = caSubjectIn(contoso.dnsName);

/** The CA's subject in the lab's domain. */
export const caSubjectOf = (ca: CaSetup): readonly Rdn[] => (ca.network?.domain ? caSubjectIn(ca.network.domain.dnsName) : caSubject);
const caValidityDays = 5 * 365;

/** The root CA's certificate to make: when, its key (reference and public part), serial, hash and subject. */
interface CaCertificateRequest {
  readonly startsAt: SimTime;
  readonly keyRef: KeyRef;
  readonly publicKey: string;
  readonly serialNumber: string;
  readonly signatureHash: SignatureHash;
  /** The seed's contoso.com CA when left out. */
  readonly subject?: readonly Rdn[];
}

/**
 * What the root CA's self-signed certificate contains (AD CS defaults: 5 years, CA Version V0.0). The serial is
 * drawn at the lab's creation, so two labs' CAs never share issuer and serial (NSS refuses that).
 */
export const caCertificateProfile = ({
  startsAt,
  keyRef,
  publicKey,
  serialNumber,
  signatureHash,
  subject = caSubject,
}: CaCertificateRequest): CertificateProfile => ({
  serialNumber,
  signatureHash,
  subject,
  issuer: subject,
  signingKeyRef: keyRef,
  publicKey,
  notBefore: startsAt,
  notAfter: addDays(startsAt, caValidityDays),
  extensions: [
    { kind: 'keyUsage', usages: ['digitalSignature', 'keyCertSign', 'cRLSign'], critical: false },
    { kind: 'basicConstraints', ca: true, critical: true },
    { kind: 'subjectKeyIdentifier' },
    { kind: 'caVersion', value: 0 },
  ],
});

const osLabel: Record<CaOs, string> = {
  'windows-server-2008': 'Windows Server 2008',
  'windows-server-2008-r2': 'Windows Server 2008 R2',
  'windows-server-2012': 'Windows Server 2012',
};

/** The setup choices with the OS's proposals filled in. */
export const caSetupChoices = (ca: CaSetup) => ({
  provider: ca.provider ?? defaultProvider(ca.os),
  hashAlgorithm: ca.hashAlgorithm ?? defaultSignatureHash(ca.os),
  sidUpdate: ca.sidUpdate ?? true,
});

/** The events that build the test network; the log alone reproduces it. */
export const testNetwork = (startsAt: SimTime, ca: CaSetup, material: CaMaterial): LabEvent[] => {
  const network = networkOf(ca.network, osLabel[ca.os], startsAt);
  return [
    { type: 'LabCreated', data: { domain: network.domain, startsAt } },
    ...network.principals.map((principal): LabEvent => ({ type: 'PrincipalCreated', data: { principal } })),
    ...network.memberships.map((m): LabEvent => ({ type: 'GroupMemberAdded', data: m })),
    ...network.hosts.map((h): LabEvent => ({ type: 'HostProvisioned', data: h })),
    ...network.tokens.map((t): LabEvent => ({ type: 'ComputerRestarted', data: { computer: t.computer, tokenGroups: t.groups } })),
    ...builtinTemplates.map((template): LabEvent => ({ type: 'TemplatePublished', data: { template } })),
    {
      type: 'CaInstalled',
      data: {
        authority: {
          name: contoso.caName,
          host: HostName(contoso.caServer),
          edition: ca.edition,
          os: ca.os,
          keyRef: material.keyRef,
          subject: caSubjectOf(ca),
          notBefore: startsAt,
          notAfter: addDays(startsAt, caValidityDays),
          certificate: material.certificate,
          thumbprint: material.thumbprint,
          settings: { ...defaultCaSettings, ...ca.settings },
          // An enterprise CA issues Web Server (among other v1 templates) from the day it is installed.
          templatesToIssue: ['WebServer'],
          ...caSetupChoices(ca),
          serialTickBase: material.serialTickBase,
          crl: ca.crl ?? defaultCrlSettings,
        },
      },
    },
  ];
};
