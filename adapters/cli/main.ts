import { procedures, type ProcedureDefinition } from '../../workflows/index.ts';
import { choiceJsonSchema } from '../scenario/schema.ts';
import { mainHelp, proceduresHelp } from './help.ts';
import { findingsCommand } from './findings.ts';
import { travelCommand } from './travel.ts';
import { stepCommand } from './step.ts';
import { runCommand, type Io } from './run.ts';
import { reportFailure } from './errors.ts';

const consoleIo: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

const listProcedures = (args: string[], io: Io): number => {
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

/** The pkilab command line; resolves to the process exit code. No error escapes as a stack trace. */
export const main = async (args: string[], io: Io = consoleIo): Promise<number> => {
  try {
    return await dispatch(args, io);
  } catch (error) {
    return reportFailure(io, args[0] ?? '', error, args.includes('--json'));
  }
};

const dispatch = async (args: string[], io: Io): Promise<number> => {
  const [command, ...rest] = args;
  switch (command) {
    case 'run':
      return runCommand(rest, io);
    case 'step':
      return stepCommand(rest, io);
    case 'travel':
      return travelCommand(rest, io);
    case 'findings':
      return findingsCommand(rest, io);
    case 'procedures':
      return listProcedures(rest, io);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(mainHelp);
      return command === undefined ? 2 : 0;
    default:
      io.err(`pkilab: unknown command "${command}"; expected run, step, findings, travel or procedures.\n\n${mainHelp}`);
      return 2;
  }
};
