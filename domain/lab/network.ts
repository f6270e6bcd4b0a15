import { HostName } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import type { Principal } from '../directory/model.ts';
import { implicitGroups } from '../directory/membership.ts';
import type { Host, IisSite } from '../hosts/model.ts';
import type { Rdn } from '../ca/profile.ts';

/**
 * The forest a scenario describes (`lab:` in a scenario): its domain, computers, users and groups and the ConfigMgr
 * site's FQDNs. Everything left out keeps the seed's test network (contoso.com, DC1, CA1, SERVER1, CLIENT1).
 */
export interface NetworkDefinition {
  readonly domain?: { readonly dnsName: string; readonly netbiosName?: string };
  readonly computers?: readonly ComputerDefinition[];
  readonly users?: readonly UserDefinition[];
  readonly groups?: readonly GroupDefinition[];
  /** The site system's intranet and Internet FQDNs (SERVER1's names). */
  readonly site?: { readonly intranetFqdn?: string; readonly internetFqdn?: string };
}

/** A computer account and its machine; a name of the seed's network changes that computer, another name adds one. */
export interface ComputerDefinition {
  readonly name: string;
  /** dNSHostName; "" leaves the attribute empty, as on an account created before the machine joined (0x8009480F then). */
  readonly dnsHostName?: string;
  readonly os?: string;
  readonly ou?: string;
  readonly groups?: readonly string[];
  readonly roles?: readonly string[];
}
interface UserDefinition {
  readonly name: string;
  readonly upn?: string;
  readonly mail?: string;
  readonly ou?: string;
  readonly groups?: readonly string[];
}
interface GroupDefinition {
  readonly name: string;
  readonly members?: readonly string[];
}

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

/** The CA's distinguished name in a domain: DC components, then the CA's common name. */
export const caSubjectIn = (dnsName: string): Rdn[] => [
  ...dnsName
    .split('.')
    .reverse()
    .map((dc): Rdn => ['DC', dc]),
  ['CN', contoso.caName],
];

interface Network {
  readonly domain: { readonly dnsName: string; readonly netbiosName: string; readonly sid: string };
  readonly principals: readonly Principal[];
  readonly memberships: readonly { readonly group: string; readonly member: string }[];
  readonly hosts: readonly { readonly host: Host; readonly iisSites: readonly IisSite[] }[];
  /** Each computer's token groups at the lab's start. */
  readonly tokens: readonly { readonly computer: HostName; readonly groups: readonly string[] }[];
}

const sid = (rid: number) => `${contoso.sid}-${rid}`;
const group = (name: string, rid: number): Principal => ({ name, sid: sid(rid), kind: 'group', builtin: true });

