import { readdirSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runJson } from './support/cli.ts';

const scenarios = suite('scenarios replay as tests');
/** Each scenario's run, kept for the checks after the loop that read one (a scenario runs once). */
const runs = new Map<string, ReturnType<typeof runJson>>();
const runOf = (file: string) => {
  if (!runs.has(file)) runs.set(file, runJson(`scenarios/${file}`));
  return runs.get(file)!;
};

for (const file of readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  scenarios(`${file} runs to its expectations`, async () => {
    const { code, report, err } = await runOf(file);
    const failed = (report?.expectations ?? []).filter((e: { ok: boolean }) => !e.ok);
    assert.is(code, 0, `${err}\n${JSON.stringify(failed, null, 2)}`);
    assert.ok(report.ok);
    assert.ok(report.expectations.length > 0, 'a scenario must state at least one expectation');
  });
}

scenarios('the misconfigured scenarios report the real AD CS error codes', async () => {
  const noRestart = await runOf('iis-no-restart.yaml');
  assert.equal(
    noRestart.report.rejections.map((r: { code: string }) => r.code),
    ['0x80094012'],
  );
  const notIssued = await runOf('iis-template-not-issued.yaml');
  assert.equal(
    notIssued.report.rejections.map((r: { code: string }) => r.code),
    ['0x80094800'],
  );
  assert.equal(notIssued.report.certificates, []);
});

scenarios.run();
