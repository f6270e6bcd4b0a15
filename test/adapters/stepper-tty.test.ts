import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabPorts } from '../../workflows/index.ts';
import { openLab } from '../../workflows/index.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { cli, tempDir } from '../support/cli.ts';
import { iisWebServerSteps } from '../support/procedure-spec.ts';
import { drawn } from '../support/replay.ts';

/** Drives `pkilab step` in a real pseudo-terminal: tmux runs it, send-keys types, capture-pane reads. */
const tty = suite('pkilab step in a pseudo-terminal (tmux)');
/** A tmux server of the suite's own (its socket, no user config), so nothing of another server leaks in. */
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', 'pkilab-test', '-f', '/dev/null', ...args], { encoding: 'utf8' });
const steps = iisWebServerSteps;

const terminal = (name: string, out: string, cols: number, rows: number) => {
  // A person at a terminal, not a CI job: Ink renders only a final frame when CI is set.
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(cols),
    '-y',
    String(rows),
    `cd ${resolve('.')} && env -u CI -u FORCE_COLOR ${process.execPath} bin/pkilab.mjs step iis-web-server-certificate --out ${out} --new`,
  );
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  /**
   * Every key this suite sends changes the screen. A key that left it exactly as it was when sent was lost (a
   * loaded machine can drop one while Ink rebinds its input), so after 8 s it is sent once more.
   */
  let sent: { keys: string[]; before: string; at: number; again: boolean } | undefined;
  const waitFor = async (what: RegExp, seconds = 60): Promise<string> => {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const text = screen();
      if (what.test(text) && !/working…/.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${what}:\n${text}`);
      if (sent && !sent.again && Date.now() - sent.at > 8000 && text === sent.before) {
        sent.again = true;
        tmux('send-keys', '-t', name, ...sent.keys);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const keys = (...k: string[]) => {
    sent = { keys: k, before: screen(), at: Date.now(), again: false };
    tmux('send-keys', '-t', name, ...k);
  };
  const close = () => {
    try {
      tmux('kill-session', '-t', name);
    } catch {
      /* already gone */
    }
  };
  return { screen, waitFor, keys, close };
};

const at = (step: string) => new RegExp(`▶ ${step}`);
/** The screen fits the terminal: the header is on the first row, the keys on the last, no row is longer than the width. */
const fits = (screen: string, cols: number) => {
  const lines = screen.split('\n');
  assert.match(lines[0]!, /^pkilab step — /, screen);
  assert.ok(
    lines.every((l) => [...l].length <= cols),
    screen,
  );
  assert.match(screen, /Enter take · j jump back/, screen);
};

tty(
  'at 200×60: the choices pane labels every field, the world panel shows the certificate, and the saved scenario replays the same log',
  async () => {
    const out = await tempDir();
    const t = terminal('pkilab-wide', out, 200, 60);
    try {
      const first = await t.waitFor(at('create-group'));
      fits(first, 200);
      assert.match(first, /› 1\) As the seed does it ★/);
      assert.match(first, /▌ {3}Name: ConfigMgr IIS Servers/);
      assert.match(first, /▌ {3}Members: SERVER1/);
      for (const step of steps) {
        await t.waitFor(at(step));
        t.keys('Enter');
      }
      await t.waitFor(/The procedure is complete\./);
      t.keys('Tab');
      const certificates = await t.waitFor(/ certificates .*\n(.*\n)*.*SERVER1 \\ Personal/);
      fits(certificates, 200);
      // The side panel wraps its lines to its width: each piece is looked for on its own.
      assert.match(certificates, /ConfigMgr Web Server Certificate: \(empty subject\); SAN DNS/);
      assert.match(certificates, /server1\.internal\.contoso\.com, DNS/);
      assert.match(certificates, /EKU Server Authentication; valid \d{4}-\d{2}-\d{2}/, certificates);
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
    assert.equal(drawn(replayed.events), drawn(stepped.events), 'the written scenario replays to the same log and world');
  },
);

tty(
  'at 80×24: restart left out is reported so, jump back to it from the list, and the findings panel announces the resolution',
  async () => {
    const out = await tempDir();
    const t = terminal('pkilab-narrow', out, 80, 24);
    try {
      for (const step of steps.slice(0, 6)) {
        await t.waitFor(at(step));
        t.keys('Enter');
      }
      await t.waitFor(at('restart'));
      t.keys('Down');
      const leaving = await t.waitFor(/› 2\) Leave this step out/);
      fits(leaving, 80);
      t.keys('Enter');
      const left = await t.waitFor(at('request-certificate'));
      assert.match(left, /– restart \(left out\)/);
      assert.match(left, /Last: Restart SERVER1 — left out/);
      fits(left, 80);
      t.keys('Enter');
      const rejected = await t.waitFor(/0x80094012 CERTSRV_E_TEMPLATE_DENIED/);
      assert.match(rejected, /OP-PENDING-RESTART/);
      fits(rejected, 80);
      t.keys('j');
      await t.waitFor(/Go back to just before/);
      // The list is newest first: the rejected request is not an earlier step, so the restart left out comes first.
      t.keys('Enter');
      await t.waitFor(/Back to before "restart: leave this step out"\? y: cut the log/);
      t.keys('y');
      await t.waitFor(/went back to position/);
      await t.waitFor(at('restart'));
      t.keys('Enter');
      const restarted = await t.waitFor(/resolved by "Restart SERVER1": OP-PENDING-RESTART/);
      fits(restarted, 80);
      for (const step of ['request-certificate', 'bind', 'site-system', 'verify']) {
        await t.waitFor(at(step));
        t.keys('Enter');
      }
      await t.waitFor(/The procedure is complete\./);
      t.keys('q');
    } finally {
      t.close();
    }
    const lab = await openLab({ events: jsonlEventStore(out) } as LabPorts, 'lab');
    assert.equal(lab.world.rejections, [], 'going back cut the rejected attempt out of the log');
    assert.ok(lab.world.procedures['iis-web-server-certificate']?.completed);
  },
);

tty.after(() => {
  try {
    tmux('kill-server');
  } catch {
    /* no server left */
  }
});

tty.run();