/** The built-in groups and accounts of the seed's forest, in the domain `dns`. */
const seedPrincipals = (dns: string): Principal[] => [
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

interface SeedComputer {
  name: string;
  rid: number;
  fqdn: string;
  internetFqdn?: string;
  os: string;
  roles: string[];
  primaryGroup: string;
  iis: boolean;
}

const seedComputers = (dns: string, site: NetworkDefinition['site'], caOs: string): SeedComputer[] => [
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
const tokenGroups = (principals: Record<string, Principal>, index: Map<string, string[]>, name: string): string[] => {
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
const groupsByMember = (members: Record<string, string[]>) => {
  const index = new Map<string, string[]>();
  for (const [group, list] of Object.entries(members)) for (const m of list) (index.get(m) ?? index.set(m, []).get(m)!).push(group);
  return index;
};

/** The network a definition describes, laid over the seed's. Account RIDs of added accounts start at 2000. */
export const networkOf = (definition: NetworkDefinition = {}, caOs: string, startsAt: SimTime): Network => {
  const dns = definition.domain?.dnsName ?? contoso.dnsName;
  const netbiosName =
    definition.domain?.netbiosName ?? (dns === contoso.dnsName ? contoso.netbiosName : dns.split('.')[0]!.toUpperCase().slice(0, 15));
  const computers = seedComputers(dns, definition.site, caOs).map((c) => ({
    ...c,
    ou: undefined as string | undefined,
    dnsHostName: c.fqdn as string,
  }));
  let rid = 2000;
  // Looked up by lower-cased name: a lab of 10,000 generated computers must not scan the list for each one.
  const byName = new Map(computers.map((c) => [c.name.toLowerCase(), c]));
  for (const d of definition.computers ?? []) {
    const seed = byName.get(d.name.toLowerCase());
    const fqdn = d.dnsHostName ?? `${d.name.toLowerCase()}.${dns}`;
    const base = seed ?? {
      name: d.name,
      rid: rid++,
      fqdn,
      os: 'Windows 7 SP1',
      roles: [],
      primaryGroup: 'Domain Computers',
      iis: false,
      ou: undefined,
      dnsHostName: fqdn,
    };
    const merged = {
      ...base,
      ...(d.dnsHostName !== undefined ? { dnsHostName: d.dnsHostName, fqdn: d.dnsHostName } : {}),
      ...(d.os ? { os: d.os } : {}),
      ...(d.roles ? { roles: [...d.roles] } : {}),
      ...(d.ou ? { ou: d.ou } : {}),
    };
    if (seed) computers[computers.indexOf(seed)] = merged;
    else computers.push(merged);
    byName.set(merged.name.toLowerCase(), merged);
  }
  const users = (definition.users ?? []).map(
    (u): Principal => ({
      name: u.name,
      sid: sid(rid++),
      kind: 'user',
      builtin: true,
      userPrincipalName: u.upn ?? `${u.name.toLowerCase()}@${dns}`,
      primaryGroup: 'Domain Users',
      ...(u.mail ? { mail: u.mail } : {}),
      ...(u.ou ? { ou: u.ou } : {}),
    }),
  );
  const groups = (definition.groups ?? []).map((g): Principal => ({ name: g.name, sid: sid(rid++), kind: 'group', builtin: true }));
  const computerPrincipals = computers.map(
    (c): Principal => ({
      name: c.name,
      sid: sid(c.rid),
      kind: 'computer',
      builtin: true,
      ...(c.dnsHostName ? { dnsHostName: c.dnsHostName } : {}),
      primaryGroup: c.primaryGroup,
      ...(c.ou ? { ou: c.ou } : {}),
    }),
  );
  const principals = [...seedPrincipals(dns), ...computerPrincipals.slice(0, 4), ...users, ...groups, ...computerPrincipals.slice(4)];
  const memberships = [
    ...['Domain Admins', 'Enterprise Admins'].map((g) => ({ group: g, member: 'Administrator' })),
    ...(definition.groups ?? []).flatMap((g) => (g.members ?? []).map((member) => ({ group: g.name, member }))),
    ...(definition.users ?? []).flatMap((u) => (u.groups ?? []).map((g) => ({ group: g, member: u.name }))),
    ...(definition.computers ?? []).flatMap((c) => {
      const member = byName.get(c.name.toLowerCase())!.name;
      return (c.groups ?? []).map((g) => ({ group: g, member }));
    }),
  ];
  const directory = {
    domain: { dnsName: dns, netbiosName, sid: contoso.sid },
    principals: Object.fromEntries(principals.map((p) => [p.name, p])),
    tokens: {},
    gpos: {},
    members: {} as Record<string, string[]>,
  };
  for (const m of memberships) (directory.members[m.group] ??= []).push(m.member);
  const index = groupsByMember(directory.members);
  return {
    domain: directory.domain,
    principals,
    memberships,
    hosts: computers.map((c) => ({
      host: {
        name: HostName(c.name),
        fqdn: c.fqdn,
        ...(c.internetFqdn ? { internetFqdn: c.internetFqdn } : {}),
        os: c.os,
        roles: c.roles,
        lastBoot: startsAt,
      },
      iisSites: c.iis ? [{ name: contoso.defaultWebSite, bindings: [{ protocol: 'https' as const, port: 443 }] }] : [],
    })),
    tokens: computers.map((c) => ({ computer: HostName(c.name), groups: tokenGroups(directory.principals, index, c.name) })),
  };
};
