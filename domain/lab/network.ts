import { HostName } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import type { Principal } from '../directory/model.ts';
import { contoso, groupsByMember, seedComputers, seedPrincipals, sid, tokenGroups, type SeedComputer } from './network-seed.ts';
import type { Host, IisSite } from '../hosts/model.ts';
import type { Rdn } from '../ca/profile.ts';

export { contoso };

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

type Computer = SeedComputer & { ou: string | undefined; dnsHostName: string };
/** The next RID for an added account: computers first, then users, then groups, in the definition's order. */
interface Rids {
  next: number;
}

/** The domain's NetBIOS name: the one given, CONTOSO for the seed's domain, else the first label (at most 15 letters). */
const netbiosOf = (definition: NetworkDefinition, dns: string): string =>
  definition.domain?.netbiosName ?? (dns === contoso.dnsName ? contoso.netbiosName : dns.split('.')[0]!.toUpperCase().slice(0, 15));

/** The seed's computers with the definition's changes, then the computers it adds (by name, case-insensitively). */
const computersOf = (definition: NetworkDefinition, dns: string, caOs: string, rids: Rids) => {
  const computers: Computer[] = seedComputers(dns, definition.site, caOs).map((c) => ({
    ...c,
    ou: undefined as string | undefined,
    dnsHostName: c.fqdn as string,
  }));
  // Looked up by lower-cased name: a lab of 10,000 generated computers must not scan the list for each one.
  const byName = new Map(computers.map((c) => [c.name.toLowerCase(), c]));
  for (const d of definition.computers ?? []) {
    const seed = byName.get(d.name.toLowerCase());
    const fqdn = d.dnsHostName ?? `${d.name.toLowerCase()}.${dns}`;
    const base = seed ?? {
      name: d.name,
      rid: rids.next++,
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
  return { computers, byName };
};

/** Every account: the seed's, the first four computers, the users and groups added, then the other computers. */
const principalsOf = (definition: NetworkDefinition, dns: string, computers: readonly Computer[], rids: Rids): Principal[] => {
  const users = (definition.users ?? []).map(
    (u): Principal => ({
      name: u.name,
      sid: sid(rids.next++),
      kind: 'user',
      builtin: true,
      userPrincipalName: u.upn ?? `${u.name.toLowerCase()}@${dns}`,
      primaryGroup: 'Domain Users',
      ...(u.mail ? { mail: u.mail } : {}),
      ...(u.ou ? { ou: u.ou } : {}),
    }),
  );
  const groups = (definition.groups ?? []).map((g): Principal => ({ name: g.name, sid: sid(rids.next++), kind: 'group', builtin: true }));
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
  return [...seedPrincipals(dns), ...computerPrincipals.slice(0, 4), ...users, ...groups, ...computerPrincipals.slice(4)];
};

/** Group memberships: Administrator's, then those the definition's groups, users and computers name. */
const membershipsOf = (definition: NetworkDefinition, byName: ReadonlyMap<string, Computer>) => [
  ...['Domain Admins', 'Enterprise Admins'].map((g) => ({ group: g, member: 'Administrator' })),
  ...(definition.groups ?? []).flatMap((g) => (g.members ?? []).map((member) => ({ group: g.name, member }))),
  ...(definition.users ?? []).flatMap((u) => (u.groups ?? []).map((g) => ({ group: g, member: u.name }))),
  ...(definition.computers ?? []).flatMap((c) => {
    const member = byName.get(c.name.toLowerCase())!.name;
    return (c.groups ?? []).map((g) => ({ group: g, member }));
  }),
];

/** The machines: each computer as a host booted at the lab's start, with IIS's Default Web Site on 443 where it runs IIS. */
const hostOf = (c: Computer, startsAt: SimTime) => ({
  host: {
    name: HostName(c.name),
    fqdn: c.fqdn,
    ...(c.internetFqdn ? { internetFqdn: c.internetFqdn } : {}),
    os: c.os,
    roles: c.roles,
    lastBoot: startsAt,
  },
  iisSites: c.iis ? [{ name: contoso.defaultWebSite, bindings: [{ protocol: 'https' as const, port: 443 }] }] : [],
});

/** The network a definition describes, laid over the seed's. Account RIDs of added accounts start at 2000. */
export const networkOf = (definition: NetworkDefinition = {}, caOs: string, startsAt: SimTime): Network => {
  const dns = definition.domain?.dnsName ?? contoso.dnsName;
  const rids: Rids = { next: 2000 };
  const { computers, byName } = computersOf(definition, dns, caOs, rids);
  const principals = principalsOf(definition, dns, computers, rids);
  const memberships = membershipsOf(definition, byName);
  const domain = { dnsName: dns, netbiosName: netbiosOf(definition, dns), sid: contoso.sid };
  const members: Record<string, string[]> = {};
  for (const m of memberships) (members[m.group] ??= []).push(m.member);
  const byPrincipal = Object.fromEntries(principals.map((p) => [p.name, p]));
  const index = groupsByMember(members);
  return {
    domain,
    principals,
    memberships,
    hosts: computers.map((c) => hostOf(c, startsAt)),
    tokens: computers.map((c) => ({ computer: HostName(c.name), groups: tokenGroups(byPrincipal, index, c.name) })),
  };
};
