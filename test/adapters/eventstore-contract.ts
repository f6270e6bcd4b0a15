import { SimTime } from '../../domain/index.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../../domain/index.ts';
import { isEventStoreError, isKeyStoreError, isSecretStoreError, type EventStore, type PendingEvent } from '../../workflows/index.ts';

const at = SimTime('2026-11-02T09:00:00.000Z');
const created: PendingEvent = {
  type: 'LabCreated',
  data: { domain: { dnsName: 'contoso.com', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1' }, startsAt: at },
  at,
};
/** Events a lab log may hold in this order: `A` creates the lab (a log starts so), the others are groups. */
const group = (name: string): PendingEvent =>
  name === 'A' ? created : { type: 'PrincipalCreated', data: { principal: { name, sid: `S-${name}`, kind: 'group', builtin: false } }, at };
const nameOf = (e: RecordedEvent) => (e.type === 'PrincipalCreated' ? e.data.principal.name : e.type === 'LabCreated' ? 'A' : '');

/** The cases of the contract, in order: each gets a new store from the adapter. */
const cases: ReadonlyArray<[name: string, check: (store: EventStore) => Promise<void>]> = [
  [
    'a new lab is empty at version 0',
    async (store) => {
      assert.is(await store.version('lab'), 0);
      assert.equal(await store.read('lab'), []);
    },
  ],
  [
    'appends number events from the expected version and read returns them in order',
    async (store) => {
      assert.is(await store.append('lab', [group('A'), group('B')], 0), 2);
      assert.is(await store.append('lab', [group('C')], 2), 3);
      const events = await store.read('lab');
      assert.equal(
        events.map((e) => e.position),
        [1, 2, 3],
      );
      assert.equal(events.map(nameOf), ['A', 'B', 'C']);
      assert.is(events[0]!.at, at);
    },
  ],
  [
    'reads a range of positions, both ends included',
    async (store) => {
      await store.append('lab', [group('A'), group('B'), group('C'), group('D')], 0);
      assert.equal(
        (await store.read('lab', { from: 2, to: 3 })).map((e) => e.position),
        [2, 3],
      );
      assert.equal(
        (await store.read('lab', { from: 4 })).map((e) => e.position),
        [4],
      );
    },
  ],
  [
    'rejects an append whose expected version is stale, and keeps the log unchanged',
    async (store) => {
      await store.append('lab', [group('A')], 0);
      try {
        await store.append('lab', [group('B')], 0);
        assert.unreachable('a stale append must fail');
      } catch (error) {
        assert.ok(isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT'), String(error));
        assert.is((error as { code: string }).code, 'EVENTSTORE_VERSION_CONFLICT');
        assert.not.ok(isKeyStoreError(error) || isSecretStoreError(error), "an EventStore failure is no other port's");
      }
      assert.is(await store.version('lab'), 1);
    },
  ],
  [
    'keeps labs apart',
    async (store) => {
      await store.append('one', [group('A')], 0);
      await store.append('two', [group('A'), group('C')], 0);
      assert.is(await store.version('one'), 1);
      assert.is(await store.version('two'), 2);
    },
  ],
  [
    'a stored event reads back equal to what was appended',
    async (store) => {
      const event: PendingEvent = {
        type: 'PrincipalCreated',
        data: {
          principal: {
            name: 'G',
            sid: 'S-G',
            kind: 'computer',
            builtin: false,
            dnsHostName: 'g.contoso.com',
            primaryGroup: 'Domain Computers',
          },
        },
        at,
      } as PendingEvent;
      await store.append('lab', [created, event], 0);
      assert.equal(await store.read('lab'), [
        { ...created, position: 1 },
        { ...event, position: 2 },
      ]);
    },
  ],
  [
    'truncate cuts the log after a position, and appends continue from there',
    async (store) => {
      await store.append('lab', [group('A'), group('B'), group('C')], 0);
      assert.is(await store.truncate('lab', 1, 3), 1);
      assert.equal(
        (await store.read('lab')).map((e) => e.position),
        [1],
      );
      assert.is(await store.append('lab', [group('D')], 1), 2);
      assert.equal((await store.read('lab')).map(nameOf), ['A', 'D']);
    },
  ],
  [
    'truncate checks the expected version like an append and leaves the log unchanged on conflict',
    async (store) => {
      await store.append('lab', [group('A'), group('B')], 0);
      try {
        await store.truncate('lab', 1, 1);
        assert.unreachable('a stale truncate must fail');
      } catch (error) {
        assert.ok(isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT'), String(error));
      }
      assert.is(await store.version('lab'), 2);
    },
  ],
  [
    'truncate refuses a position beyond the end with EVENTSTORE_POSITION_OUT_OF_RANGE',
    async (store) => {
      await store.append('lab', [group('A')], 0);
      try {
        await store.truncate('lab', 2, 1);
        assert.unreachable();
      } catch (error) {
        assert.ok(isEventStoreError(error, 'EVENTSTORE_POSITION_OUT_OF_RANGE'), String(error));
      }
      assert.is(await store.version('lab'), 1);
    },
  ],
];

/** The behaviour every EventStore adapter must have; each adapter's test file runs it. */
export const eventStoreContract = (adapter: string, make: () => Promise<EventStore>) => {
  const contract = suite(`EventStore contract: ${adapter}`);
  for (const [name, check] of cases) contract(name, async () => check(await make()));
  return contract;
};
