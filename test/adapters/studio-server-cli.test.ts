import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshLab } from '../../adapters/stepper/open.ts';
import { cli, tempDir } from '../support/cli.ts';

// `pkilab studio` on the command line: --check, and bad input answered in one line with exit 2.
const test = suite('pkilab studio command');
const root = await tempDir('pkilab-studio-cli-');
await (await freshLab(join(root, 'lab'), [], () => undefined)).writer.release();

test('--check prints the URL with a 43-character token, probes /api/labs with it and stops', async () => {
  const { code, out, err } = await cli('studio', root, '--check');
  assert.is(code, 0, err);
  assert.match(out, /^pkilab studio: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/m);
  assert.match(out, /OK: \/api\/labs answered with lab-new-1 \(\d+ events\)/);
});

test('a path that holds no lab, a bad port and an unknown option end with exit 2 and one line saying what was expected', async () => {
  const empty = join(root, 'empty');
  await mkdir(empty);
  const cases: [string[], RegExp][] = [
    [[join(root, 'missing')], /expected a lab log \(\.jsonl\), an exported lab \(\.json\) or a folder of labs, found nothing there/],
    [[empty], /expected lab logs \(\.jsonl\), exported labs \(\.json\), folders holding them or labs in the store, found none/],
    [[root, '--port', '70000'], /--port: expected a port from 0 to 65535, found 70000/],
    [[root, '--colour'], /--colour/],
  ];
  for (const [args, message] of cases) {
    const { code, err } = await cli('studio', ...args, '--check');
    assert.is(code, 2, args.join(' '));
    assert.match(err, message);
    assert.not.match(err, /\n\s+at /);
  }
});

test.run();
