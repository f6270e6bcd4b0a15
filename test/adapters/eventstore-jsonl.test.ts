import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { isPortError, type PendingEvent } from '../../workflows/index.ts';
import { eventStoreContract } from './eventstore-contract.ts';

const folder = () => mkdtemp(join(tmpdir(), 'pkilab-jsonl-'));
eventStoreContract('jsonl file', async () => jsonlEventStore(await folder())).run();

const jsonl = suite('adapters/eventstore jsonl');
const at = '2026-11-02T09:00:00.000Z';
const event = (name: string): PendingEvent => ({ type: 'PrincipalCreated', data: { principal: { name, sid: 'S', kind: 'group', builtin: false } }, at });

jsonl('writes one JSON event per line, readable by a fresh store', async () => {
  const dir = await folder();
  await jsonlEventStore(dir).append('lab', [event('A'), event('B')], 0);
  const lines = (await readFile(join(dir, 'lab.jsonl'), 'utf8')).trimEnd().split('\n');
  assert.is(lines.length, 2);
  assert.is(JSON.parse(lines[1]!).position, 2);
  assert.is(await jsonlEventStore(dir).version('lab'), 2);
});

jsonl('a torn last line is reported, truncated on open, and appends continue after it', async () => {
  const dir = await folder();
  await jsonlEventStore(dir).append('lab', [event('A'), event('B')], 0);
  await appendFile(join(dir, 'lab.jsonl'), '{"type":"PrincipalCreated","data":{"princ');
  const warnings: string[] = [];
  const reopened = jsonlEventStore(dir, { onWarning: (w) => warnings.push(w) });
  assert.is(await reopened.version('lab'), 2);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /lab\.jsonl:3: last line is incomplete/);
  assert.is(await reopened.append('lab', [event('C')], 2), 3);
  const text = await readFile(join(dir, 'lab.jsonl'), 'utf8');
  assert.is(text.trimEnd().split('\n').length, 3);
  assert.not.match(text, /princ"?$/m);
});

jsonl('a corrupt line in the middle is an error naming file and line, never skipped', async () => {
  const dir = await folder();
  await jsonlEventStore(dir).append('lab', [event('A')], 0);
  await appendFile(join(dir, 'lab.jsonl'), 'not json\n');
  await appendFile(join(dir, 'lab.jsonl'), `${JSON.stringify({ ...event('C'), position: 3 })}\n`);
  try {
    await jsonlEventStore(dir).read('lab');
    assert.unreachable('corruption must be reported');
  } catch (error) {
    assert.ok(isPortError(error, 'EVENTSTORE_CORRUPT_LOG'));
    assert.match((error as Error).message, /lab\.jsonl:2:/);
  }
});

jsonl('a gap in positions is corruption', async () => {
  const dir = await folder();
  await writeFile(join(dir, 'lab.jsonl'), `${JSON.stringify({ ...event('A'), position: 1 })}\n${JSON.stringify({ ...event('B'), position: 3 })}\n`);
  try {
    await jsonlEventStore(dir).read('lab');
    assert.unreachable();
  } catch (error) {
    assert.match((error as Error).message, /expected position 2, found 3/);
  }
});

jsonl('a second writer appending behind the first one\'s back is a version conflict', async () => {
  const dir = await folder();
  const first = jsonlEventStore(dir);
  const second = jsonlEventStore(dir);
  await first.append('lab', [event('A')], 0);
  await second.append('lab', [event('B')], 1);
  try {
    await first.append('lab', [event('C')], 1);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPortError(error, 'EVENTSTORE_VERSION_CONFLICT'));
  }
});

jsonl.run();
