import type { StepperView } from './controller.ts';
import { statusText } from './prerequisites.ts';
import { worldTabs } from './world-panel.ts';

/** The screen as plain lines, with the same information as the full screen: used when output is not a terminal. */
export const viewLines = (view: StepperView): string[] => {
  const lines: string[] = [
    `pkilab step — ${view.procedure?.title ?? 'choose a procedure'}${view.quiz ? ' — QUIZ' : ''} — ${view.folder.log} @ ${view.lab.world.now}`,
  ];
  if (view.message) lines.push(`  ${view.message}`);
  const last = view.last;
  if (last) {
    lines.push(`Last: ${last.title} — ${last.rejection ? 'rejected' : last.leftOut ? 'left out' : 'done'}`);
    if (last.rejection)
      lines.push(`  ✗ ${last.rejection.code} ${last.rejection.name}: ${last.rejection.text}`, `    ${last.rejection.reason}`);
    for (const change of last.changes) lines.push(`  ${change.area}: ${change.text}`);
    if (!last.rejection && last.changes.length === 0)
      lines.push(
        last.leftOut ? '  nothing was done; later steps meet the world as it is' : '  no visible change in the world; as it stands:',
        ...(last.unchanged ?? []).map((l) => `    ${l}`),
      );
    for (const line of last.quiz ?? []) lines.push(`  ? ${line}`);
  }
  const { open, fresh, resolved, earlier } = view.findings;
  lines.push(`Findings here: ${open.length || 'none above informational'}`);
  for (const f of open)
    lines.push(`  ${fresh.includes(f.id) ? 'NEW ' : ''}[${f.severity}] ${f.id}: ${f.message}`, `    fix: ${f.fix.procedure}`);
  for (const r of resolved) lines.push(`  ✓ resolved by "${r.by}": ${r.finding.id}`);
  for (const r of earlier) lines.push(`  ✓ resolved earlier by "${r.by}": ${r.finding.id}`);
  for (const tab of worldTabs) lines.push(`World › ${tab}:`, ...view.world[tab].map((l) => `  ${l}`));
  if (!view.procedure) {
    lines.push('Procedures:');
    view.procedures.forEach(({ procedure, status }, i) =>
      lines.push(`  ${i + 1}) ${procedure.id} — ${procedure.title} [${statusText(status)}]`),
    );
    return lines;
  }
  const c = view.checklist!;
  lines.push(`Procedure ${view.procedure.id}:`);
  for (const id of c.done) lines.push(c.skipped.includes(id) ? `  – ${id} (left out)` : `  ✓ ${id}`);
  if (c.current) lines.push(`  ▶ ${c.current}`);
  for (const id of c.upcoming) lines.push(`  · ${id}`);
  if (!view.stepTitle) {
    lines.push('The procedure is complete.');
    return lines;
  }
  lines.push(`Step: ${view.stepTitle}`, `  ${view.purpose}`, ...(view.quiz ? [] : [`  (seed: ${view.seed})`]), 'Choices:');
  view.options.forEach((o, i) => {
    lines.push(`  ${i + 1}) ${o.label}${o.seed && !view.quiz ? " (the seed's choice)" : ''}`);
    for (const f of o.fields) lines.push(`       ${f.label}: ${f.value}`);
    if (o.fields.length === 0) lines.push(`       ${o.detail}`);
  });
  return lines;
};
