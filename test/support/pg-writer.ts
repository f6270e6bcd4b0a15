import { SimTime } from '../../domain/index.ts';
// A writer process for the PostgreSQL concurrency test: appends `count` events to one lab, each after
// reading the lab's version, retrying on a version conflict. It says `ready`, waits for a line on stdin, then
// prints one JSON line per outcome: {"ack":name,"position":n} or {"conflict":code}; any other error ends it.
import { createInterface } from 'node:readline';
import { openDatabase } from '../../adapters/postgres/database.ts';
import { postgresEventStore } from '../../adapters/postgres/events.ts';
import { isEventStoreError, type PendingEvent } from '../../workflows/index.ts';

const [url, lab, who, count] = process.argv.slice(2) as [string, string, string, string];
const db = await openDatabase(url, { max: 2 });
const store = { events: postgresEventStore(db), close: () => db.close() };
const at = SimTime('2026-11-02T09:00:00.000Z');
const event = (name: string): PendingEvent => ({
  type: 'PrincipalCreated',
  data: { principal: { name, sid: `S-${name}`, kind: 'group', builtin: false } },
  at,
});
process.stdout.write('ready\n');
await new Promise((go) => createInterface({ input: process.stdin }).once('line', go));
for (let n = 1; n <= Number(count); ) {
  const name = `${who}-${n}`;
  try {
    const version = await store.events.version(lab);
    const position = await store.events.append(lab, [event(name)], version);
    process.stdout.write(`${JSON.stringify({ ack: name, position })}\n`);
    n += 1;
  } catch (error) {
    if (!isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT')) throw error;
    process.stdout.write(`${JSON.stringify({ conflict: (error as { code: string }).code })}\n`);
  }
}
await store.close();
