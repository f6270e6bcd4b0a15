import { HostName, SimTime } from '../../domain/index.ts';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabEvent, RecordedEvent } from '../../domain/index.ts';
import { buildTimeline, diffWorlds, fold } from '../../projections/index.ts';
import { record } from '../support/world.ts';

const timeline = suite('projections/timeline');
const events = (JSON.parse(readFileSync('test/recorded/seed-deployment.json', 'utf8')) as { events: RecordedEvent[] }).events;

timeline('the world at any position equals a fold of the log up to it, provenance included', () => {
  const t = buildTimeline(events, 50);
  for (const n of [0, 1, 37, 50, 51, 99, 100, 163, events.length - 1, events.length]) {
    assert.equal(t.worldAt(n), fold(events.slice(0, n)), `position ${n}`);
  }
  // Every 50 events, and every 25 that change a checkpoint (most of the seed's do), the end included.
  assert.ok(t.checkpoints >= Math.ceil(events.length / 50) + 1 && t.checkpoints <= Math.ceil(events.length / 25) + 1);
});

timeline('a year of timer passes, kept out of the checkpoints, comes back on every host at any position', () => {
  const year = (JSON.parse(readFileSync('test/recorded/lab-year.json', 'utf8')) as { events: RecordedEvent[] }).events;
  const t = buildTimeline(year, 700);
  assert.is(t.built, 1, 'no checkpoint is folded before a seek needs it');
  const positions = [1, 699, 700, 701, 1234, 2500, 3999, year.length - 1, year.length];
  for (const n of positions) assert.equal(t.worldAt(n), fold(year.slice(0, n)), `position ${n}`);
  const passed = Object.values(t.worldAt(year.length).hosts.hosts).filter((h) => (h.autoenrollmentPasses ?? 0) > 100);
  assert.ok(passed.length > 0, 'the year gives some host more than 100 passes');
  assert.is(t.built, t.checkpoints, 'a seek to the end folded every checkpoint on its way');
  const fresh = buildTimeline(year, 700);
  let reported = 0;
  fresh.complete((folded, total) => {
    assert.ok(folded > reported && folded <= total);
    reported = folded;
  });
  assert.is(reported, year.length);
  assert.is(fresh.built, fresh.checkpoints);
});

timeline('passes before a computer exists are ignored, and a computer provisioned again counts its passes afresh', () => {
  const host = (lastBoot: string): LabEvent => ({
    type: 'HostProvisioned',
    data: {
      host: { name: HostName('PC1'), fqdn: 'pc1.contoso.com', os: 'Windows 7', roles: [], lastBoot: SimTime(lastBoot) },
      iisSites: [],
    },
  });
  const pass = (failed: boolean): LabEvent => ({
    type: 'AutoenrollmentRan',
    data: {
      computer: HostName('PC1'),
      trigger: 'timer',
      failures: failed ? [{ template: 'Workstation', eventId: 13, message: 'denied' }] : [],
    },
  });
  const log = record([pass(false), host('t0'), pass(true), pass(false), pass(true), host('t1'), pass(false), pass(true)]).map(
    (e, i) => ({ ...e, at: `2026-11-02T0${i}:00:00.000Z` }) as RecordedEvent,
  );
  const t = buildTimeline(log, 2);
  for (let n = 0; n <= log.length; n += 1) assert.equal(t.worldAt(n), fold(log.slice(0, n)), `position ${n}`);
  assert.is(t.worldAt(log.length).hosts.hosts.PC1!.autoenrollmentPasses, 2);
});

timeline('positions past the end or before the start are clamped', () => {
  const t = buildTimeline(events, 100);
  assert.is(t.worldAt(events.length + 10).position, events.length);
  assert.is(t.worldAt(-3).position, 0);
  assert.is(t.worldAt(events.length).provenance['principal:nobody'], undefined);
  assert.is(t.worldAt(0).provenance.lab, undefined);
  assert.equal(t.worldAt(1).provenance.lab, [1]);
});

timeline('a diff between two positions is told in domain terms', () => {
  const t = buildTimeline(events);
  const issued = events.find((e) => e.type === 'TemplateIssued')!;
  const changes = diffWorlds(t.worldAt(issued.position - 1), t.worldAt(issued.position), { findings: false });
  assert.equal(
    changes.map((c) => c.text),
    [`contoso-CA1-CA now issues ${issued.type === 'TemplateIssued' ? issued.data.template : ''}`],
  );
});

timeline.run();
