import { procedures } from '../../workflows/index.ts';
import type { StepperView } from './controller.ts';

export const keysHelp = '↑/↓ or number: choose · Enter: take · b: back one step · f: back on a fork · e: explain · s: save · q: quit';

/** The screen as plain lines: used when standard output is not a terminal, and by tests. */
export const viewLines = (view: StepperView): string[] => {
  const lines: string[] = [`pkilab step — ${view.procedure?.title ?? 'choose a procedure'} — ${view.folder.log} @ ${view.lab.world.now}`];
  if (view.message) lines.push(`  ${view.message}`);
  if (!view.procedure) {
    procedures.forEach((p, i) => lines.push(`  ${i + 1}) ${p.id} — ${p.title}`));
    return lines;
  }
  const c = view.checklist!;
  for (const id of c.done) lines.push(c.skipped.includes(id) ? `  – ${id} (left out)` : `  ✓ ${id}`);
  if (c.current) lines.push(`  ▶ ${c.current}`);
  for (const id of c.upcoming) lines.push(`  · ${id}`);
  if (view.world.length) lines.push('World:', ...view.world.map((w) => `  ${w}`));
  if (view.last) {
    lines.push(`Last step (${view.last.step}):`);
    if (view.last.rejection) lines.push(`  ✗ ${view.last.rejection.code} ${view.last.rejection.name}: ${view.last.rejection.text}`, `    ${view.last.rejection.reason}`);
    for (const change of view.last.changes) lines.push(`  ${change.area}: ${change.text}`);
    for (const f of view.last.newFindings) lines.push(`  ! [${f.severity}] ${f.id}: ${f.message}`, `    fix: ${f.fix.procedure}`);
  }
  if (!view.stepTitle) {
    lines.push('The procedure is complete.');
    return lines;
  }
  lines.push(`Step: ${view.stepTitle}`, `  ${view.purpose}`, `  (seed: ${view.seed})`, 'Choices:');
  view.options.forEach((o, i) => lines.push(`  ${i + 1}) ${o.label} — ${o.detail}`));
  return lines;
};
