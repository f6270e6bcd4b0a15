import type { Draft } from 'immer';
import type { LabEvent, ProcedureProgress, RecordedEvent, WorkflowEvent, World } from '../domain/index.ts';
import { settled } from './copy.ts';
import type { Handlers } from './handlers.ts';

type ActionTaken = Extract<LabEvent, { type: 'ActionTaken' }>;

// ─── The accepted-input rule, written once ───
// An input (ActionTaken) counts unless the event right after it is the ActionRejected that answers it: the
// engine appends a rejection straight after its input. The fold below applies it as it goes (an input is
// kept, then taken back by its rejection); `isAcceptedInput` applies it to a log read as a list.

/** Whether the event at `index` is an input the lab accepted (an ActionTaken not answered by a rejection). */
export const isAcceptedInput = (events: readonly RecordedEvent[], index: number): boolean =>
  events[index]?.type === 'ActionTaken' && events[index + 1]?.type !== 'ActionRejected';

/** The inputs a log accepted, in order. */
export const acceptedInputs = (events: readonly RecordedEvent[]): RecordedEvent<ActionTaken>[] =>
  events.filter((_, i) => isAcceptedInput(events, i)) as RecordedEvent<ActionTaken>[];

/** The person's inputs and their rejections: procedure progress (the machine's context) and the rejection list. */
export const workflowHandlers: Handlers<WorkflowEvent> = {
  ProcedureStarted: (world, { data }) => {
    world.procedures[data.procedure] = { procedure: data.procedure, inputs: [], completed: false };
  },
  ActionTaken: (world, { data }) => {
    world.procedures[data.procedure]?.inputs.push(settled({ step: data.step, choice: data.choice }));
  },
  ActionRejected: (world, event) => {
    const { data } = event;
    const progress = world.procedures[data.procedure];
    if (progress && progress.inputs.at(-1)?.step === data.step) progress.inputs.pop();
    world.rejections.push(settled({ position: event.position, at: event.at, ...data }));
  },
  ProcedureCompleted: (world, { data }) => {
    const progress = world.procedures[data.procedure];
    if (progress) progress.completed = true;
  },
};

/**
 * A procedure's progress after a log, folding only its workflow events (for views that hold events and no
 * world): the same handlers as the world's fold, so the same rule.
 */
export const progressAfter = (events: readonly RecordedEvent[], procedure: string): ProcedureProgress | undefined => {
  const scratch = { procedures: {}, rejections: [] } as unknown as Draft<World>;
  for (const event of events) {
    if (!(event.type in workflowHandlers) || (event.data as { procedure?: string }).procedure !== procedure) continue;
    (workflowHandlers[event.type as WorkflowEvent['type']] as (w: Draft<World>, e: RecordedEvent) => void)(scratch, event);
  }
  return scratch.procedures[procedure];
};
