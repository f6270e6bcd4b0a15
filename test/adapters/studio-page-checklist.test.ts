import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { StepView } from '../../adapters/studio/api.ts';
import { stepMark } from '../../adapters/studio/web/checklist.ts';
import { noRestartLabs, studioOn } from '../support/studio-server.ts';

/** The stepper's checklist marks, from the step view the real studio server answers for the no-restart lab. */
const test = suite("studio page: the stepper's checklist");
const { root } = await noRestartLabs();
const s = await studioOn([root]);
test.after(() => s.studio.close());
const view = (await s.json(`/api/labs/${s.lab('no-restart')}/step/iis-web-server-certificate`)).body as StepView;
const marks = Object.fromEntries(
  ['create-group', 'issue-template', 'restart', 'request-certificate', 'bind'].map((id) => [id, stepMark(view.checklist, id)]),
);

test('the restart the no-restart lab left out reads as left out, not done, though it is behind the cursor', () => {
  assert.ok(view.checklist.skipped.includes('restart'), JSON.stringify(view.checklist));
  assert.is(marks.restart, 'skipped');
});

test('steps taken read as done, the refused request as current and the binding as upcoming', () => {
  assert.equal(marks, {
    'create-group': 'done',
    'issue-template': 'done',
    restart: 'skipped',
    'request-certificate': 'current',
    bind: 'upcoming',
  });
});

test.run();
