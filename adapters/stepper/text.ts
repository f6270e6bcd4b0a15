import type { StepperView } from './controller.ts';
import { statusText } from './prerequisites.ts';
import { worldTabs } from './world-panel.ts';

/** What the last step did: done, left out or rejected, what it changed, and the quiz's answer. */
const lastLines = (last: NonNullable<StepperView['last']>): string[] => {
  const lines = [`Last: ${last.title} — ${last.rejection ? 'rejected' : last.leftOut ? 'left out' : 'done'}`];
  if (last.rejection)
    lines.push(`  ✗ ${last.rejection.code} ${last.rejection.name}: ${last.rejection.text}`, `    ${last.rejection.reason}`);
  for (const change of last.changes) lines.push(`  ${change.area}: ${change.text}`);
  if (!last.rejection && last.changes.length === 0)
    lines.push(
      last.leftOut ? '  nothing was done; later steps meet the world as it is' : '  no visible change in the world; as it stands:',
      ...(last.unchanged ?? []).map((l) => `    ${l}`),
    );
  for (const line of last.quiz ?? []) lines.push(`  ? ${line}`);
  return lines;
};

/** The findings open here (new ones marked) and those resolved, by this step or earlier. */
const findingLines = ({ open, fresh, resolved, earlier }: StepperView['findings']): string[] => [
  `Findings here: ${open.length || 'none above informational'}`,
  ...open.flatMap((f) => [`  ${fresh.includes(f.id) ? 'NEW ' : ''}[${f.severity}] ${f.id}: ${f.message}`, `    fix: ${f.fix.procedure}`]),
  ...resolved.map((r) => `  ✓ resolved by "${r.by}": ${r.finding.id}`),
  ...earlier.map((r) => `  ✓ resolved earlier by "${r.by}": ${r.finding.id}`),
];

/** The procedure's checklist, then its current step and the choices it offers (or that it is complete). */
const procedureLines = (view: StepperView, procedure: NonNullable<StepperView['procedure']>): string[] => {
  const c = view.checklist!;
  const lines = [`Procedure ${procedure.id}:`];
  for (const id of c.done) lines.push(c.skipped.includes(id) ? `  – ${id} (left out)` : `  ✓ ${id}`);
  if (c.current) lines.push(`  ▶ ${c.current}`);
  for (const id of c.upcoming) lines.push(`  · ${id}`);
  if (!view.stepTitle) return [...lines, 'The procedure is complete.'];
  lines.push(`Step: ${view.stepTitle}`, `  ${view.purpose}`, ...(view.quiz ? [] : [`  (seed: ${view.seed})`]), 'Choices:');
  view.options.forEach((o, i) => {
    lines.push(`  ${i + 1}) ${o.label}${o.seed && !view.quiz ? " (the seed's choice)" : ''}`);
    for (const f of o.fields) lines.push(`       ${f.label}: ${f.value}`);
    if (o.fields.length === 0) lines.push(`       ${o.detail}`);
  });
  return lines;
};

/** The screen as plain lines, with the same information as the full screen: used when output is not a terminal. */
export const viewLines = (view: StepperView): string[] => {
  const lines: string[] = [
    `pkilab step — ${view.procedure?.title ?? 'choose a procedure'}${view.quiz ? ' — QUIZ' : ''} — ${view.folder.log} @ ${view.lab.world.now}`,
  ];
  if (view.message) lines.push(`  ${view.message}`);
  if (view.last) lines.push(...lastLines(view.last));
  lines.push(...findingLines(view.findings));
  for (const tab of worldTabs) lines.push(`World › ${tab}:`, ...view.world[tab].map((l) => `  ${l}`));
  if (view.procedure) return [...lines, ...procedureLines(view, view.procedure)];
  lines.push('Procedures:');
  view.procedures.forEach(({ procedure, status }, i) =>
    lines.push(`  ${i + 1}) ${procedure.id} — ${procedure.title} [${statusText(status)}]`),
  );
  return lines;
};
