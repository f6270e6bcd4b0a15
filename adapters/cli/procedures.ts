import { z } from 'zod';
import { actions, procedures, type ProcedureDefinition } from '../../workflows/index.ts';
import { choiceJsonSchema } from '../scenario/schema.ts';
import { proceduresHelp } from './help.ts';
import type { Io } from './run.ts';

/** `pkilab procedures`: the seed's procedures and their steps, as text or (--json) with each step's choice schema. */
export const proceduresCommand = (args: string[], io: Io): number | Promise<number> => {
  if (args.includes('--help') || args.includes('-h')) return (io.out(proceduresHelp), 0);
  // Loaded only for --mermaid: the charts read labs (bundles, keys), which the plain listing never needs.
  if (args.includes('--mermaid')) return import('./procedures-mermaid.ts').then((m) => m.proceduresMermaid(args, io));
  if (args.includes('--actions')) return listActions(args.includes('--json'), io);
  if (args.includes('--events')) return listEvents(args.includes('--json'), io);
  if (args.includes('--json')) {
    const steps = (p: ProcedureDefinition) =>
      p.steps.map((s) => ({ id: s.id, title: s.title, skippable: s.skippable, choice: choiceJsonSchema(s) }));
    io.out(
      JSON.stringify(
        procedures.map((p) => ({ id: p.id, title: p.title, seedSection: p.seedSection, steps: steps(p) })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const p of procedures) {
    io.out(`${p.id} — ${p.title}\n  ${p.summary}`);
    p.steps.forEach((s, i) =>
      io.out(`  ${String(i + 1).padStart(2)}. ${s.id.padEnd(20)} ${s.title}${s.skippable ? ' (can be skipped)' : ''}`),
    );
  }
  return 0;
};

/** `pkilab procedures --events`: each procedure's machine (its phases and their steps), the events it can produce, its test. */
const listEvents = (json: boolean, io: Io): number => {
  const phases = (p: ProcedureDefinition) =>
    p.phases.map((phase) => ({ id: phase.id, title: phase.title, steps: phase.steps.map((s) => s.id) }));
  if (json) {
    const listed = procedures.map((p) => ({ id: p.id, machine: p.id, phases: phases(p), events: p.events, test: p.test }));
    io.out(JSON.stringify(listed, null, 2));
    return 0;
  }
  for (const p of procedures) {
    io.out(`${p.id} — ${p.title}`);
    for (const phase of phases(p)) io.out(`  ${phase.id.padEnd(10)} ${phase.title}: ${phase.steps.join(', ')}`);
    io.out(`  events:    ${p.events.join(', ')}\n  test:      ${p.test}`);
  }
  return 0;
};

/** `pkilab procedures --actions`: the administrative actions a scenario's `actions:` list and the stepper offer. */
const listActions = (json: boolean, io: Io): number => {
  if (json) {
    const schema = (a: (typeof actions)[number]) => {
      const { $schema: _, ...rest } = z.toJSONSchema(a.schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
      return rest;
    };
    const listed = actions.map((a) => ({ id: a.id, title: a.title, group: a.group, tool: a.tool, example: a.example, choice: schema(a) }));
    io.out(JSON.stringify(listed, null, 2));
    return 0;
  }
  for (const a of actions) io.out(`${a.id.padEnd(36)} ${a.title}\n${' '.repeat(37)}${a.tool}; e.g. ${JSON.stringify(a.example)}`);
  return 0;
};
