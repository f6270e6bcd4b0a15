import { procedures, type ProcedureDefinition } from '../../workflows/index.ts';
import { choiceJsonSchema } from '../scenario/schema.ts';
import { proceduresHelp } from './help.ts';
import type { Io } from './run.ts';

/** `pkilab procedures`: the seed's procedures and their steps, as text or (--json) with each step's choice schema. */
export const proceduresCommand = (args: string[], io: Io): number => {
  if (args.includes('--help') || args.includes('-h')) return io.out(proceduresHelp), 0;
  if (args.includes('--json')) {
    const steps = (p: ProcedureDefinition) => p.steps.map((s) => ({ id: s.id, title: s.title, skippable: s.skippable, choice: choiceJsonSchema(s) }));
    io.out(JSON.stringify(procedures.map((p) => ({ id: p.id, title: p.title, seedSection: p.seedSection, steps: steps(p) })), null, 2));
    return 0;
  }
  for (const p of procedures) {
    io.out(`${p.id} — ${p.title}\n  ${p.summary}`);
    p.steps.forEach((s, i) => io.out(`  ${String(i + 1).padStart(2)}. ${s.id.padEnd(20)} ${s.title}${s.skippable ? ' (can be skipped)' : ''}`));
  }
  return 0;
};
