// The seed's test network (contoso.com: DC1, CA1, SERVER1, CLIENT1 and their accounts), and the computers' token
// groups at the lab's start; network.ts lays a scenario's definition over it.
import type { Principal } from '../directory/model.ts';
import { implicitGroups } from '../directory/membership.ts';

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

export const sid = (rid: number) => `${contoso.sid}-${rid}`;
const group = (name: string, rid: number): Principal => ({ name, sid: sid(rid), kind: 'group', builtin: true });

/** The built-in groups and accounts of the seed's forest, in the domain `dns`. */
export const seedPrincipals = (dns: string): Principal[] => [
  { name: 'Everyone', sid: 'S-1-1-0', kind: 'well-known', builtin: true },
  { name: 'Authenticated Users', sid: 'S-1-5-11', kind: 'well-known', builtin: true },
  group('Domain Admins', 512),
  group('Domain Users', 513),
  group('Domain Computers', 515),
  group('Domain Controllers', 516),
  group('Enterprise Admins', 519),
  {
    name: 'Administrator',
    sid: sid(500),
    kind: 'user',
    builtin: true,
    userPrincipalName: `Administrator@${dns}`,
    primaryGroup: 'Domain Users',
  },
  {
    name: contoso.mobileUser,
    sid: sid(1010),
    kind: 'user',
    builtin: true,
    userPrincipalName: `adelev@${dns}`,
    primaryGroup: 'Domain Users',
  },
  { name: contoso.macUser, sid: sid(1011), kind: 'user', builtin: true, userPrincipalName: `meganb@${dns}`, primaryGroup: 'Domain Users' },
];

export interface SeedComputer {
  name: string;
  rid: number;
  fqdn: string;
  internetFqdn?: string;
  os: string;
  roles: string[];
  primaryGroup: string;
  iis: boolean;
}

export const seedComputers = (
  dns: string,
  site: { readonly intranetFqdn?: string; readonly internetFqdn?: string } | undefined,
  caOs: string,
): SeedComputer[] => [
  {
    name: contoso.domainController,
    rid: 1000,
    fqdn: `dc1.${dns}`,
    os: 'Windows Server 2008',
    roles: ['domain controller'],
    primaryGroup: 'Domain Controllers',
    iis: false,
  },
  {
    name: contoso.caServer,
    rid: 1001,
    fqdn: `ca1.${dns}`,
    os: caOs,
    roles: ['certification authority'],
    primaryGroup: 'Domain Computers',
    iis: false,
  },
  {
    name: contoso.siteServer,
    rid: 1002,
    fqdn: site?.intranetFqdn ?? (dns === contoso.dnsName ? contoso.intranetFqdn : `server1.internal.${dns}`),
    internetFqdn: site?.internetFqdn ?? (dns === contoso.dnsName ? contoso.internetFqdn : `server.${dns}`),
    os: 'Windows Server 2008 R2',
    roles: ['iis', 'configmgr site system'],
    primaryGroup: 'Domain Computers',
    iis: true,
  },
  {
    name: contoso.client,
    rid: 1003,
    fqdn: `client1.${dns}`,
    os: 'Windows Vista SP2',
    roles: ['configmgr client'],
    primaryGroup: 'Domain Computers',
    iis: false,
  },
];

/**
 * A computer's token groups at the lab's start: what `groupsOf` gives, found through an index of each member's
 * groups built once per directory (a group of 10,000 computers makes the scan of every group's members quadratic).
 */
export const tokenGroups = (principals: Record<string, Principal>, index: Map<string, string[]>, name: string): string[] => {
  const found = new Set<string>(implicitGroups);
  const primary = principals[name]?.primaryGroup;
  const pending = primary ? [name, primary] : [name];
  if (primary) found.add(primary);
  while (pending.length > 0) {
    for (const group of index.get(pending.pop()!) ?? []) {
      if (found.has(group)) continue;
      found.add(group);
      pending.push(group);
    }
  }
  return [...found].sort().filter((g) => g !== name);
};
export const groupsByMember = (members: Record<string, string[]>) => {
  const index = new Map<string, string[]>();
  for (const [group, list] of Object.entries(members)) for (const m of list) (index.get(m) ?? index.set(m, []).get(m)!).push(group);
  return index;
};
