import type { StepperView } from './controller.ts';
import { statusText } from './prerequisites.ts';
import { beside, fit, offsetFor, plain, toHeight, windowOf, wrap, type Row } from './rows.ts';
import { worldTabs, type WorldTab } from './world-panel.ts';

/** What the full-screen stepper shows besides the lab: the highlighted line, an open list or question, the world tab. */
export interface ScreenState {
  readonly selected: number;
  readonly tab: WorldTab;
  readonly scroll: number;
  readonly busy: boolean;
  /** A list in place of the choices (earlier steps, actions, an action's proposals) or a text (explain). */
  readonly overlay?: { readonly title: string; readonly items: readonly string[]; readonly selected?: number };
  /** A question that waits for a key (going back cuts the log…). */
  readonly question?: string;
}

const keysLine =
  '↑↓/1-9 choose · Enter take · j jump back · b back · f fork · a actions · Tab world · PgUp/PgDn scroll · e explain · s save · q quit';

const choiceRows = (view: StepperView, state: ScreenState, cols: number, height: number): Row[] => {
  const rows: Row[] = [];
  if (!view.procedure) {
    rows.push(plain('Choose a procedure (Enter):', { bold: true }));
    const items = view.procedures.map(({ procedure, status }, i) =>
      plain(`${i === state.selected ? '›' : ' '} ${i + 1}) ${procedure.title} — ${statusText(status)}`, {
        inverse: i === state.selected,
        dim: status.kind === 'needs',
      }),
    );
    return [...rows, ...windowOf(items, height - 1, offsetFor(state.selected, height - 1, items.length))];
  }
  if (!view.stepTitle)
    return [
      plain('The procedure is complete.', { bold: true, color: 'green' }),
      plain('Choose another with Esc, or go back with j.', { dim: true }),
    ];
  rows.push(plain(`Step: ${view.stepTitle}`, { bold: true }));
  const roomy = height >= 16;
  rows.push(
    ...wrap(view.purpose ?? '', cols)
      .slice(0, roomy ? 4 : 1)
      .map((l) => plain(l)),
  );
  if (!view.quiz && roomy) rows.push(plain(`seed: ${view.seed}`, { dim: true }));
  const option = view.options[state.selected];
  const detail: Row[] = option
    ? [
        plain(`▌ ${option.label}${option.seed && !view.quiz ? " (the seed's choice)" : ''}`, { bold: true }),
        ...(option.fields.length
          ? option.fields.flatMap((f) => wrap(`${f.label}: ${f.value}`, cols, '▌   ').map((l) => plain(l)))
          : wrap(option.detail, cols, '▌   ').map((l) => plain(l))),
      ]
    : [];
  const shownDetail = detail.slice(0, roomy ? Math.max(4, Math.floor(height / 3)) : 3);
  const room = Math.max(2, height - rows.length - 1 - shownDetail.length);
  const items = view.options.map((o, i) =>
    plain(`${i === state.selected ? '›' : ' '} ${i + 1}) ${o.label}${o.seed && !view.quiz ? ' ★' : ''} — ${o.detail}`, {
      inverse: i === state.selected,
    }),
  );
  rows.push(plain('Choices:', { bold: true }), ...windowOf(items, room, offsetFor(state.selected, room, items.length)));
  return [...rows, ...shownDetail].slice(0, height);
};

const checklistRows = (view: StepperView): Row[] => {
  const c = view.checklist;
  if (!c)
    return [
      plain('Procedures', { bold: true }),
      ...view.procedures.map(({ procedure, status }) =>
        plain(`${status.kind === 'done' ? '✓' : status.kind === 'needs' ? '⊘' : '·'} ${procedure.id}`, { dim: status.kind !== 'done' }),
      ),
    ];
  return [
    plain(view.procedure!.id, { bold: true }),
    ...c.done.map((id) => (c.skipped.includes(id) ? plain(`– ${id} (left out)`, { dim: true }) : plain(`✓ ${id}`, { color: 'green' }))),
    ...(c.current ? [plain(`▶ ${c.current}`, { bold: true })] : []),
    ...c.upcoming.map((id) => plain(`· ${id}`, { dim: true })),
  ];
};

/** The findings panel: open findings (new ones marked), then resolutions with the step that made them. */
const findingRows = (view: StepperView, cols: number): Row[] => {
  const { open, fresh, resolved, earlier } = view.findings;
  const finding = (f: (typeof open)[number]) =>
    wrap(`${fresh.includes(f.id) ? 'NEW ' : ''}[${f.severity}] ${f.id}: ${f.message}`, cols, '  ').map((l, i) =>
      plain(l, i === 0 && fresh.includes(f.id) ? { color: 'yellow' } : {}),
    );
  // Announcements first (what the last steps brought and resolved), then the rest of what is open.
  return [
    plain(`Findings here: ${open.length || 'none above informational'}${fresh.length ? ` (${fresh.length} new)` : ''}`, { bold: true }),
    ...open.filter((f) => fresh.includes(f.id)).flatMap(finding),
    ...resolved.map((r) => plain(`  ✓ resolved by "${r.by}": ${r.finding.id}`, { color: 'green' })),
    ...open.filter((f) => !fresh.includes(f.id)).flatMap(finding),
    ...earlier.map((r) => plain(`  ✓ resolved earlier by "${r.by}": ${r.finding.id}`, { dim: true })),
  ];
};

