import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { procedures } from '../../workflows/index.ts';
import { cli, runJson } from '../support/cli.ts';
import { checkMermaid } from '../support/mermaid-check.ts';

const cliMermaid = suite('adapters/cli procedures --mermaid');

cliMermaid('prints one procedure as bare Mermaid, lit where a lab stands, and every procedure as a Markdown page', async () => {
  const { out } = await runJson('scenarios/iis-no-restart.yaml');
  const one = await cli('procedures', '--mermaid', 'iis-web-server-certificate', '--lab', join(out, 'lab.jsonl'));
  assert.is(one.code, 0, one.err);
  const shape = checkMermaid(`${one.out}\n`);
  assert.equal(shape.problems, []);
  assert.is(shape.classes.get('rejected')!.length, 1);
  const all = await cli('procedures', '--mermaid');
  assert.is(all.code, 0);
  const blocks = [...all.out.matchAll(/^## (\S+) — .*\n\n```mermaid\n([^`]*)```$/gm)];
  assert.equal(
    blocks.map((b) => b[1]),
    procedures.map((p) => p.id),
  );
  for (const [, id, text] of blocks) assert.equal(checkMermaid(text!).problems, [], id);
});

cliMermaid('refuses an unknown procedure, naming the procedures there are, with exit 2', async () => {
  const { code, err } = await cli('procedures', '--mermaid', 'iis-web-server-certificat');
  assert.is(code, 2);
  assert.match(err, 'found "iis-web-server-certificat"; did you mean "iis-web-server-certificate"?');
});

cliMermaid.run();
