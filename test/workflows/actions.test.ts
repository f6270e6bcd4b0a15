import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryEventStore } from '../../adapters/eventstore/memory.ts';
import { actionSchema, adminProcedure, findAction, redecide, takeAction, type Lab, type LabPorts } from '../../workflows/index.ts';
import { freshLab, memoryPorts } from '../support/ports.ts';

const taking = suite('workflows/actions');

const take = async (ports: LabPorts, lab: Lab, id: string, choice: unknown) => await takeAction(ports, lab, id, choice);

taking('the catalogue finds an action and its strict schema by id', () => {
  assert.is(findAction('pulse-autoenrollment')?.tool, 'certutil -pulse');
  assert.ok(actionSchema('approve-request')?.shape.requestId);
  assert.is(findAction('nope'), undefined);
});

taking('an action records its input like a step (procedure admin) followed by what it decided', async () => {
  const { ports, lab } = await freshLab();
  const { lab: after, outcome } = await take(ports, lab, 'restart-computer', { computer: 'CLIENT1' });
  assert.ok(outcome.ok);
  const types = outcome.events.map((e) => e.type);
  assert.equal(types.slice(0, 3), ['ActionTaken', 'ComputerRestarted', 'AutoenrollmentRan']);
  const input = outcome.events[0]!;
  assert.equal(input.type === 'ActionTaken' && input.data, {
    procedure: adminProcedure,
    step: 'restart-computer',
    choice: { computer: 'CLIENT1' },
  });
  assert.is(after.world.hosts.hosts.CLIENT1!.lastBoot, input.at);
});

taking('a refused action is recorded with its real code and changes nothing else', async () => {
  const { ports, lab } = await freshLab();
  const { lab: after, outcome } = await take(ports, lab, 'approve-request', { requestId: 4 });
  assert.not.ok(outcome.ok);
  assert.is(!outcome.ok && outcome.rejection.code, '0x80070002');
  assert.equal(
    after.events.slice(lab.events.length).map((e) => e.type),
    ['ActionTaken', 'ActionRejected'],
  );
  assert.is(after.world.rejections.at(-1)?.procedure, adminProcedure);
});

taking('an invalid choice is refused with the field named', async () => {
  const { ports, lab } = await freshLab();
  const { outcome } = await take(ports, lab, 'advance-time', { days: 1, hours: 2 });
  assert.is(!outcome.ok && outcome.rejection.code, 'invalid-choice');
  assert.match(!outcome.ok ? outcome.rejection.reason : '', /exactly one of minutes, hours, days or until/);
});

taking('a week of simulated time runs 21 autoenrollment passes on each computer, each at its own time, in time order', async () => {
  const { ports, lab } = await freshLab();
  const { lab: after, outcome } = await take(ports, lab, 'advance-time', { days: 7 });
  assert.ok(outcome.ok);
  const passes = outcome.events.filter((e) => e.type === 'AutoenrollmentRan' && e.data.computer === 'CLIENT1');
  assert.is(passes.length, 21);
  assert.is(passes[0]!.at, '2026-11-02T17:00:00.000Z');
  const times = outcome.events.map((e) => Date.parse(e.at));
  assert.ok(
    times.every((t, i) => i === 0 || t >= times[i - 1]!),
    'events in time order',
  );
  assert.ok(outcome.events.some((e) => e.type === 'TimeAdvanced' && e.at === '2026-11-09T09:00:00.000Z'));
  assert.is(after.world.now, '2026-11-09T09:00:00.000Z');
  assert.ok(
    outcome.events.some((e) => e.type === 'CrlPublished'),
    'the CA publishes its CRLs on its periods meanwhile',
  );
});

taking('time cannot be moved backwards', async () => {
  const { ports, lab } = await freshLab();
  const { outcome } = await take(ports, lab, 'advance-time', { until: '2026-11-01T00:00:00Z' });
  assert.is(!outcome.ok && outcome.rejection.code, 'invalid-choice');
});

taking('a log with actions is decided again to the same outcome, and a what-if on an action changes what follows', async () => {
  const { ports, lab } = await freshLab();
  let current = (await take(ports, lab, 'remove-template-from-ca', { template: 'WebServer' })).lab;
  current = (
    await take(ports, current, 'request-certificate', { computer: 'SERVER1', template: 'Web Server', dnsNames: ['a.contoso.com'] })
  ).lab;
  current = (await take(ports, current, 'advance-time', { hours: 9 })).lab;
  assert.is(current.world.rejections.at(-1)?.rejection.code, '0x80094800');
  const again = await redecide({ ...ports, events: memoryEventStore() }, current.events);
  assert.is(again.divergedAt, undefined);
  const removal = current.events.find((e) => e.type === 'ActionTaken' && e.data.step === 'remove-template-from-ca')!;
  const whatIf = await redecide({ ...memoryPorts(), keys: ports.keys, events: memoryEventStore() }, current.events, {
    kind: 'skip',
    position: removal.position,
  });
  assert.is(whatIf.divergedAt, removal.position);
  // With Web Server still issued, the request gets as far as the Security tab, which lets only administrators enroll.
  assert.equal(
    whatIf.lab.world.rejections.map((r) => r.rejection.code),
    ['0x80094012'],
  );
});

taking.run();
