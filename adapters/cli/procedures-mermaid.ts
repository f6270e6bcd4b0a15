import type { RecordedEvent } from '../../domain/index.ts';
import { didYouMean, procedures, type ProcedureDefinition } from '../../workflows/index.ts';
import { chartOf, mermaid } from '../charts/index.ts';
import { openSource } from '../travel/source.ts';
import { UsageError, parseOptions, usageFailure } from './args.ts';
import type { Io } from './run.ts';

const procedureNamed = (id: string): ProcedureDefinition => {
  const found = procedures.find((p) => p.id === id);
  if (found) return found;
  const hint = didYouMean(
    id,
    procedures.map((p) => p.id),
  );
  throw new UsageError(`expected a procedure (${procedures.map((p) => p.id).join(', ')}), found "${id}"${hint ? `; ${hint}` : ''}`);
};

/**
 * `pkilab procedures --mermaid [PROCEDURE] [--lab LOG]`: each procedure's machine as Mermaid stateDiagram-v2,
 * drawn from its definition; with --lab, where that lab stands is lit. One procedure prints bare Mermaid text;
 * all of them print a Markdown page of ```mermaid blocks, one under each procedure's title.
 */
export const proceduresMermaid = async (args: string[], io: Io): Promise<number> => {
  let chosen: ProcedureDefinition[];
  let lab: string | undefined;
  try {
    const parsed = parseOptions(args, { mermaid: { type: 'boolean' }, lab: { type: 'string' } });
    const [procedure, ...extra] = parsed.positionals;
    if (extra.length) throw new UsageError(`expected at most one PROCEDURE after --mermaid, found also ${extra.join(' ')}`);
    chosen = procedure === undefined ? [...procedures] : [procedureNamed(procedure)];
    lab = parsed.values.lab;
  } catch (error) {
    return usageFailure(io, 'procedures', error, args);
  }
  const events: readonly RecordedEvent[] = lab ? (await openSource(lab, (w) => io.err(`warning: ${w}`))).events : [];
  if (chosen.length === 1) {
    io.out(mermaid(chartOf(chosen[0]!, events)).trimEnd());
    return 0;
  }
  for (const p of chosen) io.out(`## ${p.id} — ${p.title}\n\n\`\`\`mermaid\n${mermaid(chartOf(p, events)).trimEnd()}\n\`\`\`\n`);
  return 0;
};
