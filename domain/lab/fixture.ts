import { builtinTemplates } from '../ca/builtins.ts';
import { defaultCrlSettings, type CrlSettings } from '../ca/crl-settings.ts';
import { defaultProvider, defaultSignatureHash, type CaProvider, type SignatureHash } from '../ca/setup.ts';
import { defaultCaSettings, type CaEdition, type CaOs, type CaSettings } from '../ca/model.ts';
import type { CertificateProfile, Rdn } from '../ca/profile.ts';
import type { Principal } from '../directory/model.ts';
import type { Host, IisSite } from '../hosts/model.ts';
import { addDays } from '../shared/time.ts';
import type { LabEvent } from './events.ts';

/** The seed's test network: names every scenario can rely on. */
export const contoso = {
  dnsName: 'contoso.com',
  netbiosName: 'CONTOSO',
  sid: 'S-1-5-21-3623811015-3361044348-30300820',
  domainController: 'DC1',
  caServer: 'CA1',
  caName: 'contoso-CA1-CA',
  siteServer: 'SERVER1',
  client: 'CLIENT1',
  intranetFqdn: 'server1.internal.contoso.com',
  internetFqdn: 'server.contoso.com',
  defaultWebSite: 'Default Web Site',
  /** A user with a mobile device to enroll, and an administrator who enrolls Macs. */
  mobileUser: 'AdeleV',
  macUser: 'MeganB',
  amtComputer: 'AMT1',
  amtFqdn: 'amt1.contoso.com',
  cloudDpServiceFqdn: 'clouddp1.contoso.com',
} as const;

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
}

/** The CA's own key and certificate, made by the signer before the lab's first event. */
export interface CaMaterial {
  readonly keyRef: string;
  readonly certificate: string;
  readonly thumbprint: string;
  /** Drawn at the lab's creation (never by the domain): the tick count issued serials start from. */
  readonly serialTickBase: number;
}

export const caSubject: readonly Rdn[] = [['DC', 'com'], ['DC', 'contoso'], ['CN', contoso.caName]];
const caValidityDays = 5 * 365;

/**
 * What the root CA's self-signed certificate contains (AD CS defaults: 5 years, CA Version V0.0). The serial is
 * drawn at the lab's creation, so two labs' CAs never share issuer and serial (NSS refuses that).
 */
export const caCertificateProfile = (startsAt: string, keyRef: string, publicKey: string, serialNumber: string, signatureHash: SignatureHash): CertificateProfile => ({
  serialNumber,
  signatureHash,
  subject: caSubject,
  issuer: caSubject,
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

const sid = (rid: number) => `${contoso.sid}-${rid}`;
const group = (name: string, rid: number): Principal => ({ name, sid: sid(rid), kind: 'group', builtin: true });
const computer = (name: string, rid: number, fqdn: string, primaryGroup = 'Domain Computers'): Principal => ({
  name, sid: sid(rid), kind: 'computer', builtin: true, dnsHostName: fqdn, primaryGroup,
});

const principals: Principal[] = [
  { name: 'Everyone', sid: 'S-1-1-0', kind: 'well-known', builtin: true },
  { name: 'Authenticated Users', sid: 'S-1-5-11', kind: 'well-known', builtin: true },
  group('Domain Admins', 512),
  group('Domain Users', 513),
  group('Domain Computers', 515),
  group('Domain Controllers', 516),
  group('Enterprise Admins', 519),
  { name: 'Administrator', sid: sid(500), kind: 'user', builtin: true, userPrincipalName: `Administrator@${contoso.dnsName}`, primaryGroup: 'Domain Users' },
  { name: contoso.mobileUser, sid: sid(1010), kind: 'user', builtin: true, userPrincipalName: `adelev@${contoso.dnsName}`, primaryGroup: 'Domain Users' },
  { name: contoso.macUser, sid: sid(1011), kind: 'user', builtin: true, userPrincipalName: `meganb@${contoso.dnsName}`, primaryGroup: 'Domain Users' },
  computer(contoso.domainController, 1000, `dc1.${contoso.dnsName}`, 'Domain Controllers'),
  computer(contoso.caServer, 1001, `ca1.${contoso.dnsName}`),
  computer(contoso.siteServer, 1002, contoso.intranetFqdn),
  computer(contoso.client, 1003, `client1.${contoso.dnsName}`),
];

const osLabel: Record<CaOs, string> = { 'windows-server-2008': 'Windows Server 2008', 'windows-server-2008-r2': 'Windows Server 2008 R2', 'windows-server-2012': 'Windows Server 2012' };

/** The setup choices with the OS's proposals filled in. */
export const caSetupChoices = (ca: CaSetup) => ({
  provider: ca.provider ?? defaultProvider(ca.os),
  hashAlgorithm: ca.hashAlgorithm ?? defaultSignatureHash(ca.os),
  sidUpdate: ca.sidUpdate ?? true,
});

const hosts = (startsAt: string, caOs: CaOs): Array<{ host: Host; iisSites: IisSite[] }> => [
  { host: { name: contoso.domainController, fqdn: `dc1.${contoso.dnsName}`, os: 'Windows Server 2008', roles: ['domain controller'], lastBoot: startsAt }, iisSites: [] },
  { host: { name: contoso.caServer, fqdn: `ca1.${contoso.dnsName}`, os: osLabel[caOs], roles: ['certification authority'], lastBoot: startsAt }, iisSites: [] },
  {
    host: { name: contoso.siteServer, fqdn: contoso.intranetFqdn, internetFqdn: contoso.internetFqdn, os: 'Windows Server 2008 R2', roles: ['iis', 'configmgr site system'], lastBoot: startsAt },
    iisSites: [{ name: contoso.defaultWebSite, bindings: [{ protocol: 'https', port: 443 }] }],
  },
  { host: { name: contoso.client, fqdn: `client1.${contoso.dnsName}`, os: 'Windows Vista SP2', roles: ['configmgr client'], lastBoot: startsAt }, iisSites: [] },
];

/** The events that build the test network; the log alone reproduces it. */
export const testNetwork = (startsAt: string, ca: CaSetup, material: CaMaterial): LabEvent[] => {
  const computers = principals.filter((p) => p.kind === 'computer');
  return [
    { type: 'LabCreated', data: { domain: { dnsName: contoso.dnsName, netbiosName: contoso.netbiosName, sid: contoso.sid }, startsAt } },
    ...principals.map((principal): LabEvent => ({ type: 'PrincipalCreated', data: { principal } })),
    ...['Domain Admins', 'Enterprise Admins'].map((g): LabEvent => ({ type: 'GroupMemberAdded', data: { group: g, member: 'Administrator' } })),
    ...hosts(startsAt, ca.os).map((h): LabEvent => ({ type: 'HostProvisioned', data: h })),
    ...computers.map((c): LabEvent => ({
      type: 'ComputerRestarted',
      data: { computer: c.name, tokenGroups: ['Authenticated Users', 'Everyone', c.primaryGroup ?? 'Domain Computers'].sort() },
    })),
    ...builtinTemplates.map((template): LabEvent => ({ type: 'TemplatePublished', data: { template } })),
    {
      type: 'CaInstalled',
      data: {
        authority: {
          name: contoso.caName,
          host: contoso.caServer,
          edition: ca.edition,
          os: ca.os,
          keyRef: material.keyRef,
          subject: caSubject,
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