const lastRows = (view: StepperView, cols: number): Row[] => {
  const last = view.last;
  if (!last) return [];
  const rows: Row[] = [plain(`Last: ${last.title} — ${last.rejection ? 'rejected' : last.leftOut ? 'left out' : 'done'}`, { bold: true })];
  if (last.rejection)
    rows.push(
      ...wrap(`✗ ${last.rejection.code} ${last.rejection.name}: ${last.rejection.reason}`, cols, '  ').map((l) =>
        plain(l, { color: 'red' }),
      ),
    );
  rows.push(...last.changes.map((c) => plain(`  ${c.area}: ${c.text}`)));
  if (!last.rejection && last.changes.length === 0)
    rows.push(
      plain(last.leftOut ? '  nothing was done; later steps meet the world as it is' : '  no visible change in the world; as it stands:', {
        dim: true,
      }),
    );
  for (const line of last.unchanged ?? []) rows.push(...wrap(line, cols, '  ').map((l) => plain(l, { color: 'yellow' })));
  for (const line of last.quiz ?? []) rows.push(...wrap(line, cols, '  ? ').map((l) => plain(l, { color: 'cyan' })));
  return rows;
};

const worldRows = (view: StepperView, state: ScreenState, cols: number, height: number): Row[] => {
  const bar: Row = worldTabs.flatMap((t) => [{ text: ` ${t} `, inverse: t === state.tab, bold: t === state.tab }, { text: ' ' }]);
  const lines = view.world[state.tab].flatMap((l) => wrap(l, cols).map((w) => plain(w)));
  return [bar, ...windowOf(lines, height - 1, state.scroll)];
};

/** The middle pane: the overlay when one is open, else the step's choices above what the last step did. */
const mainRows = (view: StepperView, state: ScreenState, cols: number, height: number): Row[] => {
  const overlay = state.overlay;
  if (overlay)
    return [
      plain(overlay.title, { bold: true }),
      ...windowOf(
        overlay.items.map((t, i) => plain(`${i === overlay.selected ? '›' : ' '} ${t}`, { inverse: i === overlay.selected })),
        height - 1,
        offsetFor(overlay.selected ?? 0, height - 1, overlay.items.length),
      ),
    ];
  const lastRoom = height >= 24 ? 8 : 3;
  return [
    ...choiceRows(view, state, cols, height - Math.min(lastRows(view, cols).length, lastRoom)),
    ...lastRows(view, cols).slice(0, lastRoom),
  ];
};

/** The title, the log and the lab's time, then the question asked or the last message. */
const headerRows = (view: StepperView, state: ScreenState): Row[] => [
  plain(`pkilab step — ${view.procedure?.title ?? 'choose a procedure'}${view.quiz ? ' — QUIZ' : ''}`, { bold: true }),
  plain(`${view.folder.log} · ${view.lab.world.now}${state.busy ? ' · working…' : ''}`, { dim: true }),
  plain(state.question ?? view.message ?? '', state.question ? { bold: true, color: 'yellow' } : {}),
];

/** The whole screen as exactly `rows` rows of exactly `cols` characters: nothing scrolls off, nothing is left over. */
export const layout = (view: StepperView, state: ScreenState, cols: number, rows: number): Row[] => {
  const header = headerRows(view, state);
  const body = rows - header.length - 1;
  const wide = cols >= 140;
  const left = wide ? 34 : Math.min(26, Math.floor(cols * 0.3));
  const side = wide ? Math.floor((cols - left) * 0.45) : cols;
  const mainCols = wide ? cols - left - side - 4 : cols - left - 2;
  const bottom = wide ? 0 : Math.max(5, Math.floor(body * 0.4));
  const mainHeight = body - bottom;
  const main = mainRows(view, state, mainCols, mainHeight);
  const panelCols = wide ? side : cols;
  const panelHeight = wide ? body : bottom;
  const findings = findingRows(view, panelCols).slice(0, Math.max(3, Math.floor(panelHeight / 2.5)));
  const panel = [...findings, ...worldRows(view, state, panelCols, panelHeight - findings.length)];
  const top = beside([
    { rows: toHeight(checklistRows(view), mainHeight), cols: left },
    { rows: toHeight(main, mainHeight), cols: mainCols },
    ...(wide ? [{ rows: toHeight(panel, body), cols: side }] : []),
  ]);
  const screen = [...header, ...(wide ? top : [...top, ...toHeight(panel, bottom)]), plain(keysLine, { dim: true })];
  return toHeight(screen, rows).map((r) => fit(r, cols));
};
