import type { CaEvent } from '../ca/events.ts';
import type { ConfigMgrEvent } from '../configmgr/events.ts';
import type { DirectoryEvent } from '../directory/events.ts';
import type { HostsEvent } from '../hosts/events.ts';
import type { Rejection } from '../shared/rejection.ts';
import type { SimTime } from '../shared/time.ts';
import type { AdminEvent } from './admin-events.ts';

/** The person's input: the step of a procedure and the choice made in its dialog. */
export type ActionTaken = {
  readonly type: 'ActionTaken';
  readonly data: { readonly procedure: string; readonly step: string; readonly choice: unknown };
};
/** The outcome when the world refused the action: recorded so a misconfiguration stays visible. */
export type ActionRejected = {
  readonly type: 'ActionRejected';
  readonly data: { readonly procedure: string; readonly step: string; readonly rejection: Rejection };
};
export type ProcedureStarted = {
  readonly type: 'ProcedureStarted';
  readonly data: { readonly procedure: string; readonly input: unknown };
};
export type ProcedureCompleted = { readonly type: 'ProcedureCompleted'; readonly data: { readonly procedure: string } };

export type WorkflowEvent = ActionTaken | ActionRejected | ProcedureStarted | ProcedureCompleted;

/** Everything a lab log holds. */
export type LabEvent = DirectoryEvent | CaEvent | HostsEvent | ConfigMgrEvent | WorkflowEvent | AdminEvent;
export type LabEventType = LabEvent['type'];

/** An event as stored: its position in the lab's total order and its simulated time. */
export type RecordedEvent<E extends LabEvent = LabEvent> = E & { readonly position: number; readonly at: SimTime };
