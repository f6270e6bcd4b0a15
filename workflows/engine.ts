import { transition } from 'xstate';
import {
  addMinutes, caCertificateProfile, decide, issuanceEvents, reject, testNetwork,
  type CaSetup, type LabEvent, type RecordedEvent, type Rejection, type RequestKey, type World,
} from '../domain/index.ts';
import { fold } from '../projections/index.ts';
import { findProcedure } from './catalog.ts';
import { ChoiceError } from './choices.ts';
import type { LabPorts, PendingEvent } from './ports.ts';
import { machineOf, procedureSnapshot, toMachineEvent } from './replay.ts';
import type { StepCommand } from './procedure.ts';

/** An open lab: its log so far and the world folded from it. */
export interface Lab {
  readonly id: string;
  readonly events: readonly RecordedEvent[];
  readonly world: World;
}

export type StepOutcome =
  | { readonly ok: true; readonly events: readonly RecordedEvent[]; readonly completed: boolean }
  | { readonly ok: false; readonly rejection: Rejection; readonly events: readonly RecordedEvent[] };

const stamp = (events: readonly LabEvent[], at: string): PendingEvent[] => events.map((e) => ({ ...e, at }) as PendingEvent);

const recorded = (events: readonly PendingEvent[], after: number): RecordedEvent[] =>
  events.map((e, i) => ({ ...e, position: after + i + 1 }) as RecordedEvent);

/** Opens a lab from its store: a pure fold of the log, with no signing and no key generation. */
export const openLab = async (ports: LabPorts, id: string): Promise<Lab> => {
  const events = await ports.events.read(id);
  return { id, events, world: fold(events) };
};

/** Creates the test network: the CA's real key and certificate, then the events that build the world. */
export const createLab = async (ports: LabPorts, id: string, options: { startsAt: string; ca: CaSetup }): Promise<Lab> => {
  const keyRef = 'ca-contoso-CA1-CA';
  const publicKey = await ports.keys.generate(keyRef, 2048);
  const { der, thumbprint } = await ports.signer.sign(caCertificateProfile(options.startsAt, keyRef, publicKey));
  const pending = stamp(testNetwork(options.startsAt, options.ca, { keyRef, certificate: der, thumbprint }), options.startsAt);
  await ports.events.append(id, pending, 0);
  const events = recorded(pending, 0);
  return { id, events, world: fold(events) };
};

const commit = async (ports: LabPorts, lab: Lab, pending: readonly PendingEvent[]): Promise<{ lab: Lab; events: RecordedEvent[] }> => {
  await ports.events.append(lab.id, pending, lab.world.position);
  const events = recorded(pending, lab.world.position);
  return { lab: { id: lab.id, events: [...lab.events, ...events], world: fold(events, lab.world) }, events };
};

export const startProcedure = async (ports: LabPorts, lab: Lab, procedure: string): Promise<Lab> => {
  if (!findProcedure(procedure)) throw new ChoiceError('procedure', 'a procedure of the catalog', procedure);
  return (await commit(ports, lab, [{ type: 'ProcedureStarted', data: { procedure, input: null }, at: lab.world.now }])).lab;
};

/** A placeholder key lets the pure decider run before any key exists; a key is made only for an issuance. */
const placeholderKey: RequestKey = { ref: 'pending', publicKey: '', size: 0 };

/** Decides the commands of one step in order against a working world; a step is all or nothing. */
const decideStep = async (ports: LabPorts, lab: Lab, commands: readonly StepCommand[], at: string): Promise<LabEvent[] | Rejection> => {
  let world = lab.world;
  const produced: LabEvent[] = [];
  for (const command of commands) {
    const first = decide(command.type === 'RequestCertificate' ? { ...command, key: command.key ?? placeholderKey } : command, world, at);
    let outcome: LabEvent[] | Rejection;
    if (first.kind === 'rejected') outcome = first.rejection;
    else if (first.kind === 'accepted') outcome = [...first.events];
    else {
      const size = 2048;
      const ref = `${String(world.position + produced.length + 1).padStart(6, '0')}-${first.draft.requester.toLowerCase()}-${first.draft.requestId}`;
      const publicKey = await ports.keys.generate(ref, size);
      const decided = decide({ ...(command as Extract<StepCommand, { type: 'RequestCertificate' }>), key: { ref, publicKey, size } }, world, at);
      if (decided.kind !== 'sign') throw new Error(`decide is not deterministic: a request accepted with a placeholder key was ${decided.kind} with the real one`);
      const { der, thumbprint } = await ports.signer.sign(decided.profile);
      outcome = issuanceEvents(decided.draft, der, thumbprint);
    }
    if (!Array.isArray(outcome)) return outcome;
    produced.push(...outcome);
    world = fold(recorded(stamp(outcome, at), world.position), world);
  }
  return produced;
};

/**
 * Takes one step of a procedure: the person's input is recorded, the machine moves, its commands are
 * decided, and the outcome (events or the rejection) is appended after the input.
 */
export const takeStep = async (ports: LabPorts, lab: Lab, procedureId: string, step: string, choice: unknown | null): Promise<{ lab: Lab; outcome: StepOutcome }> => {
  const procedure = findProcedure(procedureId);
  if (!procedure) throw new ChoiceError('procedure', 'a procedure of the catalog', procedureId);
  const definition = procedure.steps.find((s) => s.id === step);
  const at = addMinutes(lab.world.now, definition?.minutes ?? 1);
  const input: PendingEvent = { type: 'ActionTaken', data: { procedure: procedureId, step, choice }, at };
  const rejected = async (rejection: Rejection) => {
    const done = await commit(ports, lab, [input, { type: 'ActionRejected', data: { procedure: procedureId, step, rejection }, at }]);
    return { lab: done.lab, outcome: { ok: false as const, rejection, events: done.events } };
  };
  const snapshot = procedureSnapshot(procedure, lab.events);
  if (!snapshot) return rejected(reject('WRONG_STEP', `Procedure "${procedureId}" has not been started in this lab.`));
  if (snapshot.value !== step) return rejected(reject('WRONG_STEP', `Expected step "${String(snapshot.value)}" of ${procedureId}, found "${step}".`));
  let parsed: unknown = null;
  if (choice !== null) {
    try {
      parsed = definition!.parse(choice, step);
    } catch (error) {
      if (error instanceof ChoiceError) return rejected(reject('INVALID_CHOICE', error.message));
      throw error;
    }
  } else if (!definition!.skippable) {
    return rejected(reject('WRONG_STEP', `Step "${step}" cannot be skipped.`));
  }
  const [next, actions] = transition(machineOf(procedure), snapshot, toMachineEvent({ step, choice: parsed }));
  const commands = actions.flatMap((a) => (a.type === 'command' ? (a.params as { commands: StepCommand[] }).commands : []));
  const decided = await decideStep(ports, lab, commands, at);
  if (!Array.isArray(decided)) return rejected(decided);
  const completed = next.status === 'done';
  const tail: PendingEvent[] = completed ? [{ type: 'ProcedureCompleted', data: { procedure: procedureId }, at }] : [];
  const done = await commit(ports, lab, [{ ...input, data: { ...input.data, choice: parsed } }, ...stamp(decided, at), ...tail]);
  return { lab: done.lab, outcome: { ok: true, events: done.events, completed } };
};
