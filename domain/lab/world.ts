import { emptyCa, type CaState } from '../ca/model.ts';
import { emptyConfigMgr, type ConfigMgrState } from '../configmgr/model.ts';
import { emptyDirectory, type DirectoryState } from '../directory/model.ts';
import { emptyHosts, type HostsState } from '../hosts/model.ts';
import type { Rejection } from '../shared/rejection.ts';
import { SimTime } from '../shared/time.ts';

export interface RecordedRejection {
  readonly position: number;
  readonly at: SimTime;
  readonly procedure: string;
  readonly step: string;
  readonly rejection: Rejection;
}

/** An input the machine accepted: the step and its choice (null: left out). */
interface AcceptedInput {
  readonly step: string;
  readonly choice: unknown;
}

/** A procedure since its last start: the inputs it accepted, in order (its machine's context), and whether it ended. */
export interface ProcedureProgress {
  readonly procedure: string;
  readonly inputs: readonly AcceptedInput[];
  readonly completed: boolean;
}

/** The whole simulated network at one position of a lab log. */
export interface World {
  readonly position: number;
  readonly startsAt: SimTime;
  readonly now: SimTime;
  readonly directory: DirectoryState;
  readonly ca: CaState;
  readonly hosts: HostsState;
  readonly configmgr: ConfigMgrState;
  readonly procedures: Readonly<Record<string, ProcedureProgress>>;
  readonly rejections: readonly RecordedRejection[];
  /** For each entity key (see `entitiesShapedBy`), the positions of the events that shaped it. */
  readonly provenance: Readonly<Record<string, readonly number[]>>;
}

export const emptyWorld: World = {
  position: 0,
  startsAt: SimTime(''),
  now: SimTime(''),
  directory: emptyDirectory,
  ca: emptyCa,
  hosts: emptyHosts,
  configmgr: emptyConfigMgr,
  procedures: {},
  rejections: [],
  provenance: {},
};
