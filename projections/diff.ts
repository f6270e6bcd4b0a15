import { evaluateFindings, type Ace, type Template, type World } from '../domain/index.ts';

type ChangeArea = 'directory' | 'gpo' | 'ca' | 'stores' | 'iis' | 'configmgr' | 'workflow' | 'findings';

/** One change between two moments of a lab, in the administrator's words. */
export interface Change {
  readonly area: ChangeArea;
  readonly entity: string;
  readonly text: string;
}

const added = <T>(a: readonly T[] = [], b: readonly T[] = []) => b.filter((x) => !a.includes(x));
const list = (xs: readonly string[]) => xs.join(', ');

/** What can change in one principal's entry, each with how it is said: rights granted, removed, denied, a deny lifted. */
const aceEdits: readonly [rights: (was?: Ace, now?: Ace) => readonly string[], say: (rights: string, p: string) => string][] = [
  [(was, now) => added(was?.allow, now?.allow), (rights, p) => `${rights} granted to ${p}`],
  [(was, now) => added(now?.allow, was?.allow), (rights, p) => `${rights} removed for ${p}`],
  [(was, now) => added(was?.deny, now?.deny), (rights, p) => `${rights} denied to ${p}`],
  [(was, now) => added(now?.deny, was?.deny), (rights, p) => `deny of ${rights} lifted for ${p}`],
];

const aceChanges = (name: string, before: readonly Ace[], after: readonly Ace[]): Change[] => {
  const principals = [...new Set([...before, ...after].map((a) => a.principal))];
  return principals.flatMap((p) => {
    const was = before.find((a) => a.principal === p);
    const now = after.find((a) => a.principal === p);
    return aceEdits
      .map(([rights, say]) => [rights(was, now), say] as const)
      .filter(([rights]) => rights.length > 0)
      .map(([rights, say]) => ({ area: 'ca' as const, entity: `template:${name}`, text: `template ${name}: ${say(list(rights), p)}` }));
  });
};

const templateChanges = (a: World, b: World): Change[] =>
  Object.values(b.ca.templates).flatMap((t: Template) => {
    const old = a.ca.templates[t.name];
    const entity = `template:${t.name}`;
    if (!old) return [{ area: 'ca' as const, entity, text: `template ${t.name} ("${t.displayName}") created, version ${t.schemaVersion}` }];
    const out: Change[] = [];
    if (JSON.stringify(old.subjectName) !== JSON.stringify(t.subjectName))
      out.push({
        area: 'ca',
        entity,
        text: `template ${t.name}: subject name now ${t.subjectName.source === 'supply-in-request' ? 'supplied in the request' : `built from AD (${t.subjectName.format}; alternative names: ${list(t.subjectName.altNames) || 'none'})`}`,
      });
    if (old.exportableKey !== t.exportableKey)
      out.push({
        area: 'ca',
        entity,
        text: `template ${t.name}: private key ${t.exportableKey ? 'may now be exported' : 'no longer exportable'}`,
      });
    if (old.managerApproval !== t.managerApproval)
      out.push({
        area: 'ca',
        entity,
        text: `template ${t.name}: CA certificate manager approval ${t.managerApproval ? 'required' : 'no longer required'}`,
      });
    for (const policy of added(old.applicationPolicies, t.applicationPolicies))
      out.push({ area: 'ca', entity, text: `template ${t.name}: application policy ${policy} added` });
    return [...out, ...aceChanges(t.name, old.acl, t.acl)];
  });

const directoryChanges = (a: World, b: World): Change[] => [
  ...added(Object.keys(a.directory.principals), Object.keys(b.directory.principals)).map((p) => ({
    area: 'directory' as const,
    entity: `principal:${p}`,
    text: `${b.directory.principals[p]!.kind} ${p} created`,
  })),
  ...Object.entries(b.directory.members).flatMap(([g, members]) =>
    added(a.directory.members[g], members).map((m) => ({
      area: 'directory' as const,
      entity: `principal:${g}`,
      text: `${m} added to ${g}`,
    })),
  ),
  ...Object.entries(b.directory.tokens)
    .filter(([c, t]) => a.directory.tokens[c]?.issuedAt !== t.issuedAt)
    .map(([c, t]) => ({
      area: 'directory' as const,
      entity: `principal:${c}`,
      text: `${c} restarted; its token carries ${list(t.groups)}`,
    })),
  ...Object.values(b.directory.gpos)
    .filter((g) => JSON.stringify(a.directory.gpos[g.name]) !== JSON.stringify(g))
    .map((g) => ({
      area: 'gpo' as const,
      entity: `gpo:${g.name}`,
      text: a.directory.gpos[g.name]
        ? `GPO ${g.name}: Auto-Enrollment ${g.autoenrollment.configurationModel} (renew: ${g.autoenrollment.renewExpired}, update templates: ${g.autoenrollment.updateTemplates})`
        : `GPO ${g.name} created${g.linkedTo ? ` and linked to ${g.linkedTo}` : ''}`,
    })),
];

