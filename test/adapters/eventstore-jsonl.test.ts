import { SimTime } from '../../domain/index.ts';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { lockLab } from '../../adapters/eventstore/lock.ts';
import { isEventStoreError, type PendingEvent } from '../../workflows/index.ts';
import { expectCode } from '../support/store-errors.ts';
import { eventStoreContract } from './eventstore-contract.ts';

const folder = () => mkdtemp(join(tmpdir(), 'pkilab-jsonl-'));
/** A store that holds the writer lock of its lab `lab` (the contract's labs `one` and `two` get their own). */
const writer = async (dir: string, lab = 'lab') => jsonlEventStore(dir, { lock: await lockLab(join(dir, `${lab}.jsonl`), 'test') });
eventStoreContract('jsonl file', async () => {
  const dir = await folder();
  const stores = { lab: await writer(dir), one: await writer(dir, 'one'), two: await writer(dir, 'two') };
  const pick = (lab: string) => stores[lab as keyof typeof stores];
  return {
    read: (lab, range) => pick(lab).read(lab, range),
    append: (lab, events, expected) => pick(lab).append(lab, events, expected),
    truncate: (lab, position, expected) => pick(lab).truncate(lab, position, expected),
    version: (lab) => pick(lab).version(lab),
  };
}).run();

const jsonl = suite('adapters/eventstore jsonl');
const at = SimTime('2026-11-02T09:00:00.000Z');
const created: PendingEvent = {
  type: 'LabCreated',
  data: { domain: { dnsName: 'contoso.com', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1' }, startsAt: at },
  at,
};
/** `A` creates the lab, as every lab log starts; the other names are groups. */
const event = (name: string): PendingEvent =>
  name === 'A' ? created : { type: 'PrincipalCreated', data: { principal: { name, sid: 'S', kind: 'group', builtin: false } }, at };

jsonl('writes one JSON event per line with its integrity mark, readable by a fresh store', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A'), event('B')], 0);
  const lines = (await readFile(join(dir, 'lab.jsonl'), 'utf8')).trimEnd().split('\n');
  assert.is(lines.length, 2);
  assert.is(JSON.parse(lines[1]!).position, 2);
  assert.match(lines[0]!, /,"chain":"[0-9a-f]{8}"\}$/);
  assert.match(lines[1]!, /,"commit":"[0-9a-f]{8}"\}$/, 'the last line of an append commits it');
  assert.is(await jsonlEventStore(dir).version('lab'), 2);
  assert.equal(Object.keys((await jsonlEventStore(dir).read('lab'))[0]!), ['type', 'data', 'at', 'position']);
});

jsonl('a lab id that is not a plain file name is refused with EVENTSTORE_LAB_ID_INVALID before any file is touched', async () => {
  const dir = await folder();
  await expectCode((await writer(dir)).append('../elsewhere', [event('A')], 0), 'EVENTSTORE_LAB_ID_INVALID', /must be a plain file name/);
  await expectCode(jsonlEventStore(dir).read('..'), 'EVENTSTORE_LAB_ID_INVALID');
});

jsonl('a reader reports a torn last line, ignores it, and leaves the file exactly as it was', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A'), event('B')], 0);
  await appendFile(join(dir, 'lab.jsonl'), '{"type":"PrincipalCreated","data":{"princ');
  const before = await readFile(join(dir, 'lab.jsonl'));
  const warnings: string[] = [];
  const reader = jsonlEventStore(dir, { onWarning: (w) => warnings.push(w) });
  assert.is(await reader.version('lab'), 2);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /lab\.jsonl:3: last line is incomplete.*ignored/);
  assert.equal(await readFile(join(dir, 'lab.jsonl')), before);
});

jsonl('a reader cannot append or truncate', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A')], 0);
  await expectCode(jsonlEventStore(dir).append('lab', [event('B')], 1), 'EVENTSTORE_READ_ONLY');
  await expectCode(jsonlEventStore(dir).truncate('lab', 0, 1), 'EVENTSTORE_READ_ONLY');
});

jsonl('the writer cuts a torn last line, says so, and appends after it', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A'), event('B')], 0);
  await appendFile(join(dir, 'lab.jsonl'), '{"type":"PrincipalCreated","data":{"princ');
  const warnings: string[] = [];
  const resumed = jsonlEventStore(dir, {
    onWarning: (w) => warnings.push(w),
    lock: { log: join(dir, 'lab.jsonl'), assertHeld: () => undefined, release: async () => undefined },
  });
  assert.is(await resumed.append('lab', [event('C')], 2), 3);
  assert.match(warnings.join('\n'), /cut off/);
  const text = await readFile(join(dir, 'lab.jsonl'), 'utf8');
  assert.is(text.trimEnd().split('\n').length, 3);
  assert.is(await jsonlEventStore(dir).version('lab'), 3);
});

