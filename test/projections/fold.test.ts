import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyWorld, type LabEvent } from '../../domain/index.ts';
import { apply, batchSize, fold, foldFromScratch } from '../../projections/index.ts';
import { produce } from 'immer';
import { record, givenNetwork } from '../support/world.ts';

const projections = suite('projections/fold');

const manyGroups = (n: number): LabEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'PrincipalCreated', data: { principal: { name: `G${i}`, sid: `S-${i}`, kind: 'group', builtin: false } } }) as LabEvent);

projections('folding in batches gives the same world as one produce per event', () => {
  const events = record(manyGroups(batchSize * 2 + 7));
  const batched = fold(events);
  // One produce per event is quadratic on a flat collection (minutes here); per event on a short log, then all
  // events applied one by one inside a single draft for the whole log, which is the same reference, unbatched.
  const short = events.slice(0, 300);
  assert.equal(fold(short), short.reduce((w, e) => produce(w, (d) => apply(d, e)), emptyWorld));
  const oneByOne = produce(emptyWorld, (draft) => {
    for (const e of events) apply(draft, e);
  });
  assert.equal(batched, oneByOne);
  assert.is(batched.position, events.length);
  assert.is(Object.keys(batched.directory.principals).length, events.length);
});

projections('folding from a world continues it', () => {
  const events = record(manyGroups(10));
  assert.equal(fold(events.slice(5), fold(events.slice(0, 5))), fold(events));
});

projections('folding leaves the events it read unchanged, so a log folds twice to the same world', () => {
  const events = record([
    ...manyGroups(1),
    { type: 'HostProvisioned', data: { host: { name: 'H', fqdn: 'h.contoso.com', os: 'x', roles: [], lastBoot: 't0' }, iisSites: [{ name: 'S', bindings: [{ protocol: 'https', port: 443 }] }] } },
    { type: 'PrincipalCreated', data: { principal: { name: 'H', sid: 'S-H', kind: 'computer', builtin: false } } },
    { type: 'ComputerRestarted', data: { computer: 'H', tokenGroups: [] } },
  ]);
  const snapshot = JSON.stringify(events);
  const first = fold(events);
  assert.is(JSON.stringify(events), snapshot);
  assert.equal(fold(events), first);
  assert.is(first.hosts.hosts.H!.lastBoot, events[3]!.at);
});

projections('the test network yields the seed\'s world: four computers, three built-in templates, one CA issuing Web Server', () => {
  const world = givenNetwork();
  assert.equal(Object.keys(world.hosts.hosts), ['DC1', 'CA1', 'SERVER1', 'CLIENT1']);
  assert.equal(Object.keys(world.ca.templates), ['WebServer', 'Workstation', 'ClientAuth']);
  assert.equal(world.ca.authorities['contoso-CA1-CA']!.templatesToIssue, ['WebServer']);
  assert.equal(world.hosts.iis.SERVER1!['Default Web Site']!.bindings, [{ protocol: 'https', port: 443 }]);
  assert.equal(world.directory.members['Domain Admins'], ['Administrator']);
});

projections('folding a whole log in place gives the same world as folding it through immer batches', () => {
  const events = record(manyGroups(batchSize * 2 + 3));
  let batched = emptyWorld;
  for (let start = 0; start < events.length; start += 1000) batched = fold(events.slice(start, start + 1000), batched);
  assert.equal(foldFromScratch(events), batched);
  assert.equal(fold(events), batched);
});

projections.run();
