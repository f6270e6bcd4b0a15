import { basename, dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assign, setup } from 'xstate';
import { chartOf, mermaid, procedureChart, type ProcedureChart } from '../../adapters/charts/index.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { findProcedure, procedures } from '../../workflows/index.ts';
import { runJson } from '../support/cli.ts';
import { checkMermaid } from '../support/mermaid-check.ts';

const charts = suite('adapters/charts');

type Input = { type: 'ACT'; step: string } | { type: 'SKIP'; step: string };

/** A flat chain of three steps, the middle one skippable, as procedures are built today. */
const flat = setup({ types: { events: {} as Input } }).createMachine({
  id: 'flat',
  initial: 'a',
  states: {
    a: { on: { ACT: 'b' } },
    b: { on: { ACT: 'c', SKIP: 'c' } },
    c: { on: { ACT: 'finished' } },
    finished: { type: 'final' },
  },
});

/** Phases holding steps, with named guards and a phase left by its done event, as issue 15 builds them. */
const nested = setup({
  types: { events: {} as Input, context: {} as { choices: Record<string, unknown> } },
  guards: { isStep: ({ event }, params: { step: string }) => event.step === params.step },
  actions: {
    remember: assign({ choices: ({ context, event }) => ({ ...context.choices, [event.step]: event.type === 'ACT' ? {} : null }) }),
  },
}).createMachine({
  id: 'nested',
  initial: 'prepare',
  context: { choices: {} },
  states: {
    prepare: {
      initial: 'group',
      onDone: 'issue',
      states: {
        group: { on: { ACT: { guard: { type: 'isStep', params: { step: 'group' } }, target: 'duplicate', actions: 'remember' } } },
        duplicate: { on: { ACT: { guard: { type: 'isStep', params: { step: 'duplicate' } }, target: 'ready', actions: 'remember' } } },
        ready: { type: 'final' },
      },
    },
    issue: {
      initial: 'request',
      states: { request: { on: { ACT: { target: '#nested.bind', actions: 'remember' }, SKIP: '#nested.bind' } } },
    },
    bind: { on: { ACT: 'done' }, after: { 1000: 'done' } },
    done: { type: 'final' },
  },
});

const statusOf = (chart: ProcedureChart) => Object.fromEntries(chart.nodes.map((n) => [n.id, n.status]));

charts('marks the steps of a flat machine done, left out, current and to come from the progress given', () => {
  const chart = procedureChart(flat, { value: 'c', choices: { a: { x: 1 }, b: null }, rejected: [] });
  assert.equal(statusOf(chart), { a: 'done', b: 'skipped', c: 'current', finished: 'upcoming' });
  assert.equal(chart.edges, [
    { from: 'a', to: 'b', label: 'ACT' },
    { from: 'b', to: 'c', label: 'ACT or SKIP' },
    { from: 'c', to: 'finished', label: 'ACT' },
  ]);
  assert.is(chart.initial, 'a');
  assert.equal(chart.current, ['c']);
});

charts('walks nested phases: each step is placed in its phase, and a phase takes the status of its steps', () => {
  const chart = procedureChart(nested, { value: { issue: 'request' }, choices: { group: {}, duplicate: {} }, rejected: ['request'] });
  assert.equal(
    chart.nodes.map((n) => [n.id, n.kind, n.phase]),
    [
      ['prepare', 'phase', ''],
      ['prepare.group', 'step', 'prepare'],
      ['prepare.duplicate', 'step', 'prepare'],
      ['prepare.ready', 'final', 'prepare'],
      ['issue', 'phase', ''],
      ['issue.request', 'step', 'issue'],
      ['bind', 'step', ''],
      ['done', 'final', ''],
    ],
  );
  assert.equal(statusOf(chart), {
    prepare: 'done',
    'prepare.group': 'done',
    'prepare.duplicate': 'done',
    'prepare.ready': 'upcoming',
    issue: 'rejected',
    'issue.request': 'rejected',
    bind: 'upcoming',
    done: 'upcoming',
  });
  assert.ok(chart.edges.some((e) => e.from === 'prepare.group' && e.to === 'prepare.duplicate' && e.label === 'ACT [isStep]'));
  assert.ok(chart.edges.some((e) => e.from === 'prepare' && e.to === 'issue' && e.label === 'done'));
  assert.ok(chart.edges.some((e) => e.from === 'issue.request' && e.to === 'bind' && e.label === 'ACT or SKIP'));
  assert.is(chart.nodes.find((n) => n.id === 'prepare')!.initial, 'prepare.group');
  assert.ok(chart.edges.some((e) => e.from === 'bind' && e.to === 'done' && e.label === 'ACT or after 1000 ms'));
});

