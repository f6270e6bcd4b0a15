import type { SimTime } from '../domain/index.ts';
import { transition } from 'xstate';
import {
  addMinutes,
  caCertificateProfile,
  caSetupChoices,
  caSubjectOf,
  dueByTime,
  dueCrlPublications,
  KeyRef,
  reject,
  testNetwork,
  timed,
  type CaSetup,
  type LabEvent,
  type RecordedEvent,
  type Rejection,
  type World,
} from '../domain/index.ts';
import { fold, workingWorld } from '../projections/index.ts';
import { findProcedure } from './catalog.ts';
import { ChoiceError } from './kit/choices.ts';
import { runDueWork } from './due-work.ts';
import { execute, executeIn, recorded, stamp } from './execute.ts';
import type { LabPorts, PendingEvent } from './ports.ts';
import { currentStepOf, machineOf, type ProcedureSnapshot } from './kit/machine.ts';
import type { StepCommand, StepDefinition } from './kit/procedure.ts';
import { procedureSnapshot, rememberSnapshot, toMachineEvent } from './replay.ts';
import { sealSecrets } from './secrets.ts';

/** An open lab: its log so far and the world folded from it. */
export interface Lab {
  readonly id: string;
  readonly events: readonly RecordedEvent[];
  readonly world: World;
}

export type StepOutcome =
  | { readonly ok: true; readonly events: readonly RecordedEvent[]; readonly completed: boolean }
  | { readonly ok: false; readonly rejection: Rejection; readonly events: readonly RecordedEvent[] };

/** Opens a lab from its store: a pure fold of the log, with no signing and no key generation. */
export const openLab = async (ports: Pick<LabPorts, 'events'>, id: string): Promise<Lab> => {
  const events = await ports.events.read(id);
  return { id, events, world: fold(events) };
};

/** What a CA draws at installation and the lab records: its certificate's serial and the tick count of its serials. */
export interface CaIdentity {
  readonly caSerial: string;
  readonly serialTickBase: number;
}

/**
 * Creates the test network: the CA's real key and certificate, then the events that build the world. The
 * identity is drawn by the caller (randomness stays at the edge) and lands in the log with the CA.
 */
interface LabCreation {
  readonly startsAt: SimTime;
  readonly ca: CaSetup;
  readonly identity: CaIdentity;
}

export const createLab = async (ports: LabPorts, id: string, options: LabCreation): Promise<Lab> => {
  const keyRef = KeyRef('ca-contoso-CA1-CA');
  // A key under this ref with no log is what a creation interrupted before its append leaves: the store reuses it.
  const publicKey = await ports.keys.generate(keyRef, 2048);
  const { hashAlgorithm: signatureHash } = caSetupChoices(options.ca);
  const [serialNumber, subject] = [options.identity.caSerial, caSubjectOf(options.ca)];
  const profile = caCertificateProfile({ startsAt: options.startsAt, keyRef, publicKey, serialNumber, signatureHash, subject });
  const { der, thumbprint } = await ports.signer.sign(profile);
  const material = { keyRef, certificate: der, thumbprint, serialTickBase: options.identity.serialTickBase };
  const network = stamp(testNetwork(options.startsAt, options.ca, material), options.startsAt);
  // The CA publishes its first base CRL (and delta) as setup finishes, signed like any later one.
  let installed = fold(recorded(network, 0));
  const crls: LabEvent[] = [];
  for (const command of dueCrlPublications(installed, options.startsAt)) {
    const outcome = await execute(ports, installed, timed(command, options.startsAt));
    if (!('events' in outcome)) throw new Error(`the CA could not publish its first CRL: ${outcome.reason}`);
    crls.push(...outcome.events);
    installed = outcome.world;
  }
  const pending = [...network, ...stamp(crls, options.startsAt)];
  await ports.events.append(id, pending, 0);
  const events = recorded(pending, 0);
  return { id, events, world: fold(events) };
};

export const commit = async (
  ports: LabPorts,
  lab: Lab,
  pending: readonly PendingEvent[],
): Promise<{ lab: Lab; events: RecordedEvent[] }> => {
  await ports.events.append(lab.id, pending, lab.world.position);
  const events = recorded(pending, lab.world.position);
  // The step's events in one draft: folded in fixed-size batches, each batch copied the records a timer pass writes on
  // every computer (issued certificates, stores, hosts) again, a cost growing with the square of the lab's size.
  const world = fold(events, lab.world, { batch: events.length });
  return { lab: { id: lab.id, events: [...lab.events, ...events], world }, events };
};

export const startProcedure = async (ports: LabPorts, lab: Lab, procedure: string): Promise<Lab> => {
  if (!findProcedure(procedure)) throw new ChoiceError('procedure', 'a procedure of the catalog', procedure);
  return (await commit(ports, lab, [{ type: 'ProcedureStarted', data: { procedure, input: null }, at: lab.world.now }])).lab;
};

