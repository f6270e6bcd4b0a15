import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalize, type LabPorts } from '../../workflows/index.ts';
import { openLab } from '../../workflows/index.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { cli, tempDir } from '../support/cli.ts';

/** Drives `pkilab step` in a real pseudo-terminal: tmux runs it, send-keys types, capture-pane reads. */
const tty = suite('pkilab step in a pseudo-terminal (tmux)');
/** A tmux server of the suite's own (its socket, no user config), so nothing of another server leaks in. */
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', 'pkilab-test', '-f', '/dev/null', ...args], { encoding: 'utf8' });
const steps = ['create-group', 'duplicate-template', 'name-template', 'subject-name', 'security', 'issue-template', 'restart', 'request-certificate', 'bind', 'site-system', 'verify'];

const terminal = (name: string, out: string) => {
  // A person at a terminal, not a CI job: Ink renders only a final frame when CI is set.
  tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '60', `cd ${resolve('.')} && env -u CI -u FORCE_COLOR ${process.execPath} bin/pkilab.mjs step iis-web-server-certificate --out ${out} --new`);
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  const waitFor = async (what: RegExp, seconds = 30): Promise<string> => {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const text = screen();
      if (what.test(text) && !/working…/.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${what}:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const keys = (...k: string[]) => tmux('send-keys', '-t', name, ...k);
  const close = () => { try { tmux('kill-session', '-t', name); } catch { /* already gone */ } };
  return { screen, waitFor, keys, close };
};

const at = (step: string) => new RegExp(`▶ ${step}`);

tty('walks the IIS procedure with the seed\'s choices and shows the certificate in SERVER1\'s store and on the binding', async () => {
  const out = await tempDir();
  const t = terminal('pkilab-seed', out);
  try {
    for (const step of steps) {
      await t.waitFor(at(step));
      t.keys('Enter');
    }
    const done = await t.waitFor(/The procedure is complete\./);
    const store = done.match(/SERVER1 personal store: ([0-9A-F]{40}) \(ConfigMgr Web Server Certificate\)/);
    assert.ok(store, done);
    assert.match(done, new RegExp(`Default Web Site https:443 → ${store![1]}`));
    t.keys('s');
    await t.waitFor(/saved; the scenario/);
    t.keys('q');
  } finally {
    t.close();
  }
  const scenario = join(out, 'session-scenario.yaml');
  assert.match(readFileSync(scenario, 'utf8'), /procedure: iis-web-server-certificate/);
  const replay = await tempDir();
  const run = await cli('run', scenario, '--out', replay, '--json');
  assert.is(run.code, 0, run.err + run.out.slice(0, 2000));
  const stepped = await openLab({ events: jsonlEventStore(out) } as LabPorts, 'lab');
  const replayed = await openLab({ events: jsonlEventStore(replay) } as LabPorts, 'lab');
  assert.equal(normalize(replayed.events), normalize(stepped.events), 'the written scenario replays to the same log and world');
});

tty('with the restart left out the template is not offered; going back, restarting and requesting again succeeds', async () => {
  const out = await tempDir();
  const t = terminal('pkilab-back', out);
  try {
    for (const step of steps.slice(0, 6)) {
      await t.waitFor(at(step));
      t.keys('Enter');
    }
    await t.waitFor(at('restart'));
    t.keys('Down');
    await t.waitFor(/› 2\) Leave this step out/);
    t.keys('Enter');
    await t.waitFor(at('request-certificate'));
    t.keys('Enter');
    await t.waitFor(/0x80094012 CERTSRV_E_TEMPLATE_DENIED/);
    t.keys('e');
    const explained = await t.waitFor(/Request Certificates on SERVER1/);
    assert.match(explained, /unavailable ConfigMgr Web Server Certificate/);
    t.keys('x');
    await t.waitFor(/Last step: request-certificate/);
    t.keys('b');
    await t.waitFor(/went back to position/);
    t.keys('b');
    await t.waitFor(at('restart'));
    t.keys('Enter');
    await t.waitFor(at('request-certificate'));
    t.keys('Enter');
    await t.waitFor(at('bind'));
    for (const step of ['bind', 'site-system', 'verify']) {
      await t.waitFor(at(step));
      t.keys('Enter');
    }
    const done = await t.waitFor(/The procedure is complete\./);
    assert.match(done, /SERVER1 personal store: [0-9A-F]{40} \(ConfigMgr Web Server Certificate\)/);
    assert.not.match(done, /0x80094012/);
    t.keys('q');
  } finally {
    t.close();
  }
  const lab = await openLab({ events: jsonlEventStore(out) } as LabPorts, 'lab');
  assert.equal(lab.world.rejections, [], 'going back cut the rejected attempt out of the log');
  assert.ok(lab.world.procedures['iis-web-server-certificate']?.completed);
});

tty('the plain fallback is used when standard output is not a terminal', async () => {
  const out = await tempDir();
  const result = execFileSync(process.execPath, ['bin/pkilab.mjs', 'step', 'iis-web-server-certificate', '--out', out, '--new'], { input: '1\nq\n', encoding: 'utf8' });
  assert.match(result, /▶ duplicate-template/);
  assert.match(result, /1\) As the seed does it — source: Web Server; version: windows-server-2003-enterprise/);
  assert.match(result, /2\) Windows 2008 Server, Enterprise Edition/);
});

tty.after(() => {
  try { tmux('kill-server'); } catch { /* no server left */ }
});

tty.run();
