import { initialTransition, transition } from 'xstate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  currentStepOf,
  findProcedure,
  machineOf,
  openLab,
  procedureSnapshot,
  startProcedure,
  takeStep,
  type Lab,
  type LabPorts,
} from '../../workflows/index.ts';
import type { LabEvent } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { freshLab } from '../support/ports.ts';
import { record } from '../support/world.ts';

const engine = suite('workflows/engine');
const iis = findProcedure('iis-web-server-certificate')!;
const seedChoice = (id: string, choices: Record<string, unknown>) => iis.steps.find((s) => s.id === id)!.seedChoice({ choices });

/** Walks the seed's choices up to (not including) `until`. */
const walk = async (ports: LabPorts, start: Lab, until?: string) => {
  let lab = await startProcedure(ports, start, iis.id);
  const choices: Record<string, unknown> = {};
  for (const step of iis.steps) {
    if (step.id === until) break;
    const choice = seedChoice(step.id, choices);
    const taken = await takeStep(ports, lab, iis.id, step.id, choice);
    assert.ok(taken.outcome.ok, `${step.id}: ${!taken.outcome.ok ? taken.outcome.rejection.reason : ''}`);
    lab = taken.lab;
    choices[step.id] = choice;
  }
  return { lab, choices };
};

engine('the procedure machine holds its steps in phases, names a decide action, and finds no transition for another step', () => {
  const machine = machineOf(iis);
  const [initial] = initialTransition(machine, { prerequisites: [] });
  assert.equal(initial.value, { group: 'create-group' });
  const [same, none] = transition(machine, initial, { type: 'ACT', step: 'bind', choice: {} });
  assert.equal(same.value, { group: 'create-group' });
  assert.equal(none, []);
  const [next, actions] = transition(machine, initial, { type: 'ACT', step: 'create-group', choice: { name: 'G', members: ['SERVER1'] } });
  assert.equal(next.value, { duplicate: 'duplicate-template' });
  assert.equal(Object.keys(machine.root.states), ['group', 'duplicate', 'configure', 'issue', 'request', 'deploy', 'done']);
  const command = actions.find((a) => a.type === 'decide');
  assert.equal((command?.params as { commands: unknown[] }).commands, [
    { type: 'CreateGroup', name: 'G' },
    { type: 'AddGroupMember', group: 'G', member: 'SERVER1' },
  ]);
});

engine("a procedure's machine is given the procedures it relies on as input, and keeps them in its context", async () => {
  const dpClient = findProcedure('dp-client-certificate')!;
  const { ports, lab } = await freshLab();
  const started = await startProcedure(ports, lab, dpClient.id);
  assert.equal(procedureSnapshot(dpClient, started.world)?.context.prerequisites, ['iis-web-server-certificate']);
  assert.equal(procedureSnapshot(iis, (await startProcedure(ports, started, iis.id)).world)?.context.prerequisites, []);
});

engine("the snapshot is restored from the world's accepted inputs; a step the procedure no longer has moves nothing", () => {
  const started = { type: 'ProcedureStarted', data: { procedure: iis.id, input: null } };
  const group = { type: 'ActionTaken', data: { procedure: iis.id, step: 'create-group', choice: { name: 'G', members: [] } } };
  const gone = { type: 'ActionTaken', data: { procedure: iis.id, step: 'a-step-of-old', choice: {} } };
  const world = fold(record([started, group] as LabEvent[]));
  assert.equal(procedureSnapshot(iis, world)?.value, { duplicate: 'duplicate-template' });
  assert.equal(procedureSnapshot(iis, world)?.context.choices, { 'create-group': { name: 'G', members: [] } });
  assert.equal(procedureSnapshot(iis, fold(record([started, group, gone] as LabEvent[])))?.value, { duplicate: 'duplicate-template' });
});

engine('a step out of order is recorded with its rejection and does not move the procedure', async () => {
  const { ports, lab } = await freshLab();
  const started = await startProcedure(ports, lab, iis.id);
  const taken = await takeStep(ports, started, iis.id, 'bind', seedChoice('bind', {}));
  assert.not.ok(taken.outcome.ok);
  assert.equal(
    taken.outcome.events.map((e) => e.type),
    ['ActionTaken', 'ActionRejected'],
  );
  assert.is(currentStepOf(procedureSnapshot(iis, taken.lab.world)!), 'create-group');
  assert.is(taken.lab.world.rejections[0]?.rejection.name, 'WRONG_STEP');
});

