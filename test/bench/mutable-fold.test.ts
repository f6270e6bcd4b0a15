import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { mutableFold } from '../../scripts/bench/mutable-fold.ts';

const baseline = suite('bench/mutable-fold: the replay baseline does the work of the projections');

/**
 * The bench's lab in small: a few computers provisioned, booted, issued and installed a certificate, then timer passes
 * (the generator reads its sizes from the environment when first imported, so they are set before it is).
 */
const smallLab = async (): Promise<RecordedEvent[]> => {
  process.env.BENCH_COMPUTERS = '12';
  process.env.BENCH_PASSES = '3';
  const { generateLabLog } = await import('../../scripts/bench/lab-log.ts');
  return JSON.parse(JSON.stringify(generateLabLog())) as RecordedEvent[];
};

baseline('it keeps every generated host as the fold does: boot, last pass, pass count, store and token', async () => {
  const events = await smallLab();
  const world = fold(events);
  const mutable = mutableFold(events);
  const generated = [...mutable.hosts.keys()].filter((name) => name.startsWith('PC'));
  assert.is(generated.length, 12);
  for (const name of generated) {
    const host = world.hosts.hosts[name]!;
    const kept = mutable.hosts.get(name)!;
    assert.is(host.autoenrollmentPasses, 3, name);
    const fromFold = [host.lastBoot, host.lastAutoenrollment, host.autoenrollmentPasses];
    assert.equal([kept.lastBoot, kept.lastAutoenrollment, kept.autoenrollmentPasses], fromFold, name);
    assert.equal(mutable.stores.get(name), world.hosts.stores[name]!.personal, name);
    assert.equal(mutable.tokens.get(name), world.directory.tokens[name], name);
  }
});

baseline('it keeps the issued certificates and both indexes as the fold does', async () => {
  const events = await smallLab();
  const world = fold(events);
  const mutable = mutableFold(events);
  assert.equal(Object.fromEntries(mutable.issued), world.ca.issued);
  assert.equal(Object.fromEntries(mutable.serialByThumbprint), world.ca.serialByThumbprint);
  assert.equal(Object.fromEntries(mutable.serialsByRequester), world.ca.serialsByRequester);
  assert.is(mutable.lastRequestId, world.ca.lastRequestId);
  assert.equal([...mutable.principals.keys()].sort(), Object.keys(world.directory.principals).sort());
});

baseline('its provenance, built at once, is the record the fold builds when first read', async () => {
  const events = await smallLab();
  const eager = mutableFold(events, events.length, { provenance: true });
  assert.equal(Object.fromEntries(eager.provenance), { ...fold(events).provenance });
  // Kept for later, by default, as pkilab's fold keeps it: the events, nothing built.
  const lazy = mutableFold(events, 20);
  assert.is(lazy.provenance.size, 0);
  assert.equal(lazy.events, events.slice(0, 20));
});

baseline.run();
