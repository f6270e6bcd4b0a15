import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../../workflows/index.ts';
import type { Io } from '../io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command line a command does not accept: the message says what was expected and what was found. Exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

const flagOf = (name: string, options: Options) => `--${name}${options[name]!.type === 'string' ? ' VALUE' : ''}`;

/** Node's test for a value that looks like an option (`--out --json`: the value is ambiguous). */
const optionLike = (value: string) => value.length > 1 && value.startsWith('-');

/**
 * The first option strict parsing refuses, read from parseArgs' own tokens (not from its message): an unknown
 * option, a value option without its value, or a switch given one. Strict parsing checks tokens in this order.
 */
const refusedOption = (args: readonly string[], options: Options) => {
  const { tokens } = parseArgs({ args: [...args], allowPositionals: true, strict: false, tokens: true, options });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name]! : undefined;
    const missing = option?.type === 'string' && (token.value === undefined || (!token.inlineValue && optionLike(token.value)));
    if (!option || missing || (option.type === 'boolean' && token.value !== undefined)) return { token, option };
  }
  return undefined;
};

/**
 * parseArgs with pkilab's own messages instead of Node's: an unknown option names the options the
 * command has (and the likely one), a missing or unwanted value names the option and what it takes.
 */
export const parseOptions = <O extends Options>(args: readonly string[], options: O) => {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    const refused = refusedOption(args, options);
    if (!refused) throw new UsageError((error as Error).message);
    const { token, option } = refused;
    if (!option) {
      const names = Object.keys(options).filter((n) => n !== 'help');
      const hint = didYouMean(
        token.rawName.replace(/^-+/, '--'),
        names.map((n) => `--${n}`),
      );
      const expected = names.length ? names.map((n) => flagOf(n, options)).join(', ') : 'no option';
      throw new UsageError(`unknown option ${token.rawName}; expected ${expected} or --help${hint ? `; ${hint}` : ''}`);
    }
    if (option.type === 'string') throw new UsageError(`option --${token.name} expects a value after it, found nothing`);
    throw new UsageError(`option --${token.name} is a switch and takes no value, found one`);
  }
};

/** Reports a command line the command does not accept (a UsageError): one line, or JSON with --json; exit 2. */
export const usageFailure = (io: Io, command: string, error: unknown, args: readonly string[]): number => {
  if (!(error instanceof UsageError)) throw error;
  if (args.includes('--json')) io.err(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }));
  else io.err(`pkilab ${command}: ${error.message} (pkilab help ${command} for usage)`);
  return 2;
};