engine('an invalid choice is refused with what was expected and where', async () => {
  const { ports, lab } = await freshLab();
  const started = await startProcedure(ports, lab, iis.id);
  const taken = await takeStep(ports, started, iis.id, 'create-group', { name: '' });
  assert.ok(!taken.outcome.ok && taken.outcome.rejection.name === 'INVALID_CHOICE');
  assert.match(!taken.outcome.ok ? taken.outcome.rejection.reason : '', /create-group\.name: expected a non-empty string/);
});

engine("a step is all or nothing: a failing command discards the step's earlier events", async () => {
  const { ports, lab: start } = await freshLab();
  const { lab } = await walk(ports, start, 'security');
  const taken = await takeStep(ports, lab, iis.id, 'security', {
    edits: [
      { principal: 'Domain Admins', remove: ['Enroll'] },
      { principal: 'Ghosts', allow: ['Enroll'] },
    ],
  });
  assert.not.ok(taken.outcome.ok);
  assert.equal(
    taken.outcome.events.map((e) => e.type),
    ['ActionTaken', 'ActionRejected'],
  );
  const template = taken.lab.world.ca.templates.ConfigMgrWebServerCertificate!;
  assert.equal(template.acl.find((a) => a.principal === 'Domain Admins')?.allow, ['Read', 'Write', 'Enroll']);
});

engine("simulated time advances by each step's duration from the lab start", async () => {
  const { ports, lab: start } = await freshLab();
  const { lab } = await walk(ports, start, 'duplicate-template');
  assert.is(lab.world.now, '2026-11-02T09:03:00.000Z');
  const second = await freshLab();
  const restart = await walk(second.ports, second.lab);
  assert.is(restart.lab.world.hosts.hosts.SERVER1!.lastBoot, '2026-11-02T09:15:00.000Z');
});

engine('the last step completes the procedure; a reopened log resumes where it stood', async () => {
  const { ports, lab: start } = await freshLab();
  const partial = await walk(ports, start, 'bind');
  const reopened = await openLab(ports, 'lab');
  assert.equal(reopened.world, partial.lab.world);
  assert.is(currentStepOf(procedureSnapshot(iis, reopened.world)!), 'bind');
  const bound = await takeStep(ports, reopened, iis.id, 'bind', seedChoice('bind', partial.choices));
  assert.ok(bound.outcome.ok);
  const site = await takeStep(ports, bound.lab, iis.id, 'site-system', seedChoice('site-system', partial.choices));
  assert.ok(site.outcome.ok && !site.outcome.completed);
  assert.equal(
    site.outcome.events.map((e) => e.type),
    ['ActionTaken', 'SiteSystemConfigured'],
  );
  const last = await takeStep(
    ports,
    site.lab,
    iis.id,
    'verify',
    seedChoice('verify', { ...partial.choices, 'site-system': seedChoice('site-system', partial.choices) }),
  );
  assert.ok(last.outcome.ok && last.outcome.completed);
  assert.equal(
    last.outcome.events.map((e) => e.type),
    ['ActionTaken', 'IisBindingVerified', 'ProcedureCompleted'],
  );
  assert.ok(last.lab.world.procedures[iis.id]?.completed);
  assert.equal(last.lab.world.configmgr.siteSystems.SERVER1, {
    host: 'SERVER1',
    intranetFqdn: 'server1.internal.contoso.com',
    internetFqdn: 'server.contoso.com',
  });
});

engine('skipping the restart is recorded as the input null, and the request is then denied', async () => {
  let { ports, lab: start } = await freshLab();
  const { lab } = await walk(ports, start, 'restart');
  const generated: string[] = [];
  const generate = ports.keys.generate;
  ports = { ...ports, keys: { ...ports.keys, generate: (ref, size) => (generated.push(ref), generate(ref, size)) } };
  const skipped = await takeStep(ports, lab, iis.id, 'restart', null);
  assert.ok(skipped.outcome.ok);
  assert.equal(
    skipped.outcome.events.map((e) => e.type),
    ['ActionTaken'],
  );
  const request = await takeStep(ports, skipped.lab, iis.id, 'request-certificate', seedChoice('request-certificate', {}));
  assert.ok(!request.outcome.ok && request.outcome.rejection.code === '0x80094012');
  assert.equal(generated, [], 'no key is generated for a denied request');
});

engine('an issued certificate is signed by the lab CA and installed with its key reference', async () => {
  const { ports, lab: start } = await freshLab();
  const { lab } = await walk(ports, start, 'bind');
  const issued = Object.values(lab.world.ca.issued);
  assert.is(issued.length, 1);
  assert.ok(await ports.keys.has(issued[0]!.keyRef));
  assert.equal(
    lab.world.hosts.stores.SERVER1!.personal!.map((c) => c.thumbprint),
    [issued[0]!.thumbprint],
  );
  assert.match(issued[0]!.thumbprint, /^[0-9A-F]{40}$/);
});

engine.run();