const caChanges = (a: World, b: World): Change[] => [
  ...Object.values(b.ca.authorities).flatMap((ca) =>
    added(a.ca.authorities[ca.name]?.templatesToIssue, ca.templatesToIssue).map((t) => ({
      area: 'ca' as const,
      entity: `ca:${ca.name}`,
      text: `${ca.name} now issues ${t}`,
    })),
  ),
  ...added(Object.keys(a.ca.issued), Object.keys(b.ca.issued))
    .map((s) => b.ca.issued[s]!)
    .map((c) => ({
      area: 'ca' as const,
      entity: `certificate:${c.thumbprint}`,
      text: `${c.ca} issued request ${c.requestId} (${c.template}) to ${c.requester}: ${c.thumbprint}`,
    })),
  ...added(Object.keys(a.ca.pending), Object.keys(b.ca.pending)).map((id) => ({
    area: 'ca' as const,
    entity: `request:${id}`,
    text: `request ${id} pending approval`,
  })),
];

const hostChanges = (a: World, b: World): Change[] => [
  ...Object.entries(b.hosts.stores).flatMap(([host, stores]) =>
    Object.entries(stores).flatMap(([store, certs]) => {
      const before = (a.hosts.stores[host]?.[store as 'personal'] ?? []).map((c) => c.thumbprint);
      return (certs ?? [])
        .filter((c) => !before.includes(c.thumbprint))
        .map((c) => ({
          area: 'stores' as const,
          entity: `store:${host}`,
          text: `${host} ${store} store: certificate ${c.thumbprint} (${c.template}) added`,
        }));
    }),
  ),
  ...Object.entries(b.hosts.iis).flatMap(([host, sites]) =>
    Object.values(sites).flatMap((site) =>
      site.bindings
        .filter(
          (x) =>
            x.thumbprint !==
            a.hosts.iis[host]?.[site.name]?.bindings.find((y) => y.protocol === x.protocol && y.port === x.port)?.thumbprint,
        )
        .map((x) => ({
          area: 'iis' as const,
          entity: `iis:${host}/${site.name}`,
          text: `${host} ${site.name}: ${x.protocol}:${x.port} now presents ${x.thumbprint ?? 'no certificate'}`,
        })),
    ),
  ),
];

const configMgrChanges = (a: World, b: World): Change[] => {
  const x = a.configmgr;
  const y = b.configmgr;
  return [
    ...added(Object.keys(x.siteSystems), Object.keys(y.siteSystems)).map((h) => ({
      area: 'configmgr' as const,
      entity: `configmgr:site-system:${h}`,
      text: `site system ${h} configured with ${[y.siteSystems[h]!.intranetFqdn, y.siteSystems[h]!.internetFqdn].filter(Boolean).join(', ')}`,
    })),
    ...added(Object.keys(x.cloudDistributionPoints), Object.keys(y.cloudDistributionPoints)).map((f) => ({
      area: 'configmgr' as const,
      entity: `configmgr:cloud-dp:${f}`,
      text: `cloud distribution point ${f} created`,
    })),
    ...added(Object.keys(x.distributionPoints), Object.keys(y.distributionPoints)).map((h) => ({
      area: 'configmgr' as const,
      entity: `configmgr:dp:${h}`,
      text: `distribution point ${h}: client certificate imported`,
    })),
    ...(JSON.stringify(x.outOfBand) !== JSON.stringify(y.outOfBand)
      ? [{ area: 'configmgr' as const, entity: 'configmgr:out-of-band', text: `out of band management: ${JSON.stringify(y.outOfBand)}` }]
      : []),
    ...Object.entries(y.enrollmentProfiles)
      .filter(([p, t]) => x.enrollmentProfiles[p as 'mobile'] !== t)
      .map(([p, t]) => ({ area: 'configmgr' as const, entity: `configmgr:enrollment:${p}`, text: `${p} enrollment profile uses ${t}` })),
  ];
};

/** What changed from world `a` to world `b`, as domain changes; `findings` adds findings that appeared or went away. */
export const diffWorlds = (a: World, b: World, options: { findings?: boolean } = {}): Change[] => {
  const out = [...directoryChanges(a, b), ...templateChanges(a, b), ...caChanges(a, b), ...hostChanges(a, b), ...configMgrChanges(a, b)];
  out.push(
    ...b.rejections.slice(a.rejections.length).map((r) => ({
      area: 'workflow' as const,
      entity: `procedure:${r.procedure}`,
      text: `${r.procedure} › ${r.step} rejected: ${r.rejection.code} ${r.rejection.name}`,
    })),
  );
  if (options.findings !== false) {
    const before = new Set(evaluateFindings(a).map((f) => f.id));
    const after = evaluateFindings(b);
    const now = new Set(after.map((f) => f.id));
    out.push(
      ...after
        .filter((f) => !before.has(f.id))
        .map((f) => ({ area: 'findings' as const, entity: f.subject, text: `finding ${f.id} (${f.severity}) appeared` })),
    );
    out.push(
      ...[...before].filter((id) => !now.has(id)).map((id) => ({ area: 'findings' as const, entity: id, text: `finding ${id} resolved` })),
    );
  }
  return out;
};
