import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { produce } from 'immer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyWorld, type RecordedEvent, type World } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { foldLayered } from '../../projections/layered-fold.ts';
import { flatten, layerOver, readLayer, viewOf } from '../../projections/layered.ts';

const layered = suite('projections/layered');

const logs = readdirSync('test/recorded')
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, (JSON.parse(readFileSync(`test/recorded/${f}`, 'utf8')) as { events: RecordedEvent[] }).events] as const);

/** The oracle: the same events folded through immer, passes and provenance left out as a timeline's checkpoints leave them. */
const folded = (events: readonly RecordedEvent[], n: number): World =>
  fold(events.slice(0, n), emptyWorld, { passes: false, provenance: false });

/** The world after folding `events` in stretches ending at `cuts`, each stretch a layer over the one before. */
const chained = (events: readonly RecordedEvent[], cuts: readonly number[], compact: (i: number) => boolean): World => {
  let world = emptyWorld;
  let from = 0;
  cuts.forEach((to, i) => {
    world = foldLayered(events, from, to, world, compact(i));
    from = to;
  });
  return world;
};

layered('folding a recorded log in layered stretches of any length gives the world of one fold, keys in the same order', () => {
  for (const [name, events] of logs) {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: events.length }), { maxLength: 40 }), fc.boolean(), (picked, compact) => {
        const cuts = [...picked].sort((a, b) => a - b);
        const world = chained(events, cuts, () => compact);
        const n = cuts.at(-1) ?? 0;
        assert.equal(world, folded(events, n), `${name} cut at ${cuts.join(',')}`);
        assert.is(JSON.stringify(world), JSON.stringify(folded(events, n)), `${name}: same JSON, same key order`);
      }),
      { numRuns: 15, seed: 1126 },
    );
  }
});

layered('a chain of one-event layers past the deepest chain a read walks is copied out and still reads the same', () => {
  const events = logs.find(([name]) => name === 'seed-deployment.json')![1];
  const cuts = events.map((e) => e.position);
  const world = chained(events, cuts, () => true);
  assert.equal(world, folded(events, events.length));
  assert.is(JSON.stringify(world.hosts), JSON.stringify(folded(events, events.length).hosts));
});

layered('folding over a world leaves it as it was: its records are read, never written', () => {
  const events = logs.find(([name]) => name === 'lab-year.json')![1];
  const half = Math.floor(events.length / 2);
  const before = foldLayered(events, 0, half, emptyWorld, false);
  const text = JSON.stringify(before);
  const after = foldLayered(events, half, events.length, before, false);
  assert.is(JSON.stringify(before), text);
  assert.equal(after, folded(events, events.length));
  assert.equal([emptyWorld.hosts.hosts, emptyWorld.ca.issued, emptyWorld.directory.principals], [{}, {}, {}], 'the empty world too');
});

layered("a layer's record reads as a plain one: entries down the chain, deletions, keys in a plain object's order", () => {
  const plain: Record<string, unknown> = { a: 1, b: 2, c: 3, 7: 'seven' };
  const first = layerOver(plain);
  first.removed.add('b');
  first.own.set('d', 4);
  const second = layerOver(viewOf(first));
  second.removed.add('a');
  second.own.set('b', 5);
  second.own.set('2', 'two');
  // The same operations on a plain object, for the order keys come in.
  const expected: Record<string, unknown> = { ...plain };
  delete expected.b;
  expected.d = 4;
  delete expected.a;
  expected.b = 5;
  expected[2] = 'two';
  const view = viewOf(second);
  assert.equal(Object.keys(view), Object.keys(expected));
  assert.equal(flatten(second), expected);
  assert.is(readLayer(second, 'a'), undefined);
  assert.is(readLayer(second, 'c'), 3);
  assert.is(readLayer(second, 'constructor'), undefined, 'an inherited name is no entry');
  assert.ok('d' in view && !('a' in view));
  assert.equal({ ...view }, expected);
  assert.equal(plain, { a: 1, b: 2, c: 3, 7: 'seven' }, 'the record below is unchanged');
});

layered('an immer draft of a layered world copies the record on its first write and leaves the layer as it was', () => {
  const events = logs.find(([name]) => name === 'seed-deployment.json')![1];
  const world = foldLayered(events, 100, events.length, foldLayered(events, 0, 100, emptyWorld, false), false);
  const name = Object.keys(world.hosts.hosts)[0]!;
  const changed = produce(world, (draft) => {
    draft.hosts.hosts[name]!.lastBoot = 'later' as never;
    delete draft.ca.issued[Object.keys(draft.ca.issued)[0]!];
  });
  assert.is(changed.hosts.hosts[name]!.lastBoot, 'later');
  assert.is.not(world.hosts.hosts[name]!.lastBoot, 'later');
  assert.is(Object.keys(changed.ca.issued).length, Object.keys(world.ca.issued).length - 1);
  assert.throws(() => {
    (world.hosts.hosts as Record<string, unknown>)[name] = {};
  }, /read-only/);
});

layered.run();
