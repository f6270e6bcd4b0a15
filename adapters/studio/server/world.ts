import type { IssuedCertificate, World } from '../../../domain/index.ts';
import type { CertSummary, WorldView } from '../api.ts';

/** The issued certificate behind a thumbprint, as the CA's database holds it. */
export const issuedByThumbprint = (world: World, thumbprint: string): IssuedCertificate | undefined => {
  const serial = world.ca.serialByThumbprint[thumbprint];
  return (serial ? world.ca.issued[serial] : undefined) ?? Object.values(world.ca.issued).find((c) => c.thumbprint === thumbprint);
};

const certSummary = (c: IssuedCertificate): CertSummary => ({
  thumbprint: c.thumbprint,
  serial: c.serialNumber,
  subject: c.subject,
  sans: [...c.dnsNames.map((d) => `DNS:${d}`), ...c.upns.map((u) => `UPN:${u}`)],
  ekus: [...c.ekus],
  template: c.template,
  notBefore: c.notBefore,
  notAfter: c.notAfter,
  requester: c.requester,
  entity: `certificate:${c.thumbprint}`,
});

const stored = (world: World, thumbprint: string, template: string): CertSummary => {
  const issued = issuedByThumbprint(world, thumbprint);
  if (issued) return certSummary(issued);
  return {
    thumbprint,
    serial: '',
    subject: '',
    sans: [],
    ekus: [],
    template,
    notBefore: '',
    notAfter: '',
    requester: null,
    entity: `certificate:${thumbprint}`,
  };
};

const directoryView = (world: World): WorldView['directory'] => {
  const { directory, hosts } = world;
  const principals = Object.values(directory.principals);
  // Each principal's groups, from one pass over the groups' members (not a search of every group per principal).
  const memberOf = new Map<string, string[]>();
  for (const [group, members] of Object.entries(directory.members))
    for (const m of members) memberOf.set(m, [...(memberOf.get(m) ?? []), group]);
  const groupsOf = (name: string) => memberOf.get(name) ?? [];
  const ofKind = (kind: string) => principals.filter((p) => p.kind === kind);
  return {
    users: ofKind('user').map((p) => ({ name: p.name, groups: groupsOf(p.name), entity: `principal:${p.name}` })),
    computers: ofKind('computer').map((p) => ({
      name: p.name,
      dns: p.dnsHostName ?? '',
      groups: groupsOf(p.name),
      tokenGroups: [...(directory.tokens[p.name]?.groups ?? [])],
      lastRestart: hosts.hosts[p.name]?.lastBoot ?? directory.tokens[p.name]?.issuedAt ?? null,
      entity: `principal:${p.name}`,
    })),
    groups: ofKind('group').map((p) => ({ name: p.name, members: [...(directory.members[p.name] ?? [])], entity: `principal:${p.name}` })),
  };
};

/** Every template with its property sheet's tabs, as the Certificate Templates console shows them. */
const templatesView = (world: World): WorldView['templates'] =>
  Object.values(world.ca.templates).map((t) => ({
    name: t.name,
    displayName: t.displayName,
    schemaVersion: t.schemaVersion,
    entity: `template:${t.name}`,
    tabs: {
      general: { displayName: t.displayName, name: t.name, validityDays: t.validityDays, renewalDays: t.renewalDays, oid: t.oid },
      requestHandling: {
        exportableKey: t.exportableKey,
        minimalKeySize: t.minimalKeySize,
        keyProvider: t.keyProvider,
        purpose: t.purpose ?? null,
      },
      subjectName: t.subjectName,
      extensions: {
        ekus: t.ekus,
        applicationPolicies: t.applicationPolicies,
        keyUsage: t.keyUsage,
        issuancePolicies: t.issuancePolicies ?? [],
      },
      security: t.acl,
      issuance: {
        managerApproval: t.managerApproval,
        autoenrollment: t.autoenrollment,
        supersedes: t.supersedes ?? [],
        compatibility: t.compatibility ?? null,
        noSecurityExtension: t.noSecurityExtension ?? false,
      },
    },
  }));

/** The CA as the Certification Authority console shows it: templates to issue, pending, issued, revoked, CRLs. */
const caView = (world: World): WorldView['ca'] => {
  const { ca } = world;
  const authority = Object.values(ca.authorities)[0];
  if (!authority) return null;
  const crls = ca.crls[authority.name];
  return {
    name: authority.name,
    running: ca.stopped[authority.name] === undefined,
    templatesToIssue: [...authority.templatesToIssue],
    entity: `ca:${authority.name}`,
    pending: Object.values(ca.pending).map((r) => ({
      requestId: r.requestId,
      requester: r.requester,
      template: r.template,
      subject: r.requested?.commonName ?? '',
    })),
    issued: Object.values(ca.issued).map(certSummary),
    revoked: Object.values(ca.revocations).map((r) => ({ serial: r.serialNumber, reason: r.reason, at: r.revokedAt })),
    crls: [crls?.base, crls?.delta].flatMap((c) =>
      c ? [{ number: c.crlNumber, thisUpdate: c.thisUpdate, nextUpdate: c.nextUpdate, published: true }] : [],
    ),
  };
};

const iisView = (world: World): WorldView['iis'] =>
  Object.entries(world.hosts.iis).flatMap(([host, sites]) =>
    Object.values(sites).flatMap((s) =>
      s.bindings.map((b) => ({
        host,
        site: s.name,
        binding: `${b.protocol}:${b.port}`,
        thumbprint: b.thumbprint ?? null,
        subject: b.thumbprint ? (issuedByThumbprint(world, b.thumbprint)?.subject ?? null) : null,
        entity: `iis:${host}/${s.name}`,
      })),
    ),
  );

export type WorldSection = keyof WorldView;

const sections: { readonly [K in WorldSection]: (world: World) => WorldView[K] } = {
  directory: directoryView,
  templates: templatesView,
  ca: caView,
  stores: (world) =>
    Object.entries(world.hosts.stores).flatMap(([host, stores]) =>
      Object.entries(stores).map(([store, certs]) => ({
        host,
        store,
        entity: `store:${host}`,
        certs: (certs ?? []).map((c) => stored(world, c.thumbprint, c.template)),
      })),
    ),
  iis: iisView,
  gpo: (world) => Object.fromEntries(Object.values(world.directory.gpos).map((g) => [g.name, { ...g, entity: `gpo:${g.name}` }])),
  configmgr: (world) => ({ ...world.configmgr }),
};

/**
 * The world at a position in the terms of the consoles, each entity with the key its history ("why") is asked by:
 * every section, or only those asked for.
 */
export function worldView(world: World): WorldView;
export function worldView(world: World, only: readonly WorldSection[] | undefined): Partial<WorldView>;
export function worldView(world: World, only?: readonly WorldSection[]): Partial<WorldView> {
  const wanted = only ?? (Object.keys(sections) as WorldSection[]);
  return Object.fromEntries(wanted.map((k) => [k, sections[k](world)]));
}