charts('draws a nested machine as composite states, a transition leaving a phase drawn from the phase', () => {
  const text = mermaid(procedureChart(nested, { value: { prepare: 'duplicate' }, choices: { group: {} }, rejected: [] }));
  const shape = checkMermaid(text);
  assert.equal(shape.problems, []);
  assert.ok(text.includes('  state s_prepare {\n    state "group" as s_prepare_group\n'), text);
  assert.ok(shape.transitions.some((t) => t.from === '[*]' && t.to === 's_prepare_group' && t.block === 's_prepare'));
  assert.ok(shape.transitions.some((t) => t.from === 's_prepare_group' && t.to === 's_prepare_duplicate' && t.block === 's_prepare'));
  assert.ok(shape.transitions.some((t) => t.from === 's_issue' && t.to === 's_bind' && t.label === 'ACT or SKIP' && t.block === ''));
  assert.equal(shape.classes.get('current'), ['s_prepare_duplicate']);
  assert.equal(shape.classes.get('done'), ['s_prepare_group']);
});

charts('draws every step of every seed procedure, in valid stateDiagram-v2, each once with its title', () => {
  for (const procedure of procedures) {
    const chart = chartOf(procedure);
    const shape = checkMermaid(mermaid(chart));
    assert.equal(shape.problems, [], procedure.id);
    const steps = chart.nodes.filter((n) => n.kind === 'step');
    assert.equal(
      steps.map((n) => n.id.split('.').at(-1)),
      procedure.steps.map((s) => s.id),
      procedure.id,
    );
    for (const step of procedure.steps) {
      const drawn = [...shape.states.values()].filter((s) => s.label === step.title.replace(/"/g, "'"));
      assert.is(drawn.length, 1, `${procedure.id} ${step.id}`);
    }
    assert.ok(
      steps.every((n) => n.status === 'upcoming'),
      'nothing is lit before the procedure starts',
    );
  }
});

/** The Mermaid id of a step, wherever the machine places it. */
const drawnId = (chart: ProcedureChart, step: string) =>
  `s_${chart.nodes.find((n) => n.id.split('.').at(-1) === step)!.id.replace(/[^A-Za-z0-9]+/g, '_')}`;

const noRestartEvents = async () => {
  const { out, code } = await runJson('scenarios/iis-no-restart.yaml');
  assert.is(code, 0);
  const log = join(out, 'lab.jsonl');
  return jsonlEventStore(dirname(log)).read(basename(log, '.jsonl'));
};

charts('lights the step a lab stands at, and marks the left-out restart and the rejected request of the no-restart lab', async () => {
  const events = await noRestartEvents();
  const iis = findProcedure('iis-web-server-certificate')!;
  const end = chartOf(iis, events);
  const status = Object.fromEntries(end.nodes.filter((n) => n.kind === 'step').map((n) => [n.id.split('.').at(-1), n.status]));
  assert.is(status.restart, 'skipped');
  assert.is(status['request-certificate'], 'rejected');
  assert.is(status.security, 'done');
  assert.is(status.bind, 'upcoming');
  const shape = checkMermaid(mermaid(end));
  assert.equal(shape.problems, []);
  assert.equal(shape.classes.get('rejected'), [drawnId(end, 'request-certificate')]);
  assert.equal(shape.classes.get('skipped'), [drawnId(end, 'restart')]);
  assert.equal(shape.classes.get('current'), [], 'the rejected step is drawn rejected, not current');
  const third = events.findIndex((e) => e.type === 'ActionTaken' && e.data.step === 'name-template');
  const midway = chartOf(iis, events.slice(0, third));
  assert.equal(
    midway.nodes.filter((n) => n.kind === 'step' && n.status === 'current').map((n) => n.id.split('.').at(-1)),
    ['name-template'],
  );
  assert.equal(
    midway.nodes.filter((n) => n.kind === 'step' && n.status === 'done').map((n) => n.id.split('.').at(-1)),
    ['create-group', 'duplicate-template'],
  );
  assert.equal(checkMermaid(mermaid(midway)).classes.get('current'), [drawnId(midway, 'name-template')]);
});

charts('the Mermaid check refuses what Mermaid would not parse', () => {
  const bad = ['stateDiagram-v2', '  state "a" as a-b', '  x --> y : label: with colon', '  state s {', '  class nowhere current'].join(
    '\n',
  );
  const problems = checkMermaid(bad).problems;
  assert.is(problems.length, 6, problems.join('\n'));
});

charts.run();
