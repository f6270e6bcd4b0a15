import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import { lockLab } from '../../adapters/eventstore/lock.ts';
import { expectCode } from '../support/store-errors.ts';

const locks = suite("adapters/eventstore lock: one writer per lab, a dead writer's lock taken over");
const folder = () => mkdtemp(join(tmpdir(), 'pkilab-lock-'));
const at = '2026-11-02T09:00:00.000Z';

locks('a second writer is refused while the first holds the lock, naming it', async () => {
  const dir = await folder();
  const lock = await lockLab(join(dir, 'lab.jsonl'), 'pkilab step');
  await expectCode(
    lockLab(join(dir, 'lab.jsonl'), 'pkilab run'),
    'EVENTSTORE_LOCKED',
    new RegExp(`process ${process.pid} .*\\(pkilab step\\) since`),
  );
  await lock.release();
  await (await lockLab(join(dir, 'lab.jsonl'), 'pkilab run')).release();
});

locks('a lock left by a process that no longer runs is taken over', async () => {
  const dir = await folder();
  const log = join(dir, 'lab.jsonl');
  await mkdir(`${log}.lock`);
  await writeFile(
    `${log}.lock-holder`,
    JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), command: 'killed', since: at, lock: (await stat(`${log}.lock`)).ino }),
  );
  const lock = await lockLab(log, 'pkilab run');
  lock.assertHeld();
  await lock.release();
});

locks.run();
