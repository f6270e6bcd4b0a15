import type { Draft } from 'immer';
import { copy } from './copy.ts';
import { match } from 'ts-pattern';
import type { RecordedEvent, World, WorkflowEvent } from '../domain/index.ts';

/** Folds the person's inputs and their rejections: procedure progress and the rejection list. */
export const applyWorkflow = (world: Draft<World>, event: RecordedEvent<WorkflowEvent>): void =>
  match(event as WorkflowEvent)
    .with({ type: 'ProcedureStarted' }, ({ data }) => {
      world.procedures[data.procedure] = { procedure: data.procedure, stepsDone: [], completed: false };
    })
    .with({ type: 'ActionTaken' }, ({ data }) => {
      world.procedures[data.procedure]?.stepsDone.push(data.step);
    })
    .with({ type: 'ActionRejected' }, ({ data }) => {
      const progress = world.procedures[data.procedure];
      if (progress && progress.stepsDone.at(-1) === data.step) progress.stepsDone.pop();
      world.rejections.push(copy({ position: event.position, at: event.at, ...data }));
    })
    .with({ type: 'ProcedureCompleted' }, ({ data }) => {
      const progress = world.procedures[data.procedure];
      if (progress) progress.completed = true;
    })
    .exhaustive();
