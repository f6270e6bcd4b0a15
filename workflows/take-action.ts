import type { SimTime } from '../domain/index.ts';
import { addMinutes, reject, type Rejection } from '../domain/index.ts';
import { ChoiceError } from './kit/choices.ts';
import { runDueWork } from './due-work.ts';
import { commit, decideStep, type Lab, type StepOutcome } from './engine.ts';
import { stamp } from './execute.ts';
import type { LabPorts, PendingEvent } from './ports.ts';
import { sealSecrets } from './secrets.ts';
import { findAction } from './actions/catalog.ts';
import { adminProcedure } from './actions/definition.ts';

/**
 * Takes an administrative action: the input is recorded like a procedure step's (ActionTaken, procedure `admin`,
 * step = the action id), the timers due while it takes its time run first at their own times, then its commands
 * are decided at the action's time. A refusal is recorded after the input with its real code.
 */
export const takeAction = async (
  ports: LabPorts,
  lab: Lab,
  actionId: string,
  choice: unknown,
): Promise<{ lab: Lab; outcome: StepOutcome }> => {
  const action = findAction(actionId);
  if (!action) throw new ChoiceError('action', 'an administrative action of the catalogue (pkilab actions lists them)', actionId);
  const record = async (prior: readonly PendingEvent[], input: unknown, rejection: Rejection, at: SimTime) => {
    const taken: PendingEvent = { type: 'ActionTaken', data: { procedure: adminProcedure, step: actionId, choice: input }, at };
    const done = await commit(ports, lab, [
      ...prior,
      taken,
      { type: 'ActionRejected', data: { procedure: adminProcedure, step: actionId, rejection }, at },
    ]);
    return { lab: done.lab, outcome: { ok: false as const, rejection, events: done.events } };
  };
  let parsed: unknown;
  try {
    parsed = action.parse(choice, actionId);
  } catch (error) {
    if (!(error instanceof ChoiceError)) throw error;
    return record([], await sealSecrets(ports.secrets, choice), reject('INVALID_CHOICE', error.message), addMinutes(lab.world.now, 1));
  }
  parsed = await sealSecrets(ports.secrets, parsed);
  const at = action.until ? action.until(parsed, lab.world.now) : addMinutes(lab.world.now, action.minutes);
  if (Date.parse(at) <= Date.parse(lab.world.now)) {
    return record(
      [],
      parsed,
      reject('INVALID_CHOICE', `Simulated time only moves forward: the lab is at ${lab.world.now}, ${at} is not later.`),
      addMinutes(lab.world.now, 1),
    );
  }
  const meanwhile = await runDueWork(ports, lab.world, at);
  const decided = await decideStep(ports, meanwhile.world, action.commands(parsed, meanwhile.world, at), at);
  if (!Array.isArray(decided)) return record(meanwhile.events, parsed, decided, at);
  const input: PendingEvent = { type: 'ActionTaken', data: { procedure: adminProcedure, step: actionId, choice: parsed }, at };
  const done = await commit(ports, lab, [...meanwhile.events, input, ...stamp(decided, at)]);
  return { lab: done.lab, outcome: { ok: true, events: done.events, completed: true } };
};
