import type { WorkflowEvent } from '../domain/index.ts';
import { settled } from './copy.ts';
import type { Handlers } from './handlers.ts';

/** The person's inputs and their rejections: procedure progress and the rejection list. */
export const workflowHandlers: Handlers<WorkflowEvent> = {
  ProcedureStarted: (world, { data }) => {
    world.procedures[data.procedure] = { procedure: data.procedure, stepsDone: [], completed: false };
  },
  ActionTaken: (world, { data }) => {
    world.procedures[data.procedure]?.stepsDone.push(data.step);
  },
  ActionRejected: (world, event) => {
    const { data } = event;
    const progress = world.procedures[data.procedure];
    if (progress && progress.stepsDone.at(-1) === data.step) progress.stepsDone.pop();
    world.rejections.push(settled({ position: event.position, at: event.at, ...data }));
  },
  ProcedureCompleted: (world, { data }) => {
    const progress = world.procedures[data.procedure];
    if (progress) progress.completed = true;
  },
};
