import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../../workflows/index.ts';
import type { Io } from '../io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command line a command does not accept: the message says what was expected and what was found. Exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

const flagOf = (name: string, options: Options) => `--${name}${options[name]!.type === 'string' ? ' VALUE' : ''}`;

/** The option a parseArgs message is about: `'--out <value>'`, `'--fast'`, `'-x'`. */
const optionIn = (message: string) => message.match(/'(-{1,2}[^' ]+)/)?.[1] ?? '';

/**
 * parseArgs with pkilab's own messages instead of Node's: an unknown option names the options the
 * command has (and the likely one), a missing or unwanted value names the option and what it takes.
 */
export const parseOptions = <O extends Options>(args: readonly string[], options: O) => {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const found = optionIn(message);
    const names = Object.keys(options).filter((n) => n !== 'help');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const hint = didYouMean(found.replace(/^-+/, '--'), names.map((n) => `--${n}`));
      const expected = names.length ? names.map((n) => flagOf(n, options)).join(', ') : 'no option';
      throw new UsageError(`unknown option ${found}; expected ${expected} or --help${hint ? `; ${hint}` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = found.replace(/^-+/, '');
      const option = Object.entries(options).find(([n, o]) => n === name || o.short === name);
      if (option?.[1].type === 'string') throw new UsageError(`option --${option[0]} expects a value after it, found nothing`);
      throw new UsageError(`option --${option?.[0] ?? name} is a switch and takes no value, found one`);
    }
    throw new UsageError(`${message}`);
  }
};

/** Reports a command line the command does not accept (a UsageError): one line, or JSON with --json; exit 2. */
export const usageFailure = (io: Io, command: string, error: unknown, args: readonly string[]): number => {
  if (!(error instanceof UsageError)) throw error;
  if (args.includes('--json')) io.err(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }));
  else io.err(`pkilab ${command}: ${error.message} (pkilab help ${command} for usage)`);
  return 2;
};
