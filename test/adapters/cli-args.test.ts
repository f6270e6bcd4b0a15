import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseOptions, UsageError } from '../../adapters/cli/args.ts';

/** parseOptions names the refused option from parseArgs' tokens; Node's own message is never read for it. */
const args = suite('adapters/cli args: a refused command line names its option');

const options = {
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  force: { type: 'boolean', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

const refusal = (argv: string[]): string | undefined => {
  try {
    parseOptions(argv, options);
    return undefined;
  } catch (error) {
    assert.instance(error, UsageError);
    return (error as UsageError).message;
  }
};

args('an unknown option, a value option without a value and a switch with one are each named', () => {
  assert.is(refusal(['--bogus']), 'unknown option --bogus; expected --out VALUE, --json, --force or --help');
  assert.match(refusal(['--jsn'])!, /^unknown option --jsn; .*did you mean "--json"/);
  assert.match(refusal(['-fx'])!, /^unknown option -x; /);
  assert.is(refusal(['--out']), 'option --out expects a value after it, found nothing');
  assert.is(refusal(['-o']), 'option --out expects a value after it, found nothing');
  assert.is(refusal(['--out', '--json']), 'option --out expects a value after it, found nothing');
  assert.is(refusal(['--json=yes']), 'option --json is a switch and takes no value, found one');
  assert.is(refusal(['--out=-x', 'file']), undefined);
});

/** What Node's message names, as the oracle of the property below (`'-o, --out <value>'` names -o, i.e. --out). */
const namedByNode = (argv: string[]): string | undefined => {
  try {
    parseArgs({ args: argv, allowPositionals: true, strict: true, options });
    return undefined;
  } catch (error) {
    const found = (error as Error).message.match(/'(-{1,2}[^' ,]+)/)?.[1] ?? '';
    const name = found.replace(/^-+/, '');
    return Object.entries(options).find(([n, o]) => n === name || ('short' in o && o.short === name))?.[0] ?? found;
  }
};
const named = (message: string | undefined) =>
  message
    ?.match(/^(?:unknown option (\S+);|option --(\S+) )/)
    ?.slice(1)
    .find(Boolean);

args('for any command line, the option named is the one Node refused (property)', () => {
  const word = fc.constantFrom(
    '--out',
    '-o',
    '--json',
    '--force',
    '-f',
    '-h',
    '--help',
    '--bogus',
    '-x',
    '-fo',
    '-of',
    '--json=1',
    '--out=v',
    '--',
    '-',
    'file',
    '--jsn',
    '-h=3',
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 6 }), (argv) => {
      const ours = named(refusal(argv));
      const node = namedByNode(argv);
      assert.is(ours, node === undefined ? undefined : node, `${JSON.stringify(argv)}: ${refusal(argv)}`);
    }),
    { numRuns: 2000 },
  );
});

args.run();