const durationOf = (step: StepDefinition | undefined, choice: unknown): number =>
  step === undefined ? 1 : typeof step.minutes === 'number' ? step.minutes : choice === null ? 1 : step.minutes(choice);

/** Decides the commands of one step in order; a step is all or nothing. Timers due by then run after it. */
export const decideStep = async (
  ports: LabPorts,
  world: World,
  commands: readonly StepCommand[],
  at: SimTime,
): Promise<LabEvent[] | Rejection> => {
  const working = workingWorld(world);
  const produced: LabEvent[] = [];
  for (const command of commands) {
    const outcome = await executeIn(ports, working, timed(command, at));
    if (!Array.isArray(outcome)) return outcome;
    produced.push(...outcome);
  }
  for (const timer of dueByTime(working.world, at)) {
    const outcome = await executeIn(ports, working, timed(timer, at));
    if (Array.isArray(outcome)) produced.push(...outcome);
  }
  return produced;
};

/** Why the machine refused an input: a step out of order, or a step that may not be left out. */
const refusal = (snapshot: ProcedureSnapshot, procedureId: string, step: string, leftOut: boolean): Rejection | undefined => {
  if (!snapshot.can({ type: 'ACT', step, choice: null })) {
    return reject('WRONG_STEP', `Expected step "${currentStepOf(snapshot)}" of ${procedureId}, found "${step}".`);
  }
  return leftOut && !snapshot.can({ type: 'SKIP', step }) ? reject('WRONG_STEP', `Step "${step}" cannot be skipped.`) : undefined;
};

/**
 * Takes one step of a procedure: the person's input is recorded, the machine (restored from the folded
 * world) judges it and names its commands, the commands are decided, and the outcome (events or the
 * rejection) is appended after the input.
 */
export const takeStep = async (
  ports: LabPorts,
  lab: Lab,
  procedureId: string,
  step: string,
  choice: unknown | null,
): Promise<{ lab: Lab; outcome: StepOutcome }> => {
  const procedure = findProcedure(procedureId);
  if (!procedure) throw new ChoiceError('procedure', 'a procedure of the catalog', procedureId);
  const rejected = async (rejection: Rejection, at: SimTime) => {
    const input: PendingEvent = {
      type: 'ActionTaken',
      data: { procedure: procedureId, step, choice: await sealSecrets(ports.secrets, choice) },
      at,
    };
    const done = await commit(ports, lab, [input, { type: 'ActionRejected', data: { procedure: procedureId, step, rejection }, at }]);
    return { lab: done.lab, outcome: { ok: false as const, rejection, events: done.events } };
  };
  const startAt = addMinutes(lab.world.now, 1);
  const snapshot = procedureSnapshot(procedure, lab.world);
  if (!snapshot) return rejected(reject('WRONG_STEP', `Procedure "${procedureId}" has not been started in this lab.`), startAt);
  const refused = refusal(snapshot, procedureId, step, choice === null);
  if (refused) return rejected(refused, startAt);
  const definition = procedure.steps.find((s) => s.id === step)!;
  let parsed: unknown = null;
  try {
    if (choice !== null) parsed = definition.parse(choice, step);
  } catch (error) {
    if (error instanceof ChoiceError) return rejected(reject('INVALID_CHOICE', error.message), startAt);
    throw error;
  }
  parsed = await sealSecrets(ports.secrets, parsed);
  const at = addMinutes(lab.world.now, durationOf(definition, parsed));
  const [next, actions] = transition(machineOf(procedure), snapshot, toMachineEvent({ step, choice: parsed }));
  const commands = actions.flatMap((a) => (a.type === 'decide' ? (a.params as { commands: StepCommand[] }).commands : []));
  // Timers that fall due while the step takes its time run first, each at its own time (a long wait: a pass every 8 hours).
  const meanwhile = await runDueWork(ports, lab.world, at);
  const input: PendingEvent = { type: 'ActionTaken', data: { procedure: procedureId, step, choice: parsed }, at };
  const decided = await decideStep(ports, meanwhile.world, commands, at);
  if (!Array.isArray(decided)) {
    const done = await commit(ports, lab, [
      ...meanwhile.events,
      input,
      { type: 'ActionRejected', data: { procedure: procedureId, step, rejection: decided }, at },
    ]);
    rememberSnapshot(done.lab.world, procedureId, snapshot);
    return { lab: done.lab, outcome: { ok: false, rejection: decided, events: done.events } };
  }
  const completed = next.status === 'done';
  const tail: PendingEvent[] = completed ? [{ type: 'ProcedureCompleted', data: { procedure: procedureId }, at }] : [];
  const done = await commit(ports, lab, [...meanwhile.events, input, ...stamp(decided, at), ...tail]);
  rememberSnapshot(done.lab.world, procedureId, next);
  return { lab: done.lab, outcome: { ok: true, events: done.events, completed } };
};
