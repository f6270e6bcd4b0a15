import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { openLab, type LabPorts } from '../../workflows/index.ts';
import { cli, tempDir } from '../support/cli.ts';
import { drawn } from '../support/replay.ts';

/** `pkilab step --plain`: the same information as the full screen, one command a line, an error for every bad one. */
const plain = suite('pkilab step in plain mode');

const step = (args: string[], lines: string[]) => {
  const result = spawnSync(process.execPath, ['bin/pkilab.mjs', 'step', ...args, '--plain'], {
    input: `${lines.join('\n')}\nq\n`,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.is(result.status, 0, result.stderr);
  return result;
};
const seed = ['1', '1', '1', '1', '1', '1'];

plain(
  "choices are shown in the dialog's words, one labelled field a line; every bad command is refused with what was expected",
  async () => {
    const { stdout, stderr } = step(
      ['iis-web-server-certificate', '--out', await tempDir(), '--new'],
      ['9', '0', '', 'zz', 'b', 'f', 'j 1', '1'],
    );
    assert.match(
      stdout,
      /1\) As the seed does it \(the seed's choice\)\n {7}Template to duplicate: Web Server\n {7}Template version: Windows 2003 Server, Enterprise Edition/,
    );
    assert.match(
      stdout,
      /2\) Windows 2008 Server, Enterprise Edition\n {7}Template to duplicate: Web Server\n {7}Template version: Windows 2008 Server, Enterprise Edition/,
    );
    assert.not.match(stdout, /edits: \[\]|"source"/);
    assert.match(stderr, /✗ expected a choice from 1 to 1, found 9/);
    assert.match(stderr, /✗ expected a choice from 1 to 1, found 0/);
    assert.match(stderr, /✗ expected a command, found an empty line/);
    assert.match(stderr, /✗ unknown command "zz"/);
    assert.equal(stderr.match(/✗ no step taken yet: nothing to go back to/g)?.length, 2, stderr);
    assert.match(stderr, /✗ expected the position of an earlier input \(j lists them\), found 1/);
  },
);

plain(
  'a step left out is reported as left out; saved there, the scenario stops where it stopped and run replays it to the same log; back asks first',
  async () => {
    const out = await tempDir();
    const file = join(out, 'part-way.yaml');
    const { stdout } = step(['iis-web-server-certificate', '--out', out, '--new'], [...seed, '2', `s ${file}`, 'b', 'n', 'b', 'y']);
    assert.match(stdout, /Last: Restart SERVER1 — left out\n {2}nothing was done; later steps meet the world as it is/);
    assert.match(stdout, /– restart \(left out\)/);
    assert.match(stdout, /cut the log back to before "restart: leave this step out"\? y: cut · f: fork instead/);
    assert.match(stdout, /kept as it was/);
    assert.match(stdout, /went back to position \d+; the log was cut there/);
    assert.match(readFileSync(file, 'utf8'), /until: restart/);
    const replay = await tempDir();
    const run = await cli('run', file, '--out', replay);
    assert.is(run.code, 0, run.out + run.err);
    const replayed = await openLab({ events: jsonlEventStore(replay) } as LabPorts, 'lab');
    const stepped = await openLab({ events: jsonlEventStore(out) } as LabPorts, 'lab');
    // The lab was cut back after the save: the replay equals the stepped log up to the input that was cut.
    assert.equal(drawn(replayed.events).slice(0, stepped.events.length), drawn(stepped.events));
    assert.is(replayed.events.length, stepped.events.length + 1, 'the replay ends with the restart left out, the input that was cut');
    assert.equal(replayed.events.at(-1)?.data, { procedure: 'iis-web-server-certificate', step: 'restart', choice: null });
  },
);

plain('the procedure list shows what needs another procedure first, and refuses to start it', async () => {
  const { stdout, stderr } = step(['--out', await tempDir(), '--new'], ['8']);
  assert.match(stdout, /8\) amt-8021x-client-certificate — .* \[needs amt-web-server-certificate first\]/);
  assert.match(stdout, /1\) iis-web-server-certificate — .* \[available\]/);
  assert.match(stderr, /amt-8021x-client-certificate needs amt-web-server-certificate first/);
});

plain("after the AMT procedures the certificates are in AMT1's firmware store; a done procedure is stepped again on a fork", async () => {
  const out = await tempDir();
  const { stdout, stderr } = step(
    ['--scenario', 'scenarios/amt-certificates.yaml', '--out', out, '--new'],
    ['8', 'again amt-8021x-client-certificate f'],
  );
  assert.match(
    stdout,
    /AMT1 \\ AMT firmware store \(the management controller's NVRAM, not visible in Windows\):\n {4}ConfigMgr AMT Web Server Certificate: CN=amt1\.contoso\.com/,
  );
  assert.match(stdout, /ConfigMgr AMT 802\.1X Client Authentication Certificate: CN=amt1\.contoso\.com; SAN UPN amt1\$@contoso\.com/);
  assert.match(stdout, /8\) amt-8021x-client-certificate — .* \[done\]/);
  assert.match(stderr, /amt-8021x-client-certificate is done in this lab; "again amt-8021x-client-certificate n" steps it in a fresh lab/);
  assert.match(stdout, /again, in .*-fork-1/);
  assert.ok(existsSync(`${out}-fork-1/lab.jsonl`), 'the fork is a sibling folder named <lab>-fork-1');
});

plain('an administrative action fixes a mistake: restarting SERVER1 from the actions menu resolves the pending restart', async () => {
  const { stdout, stderr } = step(
    ['iis-web-server-certificate', '--out', await tempDir(), '--new'],
    [...seed, '2', 'a', 'a restart-computer {"computer":"SERVER1","now":true}', 'a restart-computer {"computer":"SERVER1"}', '1'],
  );
  assert.match(stdout, / {2}\d+\) Restart a computer \[computers\] — shutdown \/r/);
  assert.match(stderr, /✗ Restart a computer: restart-computer\.now: /, "a choice the action's schema refuses is not taken");
  assert.match(stdout, /✓ resolved by "Restart a computer": OP-PENDING-RESTART:principal:SERVER1/);
  assert.match(stdout, /Last: Request the certificate on SERVER1 .* — done/);
});

plain(
  "--quiz hides the seed's choice and explains a choice other than the seed's after it is taken; Not configured shows its consequence",
  async () => {
    const { stdout } = step(['windows-client-certificate', '--quiz', '--out', await tempDir(), '--new'], ['1', '1', '1', '1', '1', '2']);
    assert.not.match(stdout, /the seed's choice\)|\(seed: /);
    assert.match(stdout, /QUIZ/);
    assert.match(stdout, / {2}\? The seed's choice: Configuration Model: Enabled/);
    assert.match(stdout, / {2}\? Why: /);
    // Not configured changes nothing visible: the step says so and shows what it means.
    assert.match(
      stdout,
      /no visible change in the world; as it stands:\n {4}Autoenroll Certificates \(linked to contoso\.com\): Auto-Enrollment Not configured\n {6}no Auto-Enrollment policy applies/,
    );
  },
);

plain.run();
