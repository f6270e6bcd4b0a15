import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabEvent, RecordedEvent } from '../../domain/index.ts';
import { acceptedInputs, fold, isAcceptedInput, progressAfter } from '../../projections/index.ts';
import { record } from '../support/world.ts';

const workflow = suite('projections/workflow: the accepted-input rule and procedure progress');
const procedure = 'iis-web-server-certificate';
const taken = (step: string, choice: unknown = {}): LabEvent => ({ type: 'ActionTaken', data: { procedure, step, choice } });
const rejected = (step: string): LabEvent =>
  ({ type: 'ActionRejected', data: { procedure, step, rejection: { code: 'x', name: 'WRONG_STEP', reason: 'r' } } }) as LabEvent;
const started: LabEvent = { type: 'ProcedureStarted', data: { procedure, input: null } };

/** Given: a start, two accepted inputs, then a retry of the first step that the lab refused, then a skip. */
const log = record([
  started,
  taken('create-group', { name: 'G' }),
  taken('duplicate-template'),
  taken('create-group', { name: 'H' }),
  rejected('create-group'),
  taken('restart', null),
]);

workflow('an input counts unless the event right after it is its rejection', () => {
  assert.equal(
    log.map((_, i) => isAcceptedInput(log, i)),
    [false, true, true, false, false, true],
  );
  assert.equal(
    acceptedInputs(log).map((e) => e.position),
    [2, 3, 6],
  );
});

workflow('the folded world keeps each accepted input with its choice, in order, and a rejection takes its input back', () => {
  const progress = fold(log).procedures[procedure]!;
  assert.equal(progress.inputs, [
    { step: 'create-group', choice: { name: 'G' } },
    { step: 'duplicate-template', choice: {} },
    { step: 'restart', choice: null },
  ]);
  assert.is(progress.completed, false);
  assert.equal(progressAfter(log, procedure), progress);
});

workflow('a new start begins with no inputs, and an input for a procedure never started counts for none', () => {
  const again = record([started, taken('other-step')], log.length);
  assert.equal(fold([...log, ...again]).procedures[procedure]!.inputs, [{ step: 'other-step', choice: {} }]);
  assert.is(progressAfter(record([taken('create-group')]), procedure), undefined);
});

workflow("on a recorded lab, the inputs the world keeps are the accepted ones since each procedure's last start", () => {
  const events = (JSON.parse(readFileSync('test/recorded/iis-no-restart.json', 'utf8')) as { events: RecordedEvent[] }).events;
  const world = fold(events);
  assert.ok(Object.keys(world.procedures).length > 0, 'the lab ran a procedure');
  for (const [id, progress] of Object.entries(world.procedures)) {
    const lastStart = events.map((e) => e.type === 'ProcedureStarted' && e.data.procedure === id).lastIndexOf(true);
    const expected = acceptedInputs(events.slice(lastStart))
      .filter((e) => e.data.procedure === id)
      .map((e) => e.data.step);
    assert.equal(
      progress.inputs.map((i) => i.step),
      expected,
      id,
    );
  }
});

workflow.run();
