import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';
import { testSchema } from '../support/postgres.ts';

/** `pkilab report` on a lab in a PostgreSQL store (a schema of this file's own): a student's lab handed in by name. */
const report = suite('adapters/cli report --store postgres://');
const schema = await testSchema();
const folder = await tempDir('pkilab-report-store-');

report.after(async () => {
  await schema.drop();
});

report('writes the report of a lab named in a store, as it does for the same lab on disk', async () => {
  const run = await cli(
    'run',
    'scenarios/iis-no-restart.yaml',
    '--store',
    schema.url,
    '--lab',
    'class1/student-07',
    '--out',
    join(folder, 'run'),
  );
  assert.ok([0, 1].includes(run.code), run.err);
  const out = join(folder, 'student-07.html');
  const written = await cli('report', 'class1/student-07', '--store', schema.url, '--html', out);
  assert.is(written.code, 0, written.err);
  const page = await readFile(out, 'utf8');
  assert.match(page, '0x80094012');
  assert.match(page, 'OP-PENDING-RESTART');
  assert.match(page, '<title>pkilab report: class1/student-07</title>');
});

report('refuses a lab name the store does not hold, with exit 2', async () => {
  const missing = await cli('report', 'class1/student-99', '--store', schema.url, '--html', join(folder, 'none.html'));
  assert.is(missing.code, 2, missing.err);
  assert.match(missing.err, 'class1/student-99');
});

report.run();
