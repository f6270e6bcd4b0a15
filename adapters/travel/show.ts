import { evaluateFindings, formatDn, type World } from '../../domain/index.ts';

export const sections = ['directory', 'ca', 'stores', 'iis', 'gpo', 'configmgr', 'findings'] as const;
export type Section = (typeof sections)[number];

/** Each section of the world: its lines as the consoles would show them, and its data for --json. */
const parts: Record<Section, (world: World) => [string[], unknown]> = {
  directory: (world) => {
    const groups = Object.entries(world.directory.members).filter(([, m]) => m.length > 0);
    return [groups.map(([g, m]) => `  ${g}: ${m.join(', ')}`), { members: world.directory.members, tokens: world.directory.tokens }];
  },
  ca: (world) => {
    const custom = Object.values(world.ca.templates);
    const authorities = Object.values(world.ca.authorities);
    return [
      [
        ...authorities.map((a) => `  ${a.name} (${a.edition}, ${a.os}) ${formatDn(a.subject)} issues: ${a.templatesToIssue.join(', ')}`),
        ...custom.map(
          (t) =>
            `  template ${t.displayName} [${t.name}] v${t.schemaVersion} ${t.subjectName.source}${t.exportableKey ? ' exportable' : ''}${t.managerApproval ? ' approval' : ''}; ${t.acl.map((a) => `${a.principal}: ${a.allow.join('+')}${a.deny.length ? ` deny ${a.deny.join('+')}` : ''}`).join('; ')}`,
        ),
        ...Object.values(world.ca.issued).map(
          (c) =>
            `  issued #${c.requestId} ${c.thumbprint} ${c.template} → ${c.requester} (${c.subject || 'empty subject'}${c.dnsNames.length ? `; DNS ${c.dnsNames.join(', ')}` : ''})`,
        ),
        ...Object.values(world.ca.pending).map((r) => `  pending #${r.requestId} ${r.template} ← ${r.requester}`),
      ],
      {
        authorities: authorities.map(({ certificate: _c, ...a }) => a),
        templates: world.ca.templates,
        issued: Object.values(world.ca.issued).map(({ der: _d, ...c }) => c),
        pending: world.ca.pending,
      },
    ];
  },
  stores: (world) => [
    Object.entries(world.hosts.stores).flatMap(([host, stores]) =>
      Object.entries(stores).flatMap(([store, certs]) =>
        (certs ?? []).map((c) => `  ${host} ${store}: ${c.thumbprint} ${c.template}${c.exportableKey ? ' (exportable key)' : ''}`),
      ),
    ),
    world.hosts.stores,
  ],
  iis: (world) => [
    Object.entries(world.hosts.iis).flatMap(([host, sites]) =>
      Object.values(sites).flatMap((s) =>
        s.bindings.map((b) => `  ${host} ${s.name} ${b.protocol}:${b.port} → ${b.thumbprint ?? 'no certificate'}`),
      ),
    ),
    world.hosts.iis,
  ],
  gpo: (world) => [
    Object.values(world.directory.gpos).map(
      (g) => `  ${g.name} (${g.linkedTo ?? 'not linked'}): Auto-Enrollment ${g.autoenrollment.configurationModel}`,
    ),
    world.directory.gpos,
  ],
  configmgr: (world) => [
    [
      ...Object.values(world.configmgr.siteSystems).map(
        (s) => `  site system ${s.host}: ${[s.intranetFqdn, s.internetFqdn].filter(Boolean).join(', ')}`,
      ),
      ...Object.values(world.configmgr.cloudDistributionPoints).map((c) => `  cloud DP ${c.serviceFqdn}: ${c.thumbprint}`),
      ...Object.values(world.configmgr.distributionPoints).map((d) => `  DP ${d.host}: ${d.thumbprint}`),
      ...Object.entries(world.configmgr.enrollmentProfiles).map(([p, t]) => `  ${p} enrollment profile: ${t}`),
      ...(world.configmgr.outOfBand.servicePoint ? [`  out of band service point ${world.configmgr.outOfBand.servicePoint.host}`] : []),
    ],
    world.configmgr,
  ],
  findings: (world) => {
    const findings = evaluateFindings(world);
    return [findings.map((f) => `  [${f.severity}] ${f.id}: ${f.message}`), findings];
  },
};

/** The world at a moment, section by section, as the consoles would show it. */
export const showWorld = (world: World, only?: Section): { lines: string[]; json: Record<string, unknown> } => {
  const chosen = only ? [only] : sections;
  const lines = [`position ${world.position} at ${world.now}`];
  const json: Record<string, unknown> = { position: world.position, time: world.now };
  for (const section of chosen) {
    const [text, data] = parts[section](world);
    lines.push(`${section}:`, ...(text.length ? text : ['  (nothing)']));
    json[section] = data;
  }
  return { lines, json };
};
