import { formatDn, type IssuedCertificate, type World } from '../../../domain/index.ts';
import type { CertSummary, WorldView } from '../api.ts';

/** The issued certificate behind a thumbprint, as the CA's database holds it. */
export const issuedByThumbprint = (world: World, thumbprint: string): IssuedCertificate | undefined => {
  const serial = world.ca.serialByThumbprint[thumbprint];
  return (serial ? world.ca.issued[serial] : undefined) ?? Object.values(world.ca.issued).find((c) => c.thumbprint === thumbprint);
};

export const certSummary = (c: IssuedCertificate): CertSummary => ({
  thumbprint: c.thumbprint, serial: c.serialNumber, subject: c.subject, sans: [...c.dnsNames.map((d) => `DNS:${d}`), ...c.upns.map((u) => `UPN:${u}`)],
  ekus: [...c.ekus], template: c.template, notBefore: c.notBefore, notAfter: c.notAfter, requester: c.requester, entity: `certificate:${c.thumbprint}`,
});

const stored = (world: World, thumbprint: string, template: string): CertSummary => {
  const issued = issuedByThumbprint(world, thumbprint);
  if (issued) return certSummary(issued);
  return { thumbprint, serial: '', subject: '', sans: [], ekus: [], template, notBefore: '', notAfter: '', requester: null, entity: `certificate:${thumbprint}` };
};

/** The world at a position in the terms of the consoles, each entity with the key its history ("why") is asked by. */
export const worldView = (world: World): WorldView => {
  const { directory, ca, hosts } = world;
  const principals = Object.values(directory.principals);
  const groupsOf = (name: string) => Object.entries(directory.members).filter(([, m]) => m.includes(name)).map(([g]) => g);
  const authority = Object.values(ca.authorities)[0];
  const crls = authority ? ca.crls[authority.name] : undefined;
  return {
    directory: {
      users: principals.filter((p) => p.kind === 'user').map((p) => ({ name: p.name, groups: groupsOf(p.name), entity: `principal:${p.name}` })),
      computers: principals.filter((p) => p.kind === 'computer').map((p) => ({
        name: p.name, dns: p.dnsHostName ?? '', groups: groupsOf(p.name), tokenGroups: [...(directory.tokens[p.name]?.groups ?? [])],
        lastRestart: hosts.hosts[p.name]?.lastBoot ?? directory.tokens[p.name]?.issuedAt ?? null, entity: `principal:${p.name}`,
      })),
      groups: principals.filter((p) => p.kind === 'group').map((p) => ({ name: p.name, members: [...(directory.members[p.name] ?? [])], entity: `principal:${p.name}` })),
    },
    templates: Object.values(ca.templates).map((t) => ({
      name: t.name, displayName: t.displayName, schemaVersion: t.schemaVersion, entity: `template:${t.name}`,
      tabs: {
        general: { displayName: t.displayName, name: t.name, validityDays: t.validityDays, renewalDays: t.renewalDays, oid: t.oid, compatibility: t.compatibility ?? null },
        requestHandling: { exportableKey: t.exportableKey, minimalKeySize: t.minimalKeySize, keyProvider: t.keyProvider, purpose: t.purpose ?? null },
        subjectName: t.subjectName,
        extensions: { ekus: t.ekus, applicationPolicies: t.applicationPolicies, keyUsage: t.keyUsage, issuancePolicies: t.issuancePolicies ?? [] },
        security: t.acl,
        issuance: { managerApproval: t.managerApproval, autoenrollment: t.autoenrollment, supersedes: t.supersedes ?? [], noSecurityExtension: t.noSecurityExtension ?? false },
      },
    })),
    ca: authority ? {
      name: authority.name, running: ca.stopped[authority.name] === undefined, templatesToIssue: [...authority.templatesToIssue], entity: `ca:${authority.name}`,
      pending: Object.values(ca.pending).map((r) => ({ requestId: r.requestId, requester: r.requester, template: r.template, subject: r.requested?.commonName ?? '' })),
      issued: Object.values(ca.issued).map(certSummary),
      revoked: Object.values(ca.revocations).map((r) => ({ serial: r.serialNumber, reason: r.reason, at: r.revokedAt })),
      crls: [crls?.base, crls?.delta].flatMap((c) => (c ? [{ number: c.crlNumber, thisUpdate: c.thisUpdate, nextUpdate: c.nextUpdate, published: true }] : [])),
    } : null,
    stores: Object.entries(hosts.stores).flatMap(([host, stores]) =>
      Object.entries(stores).map(([store, certs]) => ({ host, store, entity: `store:${host}`, certs: (certs ?? []).map((c) => stored(world, c.thumbprint, c.template)) }))),
    iis: Object.entries(hosts.iis).flatMap(([host, sites]) => Object.values(sites).flatMap((s) => s.bindings.map((b) => ({
      host, site: s.name, binding: `${b.protocol}:${b.port}`, thumbprint: b.thumbprint ?? null,
      subject: b.thumbprint ? issuedByThumbprint(world, b.thumbprint)?.subject ?? null : null, entity: `iis:${host}/${s.name}`,
    })))),
    gpo: Object.fromEntries(Object.values(directory.gpos).map((g) => [g.name, { ...g, entity: `gpo:${g.name}` }])),
    configmgr: { ...world.configmgr },
  };
};

/** The CA certificate's subject, for a world view's header. */
export const caSubject = (world: World): string | undefined => {
  const authority = Object.values(world.ca.authorities)[0];
  return authority ? formatDn(authority.subject) : undefined;
};
