import { mainHelp } from './help.ts';
import { reportFailure } from './errors.ts';
import type { Io } from './run.ts';

const consoleIo: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

type Command = (args: string[], io: Io) => number | Promise<number>;

/**
 * Every command, loaded only when it runs: `pkilab --help` imports none of them (nor ink, x509, rxjs…).
 * Add a command as one line here; its module is a separate chunk of the build.
 */
const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run.ts')).runCommand,
  step: async () => (await import('./step.ts')).stepCommand,
  travel: async () => (await import('./travel.ts')).travelCommand,
  findings: async () => (await import('./findings.ts')).findingsCommand,
  procedures: async () => (await import('./procedures.ts')).proceduresCommand,
  keys: async () => (await import('./keys.ts')).keysCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  studio: async () => (await import('./studio.ts')).studioCommand,
  labs: async () => (await import('./labs.ts')).labsCommand,
  lab: async () => (await import('./lab.ts')).labCommand,
  class: async () => (await import('./class.ts')).classCommand,
  report: async () => (await import('./report-html.ts')).reportCommand,
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
  if (command !== undefined && Object.hasOwn(commands, command)) return (await commands[command]!())(rest, io);
  if (command === '--version' || command === '-V') {
    io.out(`pkilab ${(await import('./version.ts')).pkilabVersion()}`);
    return 0;
  }
  const names = Object.keys(commands);
  // `pkilab help COMMAND` is `pkilab COMMAND --help`.
  if (command === 'help' && rest[0] !== undefined && Object.hasOwn(commands, rest[0])) return (await commands[rest[0]]!())(['--help'], io);
  if (command === 'help' && rest[0] !== undefined) {
    io.err(`pkilab help: expected a command (${names.join(', ')}), found "${rest[0]}"${await didYouMeanCommand(rest[0], names)}`);
    return 2;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(mainHelp);
    return command === undefined ? 2 : 0;
  }
  io.err(
    `pkilab: unknown command "${command}"; expected ${names.slice(0, -1).join(', ')} or ${names.at(-1)}${await didYouMeanCommand(command, names)}\n\n${mainHelp}`,
  );
  return 2;
};

/** `; did you mean "travel"?` for a mistyped command; the workflows module is loaded only on this error path. */
const didYouMeanCommand = async (word: string, names: readonly string[]): Promise<string> => {
  const hint = names.find((n) => n.toLowerCase() === word.toLowerCase())
    ? `did you mean "${word.toLowerCase()}"?`
    : (await import('../../workflows/index.ts')).didYouMean(word, names);
  return hint ? `; ${hint}` : '';
};
