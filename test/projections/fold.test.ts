import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { produce } from 'immer';
import { HostName, SimTime, emptyWorld, entitiesShapedBy, type LabEvent, type RecordedEvent } from '../../domain/index.ts';
import { apply, fold, foldFromScratch } from '../../projections/index.ts';
import { record, givenNetwork } from '../support/world.ts';

const projections = suite('projections/fold');

const manyGroups = (n: number): LabEvent[] =>
  Array.from(
    { length: n },
    (_, i) =>
      ({ type: 'PrincipalCreated', data: { principal: { name: `G${i}`, sid: `S-${i}`, kind: 'group', builtin: false } } }) as LabEvent,
  );

/** A recorded lab of every kind of event the seed makes (issuance, stores, IIS, ConfigMgr, rejections). */
const seed = (JSON.parse(readFileSync('test/recorded/seed-deployment.json', 'utf8')) as { events: RecordedEvent[] }).events;

/** The reference provenance, written the obvious way: every event's position under each entity it shapes. */
const expectedProvenance = (events: readonly RecordedEvent[]): Record<string, number[]> => {
  const expected: Record<string, number[]> = {};
  for (const e of events) for (const key of entitiesShapedBy(e)) (expected[key] ??= []).push(e.position);
  return expected;
};

projections('folding in batches of any size gives the world of one produce per event, provenance included', () => {
  // The oracle makes one immer produce per event, which is quadratic on a long log: a few hundred events, small batches.
  const events = seed;
  const oneByOne = events.reduce((w, e) => produce(w, (d) => apply(d, e)), emptyWorld);
  for (const batch of [1, 7, 64, events.length - 1, events.length, 5000]) {
    assert.equal(fold(events, emptyWorld, { batch }), oneByOne, `batch ${batch}`);
  }
  assert.equal({ ...oneByOne.provenance }, expectedProvenance(events));
  assert.is(oneByOne.position, events.length);
});

projections('folding from scratch in place gives the world of folding through immer batches', () => {
  const events = record(manyGroups(257));
  let batched = emptyWorld;
  for (let start = 0; start < events.length; start += 50) batched = fold(events.slice(start, start + 50), batched, { batch: 16 });
  assert.equal(foldFromScratch(events), batched);
  assert.equal(fold(events, emptyWorld, { batch: 100 }), batched);
  assert.equal(foldFromScratch(seed), fold(seed, emptyWorld, { batch: 97 }));
});

projections('folding from a world continues it', () => {
  const events = record(manyGroups(10));
  assert.equal(fold(events.slice(5), fold(events.slice(0, 5))), fold(events));
});

projections('provenance is built when first read, reads as a plain record, and refuses writes', () => {
  const events = seed.slice(0, 120);
  const world = fold(events.slice(60), fold(events.slice(0, 60)));
  const expected = expectedProvenance(events);
  assert.equal(Object.keys(world.provenance).sort(), Object.keys(expected).sort());
  assert.equal(JSON.parse(JSON.stringify(world.provenance)), expected);
  assert.ok('lab' in world.provenance);
  assert.is(world.provenance['no such entity'], undefined);
  assert.throws(() => {
    (world.provenance as Record<string, number[]>).lab = [];
  }, /read-only/);
  // Each record keeps its own positions: the world before is not changed by folding after it.
  const before = fold(events.slice(0, 60));
  const after = fold(events.slice(60), before);
  assert.equal({ ...before.provenance }, expectedProvenance(events.slice(0, 60)));
  assert.equal({ ...after.provenance }, expected);
});

projections('a long chain of small folds builds its provenance without deep recursion', () => {
  const ticks = Array.from({ length: 20_000 }, (): LabEvent => ({ type: 'TimeAdvanced', data: { from: SimTime('a'), to: SimTime('b') } }));
  let world = emptyWorld;
  for (const e of record(ticks)) world = fold([e], world);
  assert.is(world.provenance.clock!.length, 20_000);
  assert.is(world.provenance.clock![19_999], 20_000);
});

projections('folding leaves the events it read unchanged, so a log folds twice to the same world', () => {
  const events = record([
    ...manyGroups(1),
    {
      type: 'HostProvisioned',
      data: {
        host: { name: HostName('H'), fqdn: 'h.contoso.com', os: 'x', roles: [], lastBoot: SimTime('t0') },
        iisSites: [{ name: 'S', bindings: [{ protocol: 'https', port: 443 }] }],
      },
    },
    { type: 'PrincipalCreated', data: { principal: { name: 'H', sid: 'S-H', kind: 'computer', builtin: false } } },
    { type: 'ComputerRestarted', data: { computer: HostName('H'), tokenGroups: [] } },
  ]);
  const snapshot = JSON.stringify(events);
  const first = fold(events);
  assert.is(JSON.stringify(events), snapshot);
  assert.equal(fold(events), first);
  assert.is(first.hosts.hosts.H!.lastBoot, events[3]!.at);
});

projections("the test network yields the seed's world: four computers, three built-in templates, one CA issuing Web Server", () => {
  const world = givenNetwork();
  assert.equal(Object.keys(world.hosts.hosts), ['DC1', 'CA1', 'SERVER1', 'CLIENT1']);
  assert.equal(Object.keys(world.ca.templates), ['WebServer', 'Workstation', 'ClientAuth']);
  assert.equal(world.ca.authorities['contoso-CA1-CA']!.templatesToIssue, ['WebServer']);
  assert.equal(world.hosts.iis.SERVER1!['Default Web Site']!.bindings, [{ protocol: 'https', port: 443 }]);
  assert.equal(world.directory.members['Domain Admins'], ['Administrator']);
});

projections.run();
