import { availableParallelism } from 'node:os';
import { fillPool } from '../keypool/fill.ts';
import { keyPoolFolder } from '../keypool/location.ts';
import { folderKeyPool } from '../keypool/pool.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Io } from './run.ts';

export const keysHelp = `Usage: pkilab keys [--json]
       pkilab keys fill N [--size BITS] [--threads N] [--json]

Labs take their RSA keys from a pool made ahead of time, so that no certificate waits for a key
generation (about 0.1 s each); when the pool is empty a key is generated on the spot. Each key in the
pool is handed out once, to one lab, and is gone from the pool from then on.

The pool is the folder pkilab/keys in your cache folder ($XDG_CACHE_HOME, or ~/.cache), mode 0700 with
one 0600 file per key; $PKILAB_KEY_POOL names another folder.

  pkilab keys                 how many keys the pool holds, by size
  pkilab keys fill N          add N fresh keys, made by worker threads on every core (200 take about 25 s
                              on 2 cores)

Options:
  --size BITS      key size for fill (default 2048; the seed's templates use 2048)
  --threads N      worker threads for fill (default: one per core, ${availableParallelism()} here)
  --json           the counts as JSON

Examples:
  pkilab keys
  pkilab keys fill 20
  PKILAB_KEY_POOL=/tmp/pkilab-keys pkilab keys fill 2 --size 3072 --json
`;

/** Bad input on the command line: the message names what was expected and what was found. */
const usage = (message: string) => new UsageError(message);

const whole = (text: string | undefined, what: string, fallback: number, max: number): number => {
  if (text === undefined) return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) throw usage(`expected ${what} as a whole number from 1 to ${max}, found "${text}"`);
  return n;
};

const flags = {
  size: { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

const optionsOf = (args: string[]) => {
  const parsed = parseOptions(args, flags);
  const [action, count, ...extra] = parsed.positionals;
  if (action !== undefined && action !== 'fill') throw usage(`expected "fill" or nothing after keys, found "${action}"`);
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}" after keys fill ${count}`);
  if (action === 'fill' && count === undefined) throw usage('expected how many keys to add after keys fill (keys fill 200), found nothing');
  const size = parsed.values.size === undefined ? 2048 : /^\d+$/.test(parsed.values.size) ? Number(parsed.values.size) : NaN;
  if (!(size >= 1024 && size <= 16384 && size % 8 === 0)) {
    throw usage(`expected --size as a multiple of 8 from 1024 to 16384, found "${parsed.values.size}"`);
  }
  return {
    help: parsed.values.help === true,
    fill: action === 'fill' ? whole(count, 'the number of keys', 0, 1_000_000) : 0,
    size,
    threads: whole(parsed.values.threads, '--threads', availableParallelism(), 256),
    json: parsed.values.json,
  };
};

/** `pkilab keys [fill N]`: shows the key pool, or fills it. */
export const keysCommand = async (args: string[], io: Io): Promise<number> => {
  let options;
  try {
    options = optionsOf(args);
  } catch (error) {
    io.err(`pkilab keys: ${(error as Error).message} (pkilab help keys for usage)`);
    return 2;
  }
  if (options.help) return (io.out(keysHelp), 0);
  const folder = keyPoolFolder();
  const pool = folderKeyPool(folder);
  await pool.sweep();
  if (options.fill > 0) {
    const started = Date.now();
    const step = Math.max(1, Math.round(options.fill / 10));
    const added = await fillPool(pool, options.fill, options.size, {
      threads: options.threads,
      onKey: (n) => {
        if (!options.json && (n % step === 0 || n === options.fill)) io.err(`  ${n}/${options.fill} keys`);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const rate = `${(added / seconds).toFixed(1)} keys/s on ${Math.min(options.threads, added)} threads`;
    if (!options.json) io.out(`added ${added} RSA-${options.size} keys in ${seconds.toFixed(1)} s (${rate})`);
  }
  const counts = await pool.count();
  if (options.json) {
    const keys = Object.entries(counts).map(([size, count]) => ({ type: 'RSA', size: Number(size), count }));
    io.out(JSON.stringify({ folder, keys }, null, 2));
    return 0;
  }
  const sizes = Object.entries(counts).filter(([, n]) => n > 0);
  io.out(`key pool ${folder}`);
  if (sizes.length === 0) io.out('  empty: labs generate each key on the spot (pkilab keys fill N adds keys)');
  for (const [size, count] of sizes) io.out(`  RSA-${size}  ${count} key${count === 1 ? '' : 's'}`);
  return 0;
};