jsonl('an append cut short between its lines is ignored by readers and cut whole by the writer', async () => {
  const dir = await folder();
  const store = await writer(dir);
  await store.append('lab', [event('A')], 0);
  await store.append('lab', [event('B'), event('C'), event('D')], 1);
  const text = await readFile(join(dir, 'lab.jsonl'), 'utf8');
  const lines = text.trimEnd().split('\n');
  await writeFile(join(dir, 'lab.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);
  const warnings: string[] = [];
  const reader = jsonlEventStore(dir, { onWarning: (w) => warnings.push(w) });
  assert.is(await reader.version('lab'), 1);
  assert.match(warnings.join('\n'), /lab\.jsonl:2: lines 2–3 are an append that never completed/);
  const resumed = jsonlEventStore(dir, {
    lock: { log: join(dir, 'lab.jsonl'), assertHeld: () => undefined, release: async () => undefined },
  });
  assert.is(await resumed.append('lab', [event('E')], 1), 2);
  assert.is((await readFile(join(dir, 'lab.jsonl'), 'utf8')).trimEnd().split('\n').length, 2);
  assert.is(await jsonlEventStore(dir).version('lab'), 2);
});

jsonl('a corrupt line in the middle is an error naming file and line, never skipped', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A')], 0);
  await appendFile(join(dir, 'lab.jsonl'), 'not json\n');
  await expectCode(jsonlEventStore(dir).read('lab'), 'EVENTSTORE_CORRUPT_LOG', /lab\.jsonl:2:/);
});

jsonl('a gap in positions is corruption', async () => {
  const dir = await folder();
  await writeFile(
    join(dir, 'lab.jsonl'),
    `${JSON.stringify({ ...event('A'), position: 1 })}\n${JSON.stringify({ ...event('B'), position: 3 })}\n`,
  );
  await expectCode(jsonlEventStore(dir).read('lab'), 'EVENTSTORE_CORRUPT_LOG', /lab\.jsonl:2: position: expected 2 .*found 3/);
});

jsonl('an unknown event type is a located error when the log is opened, not a crash of the fold', async () => {
  const dir = await folder();
  await writeFile(
    join(dir, 'lab.jsonl'),
    `${JSON.stringify({ ...created, position: 1 })}\n${JSON.stringify({ type: 'TemplateStolen', data: {}, at, position: 2 })}\n`,
  );
  try {
    await jsonlEventStore(dir).read('lab');
    assert.unreachable();
  } catch (error) {
    assert.ok(isEventStoreError(error, 'EVENTSTORE_CORRUPT_LOG'));
    assert.is((error as { problem?: string }).problem, 'LOG_UNKNOWN_EVENT');
    assert.match((error as Error).message, /lab\.jsonl:2: .*TemplateStolen/);
  }
});

jsonl('a line changed by hand in the middle of a log is named', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A'), event('B'), event('C')], 0);
  const text = await readFile(join(dir, 'lab.jsonl'), 'utf8');
  await writeFile(join(dir, 'lab.jsonl'), text.replace('"name":"B"', '"name":"X"'));
  await expectCode(jsonlEventStore(dir).read('lab'), 'EVENTSTORE_CORRUPT_LOG', /lab\.jsonl:2: line 2 was changed after it was written/);
});

jsonl('a deleted line with the rest renumbered is detected', async () => {
  const dir = await folder();
  await (await writer(dir)).append('lab', [event('A'), event('B'), event('C')], 0);
  const lines = (await readFile(join(dir, 'lab.jsonl'), 'utf8')).trimEnd().split('\n');
  await writeFile(join(dir, 'lab.jsonl'), `${lines[0]}\n${lines[2]!.replace('"position":3', '"position":2')}\n`);
  await expectCode(jsonlEventStore(dir).read('lab'), 'EVENTSTORE_CORRUPT_LOG', /line 2 was changed/);
});

jsonl('a log written before integrity marks still opens, with a notice', async () => {
  const dir = await folder();
  await writeFile(join(dir, 'lab.jsonl'), `${JSON.stringify({ ...event('A'), position: 1 })}\n`);
  const warnings: string[] = [];
  assert.is(await jsonlEventStore(dir, { onWarning: (w) => warnings.push(w) }).version('lab'), 1);
  assert.match(warnings.join('\n'), /older pkilab, without integrity marks/);
});

jsonl('the expected version is checked against the file, not what this process saw before', async () => {
  const dir = await folder();
  const first = await writer(dir);
  await first.append('lab', [event('A')], 0);
  const text = await readFile(join(dir, 'lab.jsonl'), 'utf8');
  const { formatLine } = await import('../../adapters/eventstore/jsonl-format.ts');
  const { crc32 } = await import('node:zlib');
  const previous = crc32(text.trimEnd().replace(/,"(chain|commit)":"[0-9a-f]{8}"\}$/, '}'));
  await appendFile(join(dir, 'lab.jsonl'), formatLine({ ...event('B'), position: 2 } as never, previous).line);
  await expectCode(first.append('lab', [event('C')], 1), 'EVENTSTORE_VERSION_CONFLICT', /at version 2/);
});

jsonl.run();
