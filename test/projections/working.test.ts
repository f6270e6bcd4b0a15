import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isDraft } from 'immer';
import { emptyWorld, type LabEvent } from '../../domain/index.ts';
import { detached, fold, workingWorld } from '../../projections/index.ts';
import { record } from '../support/world.ts';

const working = suite('projections/working');

const groups = (from: number, n: number): LabEvent[] =>
  Array.from({ length: n }, (_, i): LabEvent => {
    const principal = { name: `G${from + i}`, sid: `S-${from + i}`, kind: 'group', builtin: false } as const;
    return { type: 'PrincipalCreated', data: { principal } };
  });

working('a working world reaches the same state as the fold, provenance aside, and leaves its base untouched', () => {
  const events = record(groups(0, 40));
  const base = fold(events.slice(0, 10));
  // A lazy provenance record is a proxy, which structuredClone refuses: clone its plain spread instead.
  const copy = structuredClone({ ...base, provenance: { ...base.provenance } });
  const w = workingWorld(base);
  w.apply(events.slice(10, 25));
  w.apply(events.slice(25));
  const reached = w.finish();
  assert.equal({ ...reached, provenance: {} }, { ...fold(events), provenance: {} });
  assert.equal(base, copy);
});

working('rollback returns to an earlier count of applied events, as if the later ones never came', () => {
  const events = record(groups(0, 12));
  const w = workingWorld(emptyWorld);
  w.apply(events.slice(0, 5));
  w.apply(events.slice(5));
  w.rollback(5);
  assert.is(w.applied, 5);
  assert.equal(Object.keys(w.world.directory.principals), ['G0', 'G1', 'G2', 'G3', 'G4']);
  assert.is(w.finish().position, 5);
});

working('detached replaces the drafts a decision read into its events by plain copies, and keeps everything else as is', () => {
  const w = workingWorld(fold(record(groups(0, 2))));
  const principal = w.world.directory.principals.G1!;
  assert.ok(isDraft(principal));
  const event = { type: 'X', data: { principal, names: ['a'], n: 1 } };
  const plain = detached(event);
  assert.not.ok(isDraft(plain.data.principal));
  assert.equal(plain.data.principal, { name: 'G1', sid: 'S-1', kind: 'group', builtin: false });
  assert.is(plain.data.names, event.data.names);
  const untouched = { type: 'Y', data: { n: 2 } };
  assert.is(detached(untouched), untouched);
});

working.run();
