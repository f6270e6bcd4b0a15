import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createStepper, isStepperError, type Stepper, type StepperErrorCode } from '../../adapters/stepper/controller.ts';
import { cli, tempDir } from '../support/cli.ts';

/** The stepper's refusals carry a code of its own (adapters/stepper/errors.ts), never a bare Error. */
const errors = suite('adapters/stepper errors: every refusal has a StepperError code');

const refused = async (action: () => unknown, code: StepperErrorCode, message: RegExp) => {
  try {
    await action();
    assert.unreachable(`expected ${code}`);
  } catch (error) {
    assert.ok(isStepperError(error, code), String(error));
    assert.match((error as Error).message, message);
  }
};
const none = () => undefined;

let stepper: Stepper;
let out: string;
errors.before(async () => {
  out = await tempDir();
  stepper = await createStepper({ out, warn: none });
});
errors.after(() => stepper.close());

errors('a --lab that holds no log is STEPPER_NO_LAB', async () => {
  await refused(
    () => createStepper({ out, lab: join(out, 'nowhere', 'lab.jsonl'), warn: none }),
    'STEPPER_NO_LAB',
    /holds no lab log to continue/,
  );
});

errors('a --scenario where a lab already is is STEPPER_LAB_EXISTS (the lab is never replaced without --new)', async () => {
  const busy = await tempDir();
  await (await createStepper({ out: busy, warn: none })).close();
  await refused(
    () => createStepper({ out: busy, scenario: 'scenarios/iis-no-restart.yaml', warn: none }),
    'STEPPER_LAB_EXISTS',
    /already holds a lab/,
  );
});

errors('an unknown procedure is STEPPER_UNKNOWN_PROCEDURE, an unknown action STEPPER_UNKNOWN_ACTION', async () => {
  await refused(() => stepper.choose('iis-web-server'), 'STEPPER_UNKNOWN_PROCEDURE', /unknown procedure "iis-web-server"; expected one of/);
  await refused(() => stepper.proposals('restart-everything'), 'STEPPER_UNKNOWN_ACTION', /unknown action "restart-everything"/);
});

errors('a procedure whose prerequisite is not done is STEPPER_NEEDS_PROCEDURE', async () => {
  await refused(() => stepper.choose('amt-8021x-client-certificate'), 'STEPPER_NEEDS_PROCEDURE', /needs amt-web-server-certificate first/);
});

errors('going back in a lab with no step taken is STEPPER_NOTHING_THERE', async () => {
  await refused(() => stepper.back(1, 'truncate'), 'STEPPER_NOTHING_THERE', /nothing to go back to/);
  await refused(() => stepper.jumpTo(1, 'fork'), 'STEPPER_NOTHING_THERE', /position 1 is not an input of this lab/);
});

errors('a choice outside the list is STEPPER_NOT_LISTED; an action choice its schema refuses is STEPPER_INVALID_CHOICE', async () => {
  await stepper.choose('iis-web-server-certificate');
  await refused(() => stepper.take(41), 'STEPPER_NOT_LISTED', /no choice 42 here; expected a choice from 1 to \d+/);
  const [proposal] = stepper.proposals('restart-computer');
  assert.ok(proposal, 'the restart action proposes a computer');
  await refused(() => stepper.act({ ...proposal, choice: { computer: 7 } }), 'STEPPER_INVALID_CHOICE', /computer/);
  stepper.leave();
});

errors('the CLI ends a stepper refusal with exit 2 and its message, not as an internal error', async () => {
  const result = await cli('step', '--lab', join(out, 'missing', 'lab.jsonl'), '--plain');
  assert.is(result.code, 2, result.err);
  assert.match(result.err, /holds no lab log to continue/);
  assert.not.match(result.err, /internal error/);
});

errors.run();
