import { ekuName, findTemplate, templateAsTyped, TemplateName, formatDn, type World } from '../../domain/index.ts';

/** The tabs of the world panel: what the procedure touches, every certificate, the computers' tokens, the GPOs. */
export const worldTabs = ['procedure', 'certificates', 'computers', 'gpo'] as const;
export type WorldTab = (typeof worldTabs)[number];

const day = (t: string) => t.slice(0, 10);
const minutes = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
const age = (from: string, to: string) => {
  const m = minutes(from, to);
  return m < 60 ? `${m} min` : m < 2880 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} days`;
};
const storeName = (store: string) =>
  store === 'personal'
    ? 'Personal (Local Computer)'
    : store === 'amt-firmware'
      ? "AMT firmware store (the management controller's NVRAM, not visible in Windows)"
      : store;

/** Every certificate in every store, with what the certificate says: subject, names, EKUs, validity, template. */
const certificates = (world: World, hosts?: readonly string[]): string[] =>
  Object.entries(world.hosts.stores)
    .filter(([host]) => !hosts || hosts.includes(host))
    .flatMap(([host, stores]) =>
      Object.entries(stores).flatMap(([store, certs]) => {
        const shown = (certs ?? []).filter((c) => !c.archived);
        if (shown.length === 0) return [];
        return [
          `${host} \\ ${storeName(store)}:`,
          ...shown.flatMap((c) => {
            const issued = Object.values(world.ca.issued).find((i) => i.thumbprint === c.thumbprint);
            const template = findTemplate(world.ca, TemplateName(c.template))?.displayName ?? c.template;
            if (!issued) return [`  ${template} ${c.thumbprint}`];
            const names = [...issued.dnsNames.map((n) => `DNS ${n}`), ...issued.upns.map((n) => `UPN ${n}`)];
            const expired = Date.parse(issued.notAfter) <= Date.parse(world.now);
            return [
              `  ${template}: ${issued.subject || '(empty subject)'}${names.length ? `; SAN ${names.join(', ')}` : '; no SAN'}`,
              `    EKU ${issued.ekus.map(ekuName).join(', ') || '(none)'}; valid ${day(issued.notBefore)} to ${day(issued.notAfter)}${expired ? ' (EXPIRED)' : ''}; ${c.hasPrivateKey ? 'private key' : 'no private key'}${c.exportableKey ? ' (exportable)' : ''}; ${c.thumbprint}`,
            ];
          }),
        ];
      }),
    );

/** Each computer's Kerberos token: when it was issued (the last restart), its age, its groups, and memberships it lacks. */
const computers = (world: World, hosts?: readonly string[]): string[] =>
  Object.values(world.directory.principals)
    .filter((p) => p.kind === 'computer' && (!hosts || hosts.includes(p.name)))
    .flatMap((p) => {
      const token = world.directory.tokens[p.name];
      if (!token) return [`${p.name}: not started yet (no token)`];
      const member = Object.entries(world.directory.members)
        .filter(([, m]) => m.includes(p.name))
        .map(([g]) => g);
      const missing = member.filter((g) => !token.groups.includes(g));
      return [
        `${p.name}: last restart ${token.issuedAt.slice(0, 16).replace('T', ' ')}, token ${age(token.issuedAt, world.now)} old`,
        `  token groups: ${token.groups.join(', ') || '(none)'}`,
        ...(missing.length ? [`  joined since the restart (not in the token until it restarts): ${missing.join(', ')}`] : []),
      ];
    });

const consequence: Record<string, string> = {
  enabled: 'computers in its scope autoenroll at startup and every 8 hours',
  disabled: 'autoenrollment is turned off for computers in its scope',
  'not-configured': 'no Auto-Enrollment policy applies: computers never autoenroll, whatever the template allows',
};

/** Each GPO: where it is linked and its Auto-Enrollment setting, with what that setting means. */
export const gpos = (world: World): string[] =>
  Object.values(world.directory.gpos).flatMap((g) => [
    `${g.name} (${g.linkedTo ? `linked to ${g.linkedTo}` : 'not linked: applies nowhere'}): Auto-Enrollment ${g.autoenrollment.configurationModel === 'not-configured' ? 'Not configured' : g.autoenrollment.configurationModel}`,
    `  ${consequence[g.autoenrollment.configurationModel] ?? ''}`,
  ]);

/** The template a procedure works on, what the CA issues, and the https bindings of its computers. */
const procedureTab = (world: World, templateName: string | undefined, hosts: readonly string[]): string[] => {
  const template = templateName ? templateAsTyped(world.ca, templateName) : undefined;
  const authorities = Object.values(world.ca.authorities);
  return [
    ...(template
      ? [
          `template ${template.displayName} (version ${template.schemaVersion}): subject ${template.subjectName.source === 'supply-in-request' ? 'supplied in the request' : 'built from AD'}${template.exportableKey ? ', exportable key' : ''}${template.managerApproval ? ', manager approval' : ''}`,
          `  Security: ${template.acl.map((a) => `${a.principal} ${a.allow.join('+')}${a.deny.length ? ` deny ${a.deny.join('+')}` : ''}`).join('; ')}`,
          `  issued by: ${
            authorities
              .filter((a) => a.templatesToIssue.includes(template.name))
              .map((a) => a.name)
              .join(', ') || 'no CA (not in Certificate Templates to Issue)'
          }`,
        ]
      : ['no template of this procedure yet']),
    ...authorities.map((a) => `CA ${a.name}: ${formatDn(a.subject)}`),
    ...hosts.flatMap((h) =>
      Object.values(world.hosts.iis[h] ?? {}).flatMap((site) =>
        site.bindings.map((b) => `${h} ${site.name} ${b.protocol}:${b.port} → ${b.thumbprint ?? 'no certificate'}`),
      ),
    ),
    ...certificates(world, hosts),
  ];
};

/** The lines of one tab of the world panel. */
export const worldTab = (world: World, tab: WorldTab, template: string | undefined, hosts: readonly string[]): string[] => {
  const lines =
    tab === 'procedure'
      ? procedureTab(world, template, hosts)
      : tab === 'certificates'
        ? certificates(world)
        : tab === 'computers'
          ? computers(world)
          : gpos(world);
  return lines.length ? lines : [tab === 'gpo' ? 'no GPO has been created' : '(nothing yet)'];
};
