import type { EventJson, RejectionJson } from '../../json-shapes.ts';

/** The answers of the studio's API other than the world (see ../api.ts). */
export interface StudioError {
  ok: false;
  error: { code: StudioErrorCode | string; message: string };
}
export type StudioErrorCode =
  | 'STUDIO_UNAUTHORIZED'
  | 'STUDIO_PATH_REFUSED'
  | 'STUDIO_NOT_FOUND'
  | 'STUDIO_BAD_REQUEST'
  | 'STUDIO_EXISTS'
  | 'STUDIO_KEYS_REFUSED'
  | 'STUDIO_READ_ONLY'
  | 'STUDIO_LAB_BUSY'
  | 'STUDIO_LAB_UNREADABLE'
  | 'STUDIO_TOO_LARGE'
  | 'STUDIO_NOT_IMPLEMENTED'
  | 'STUDIO_INTERNAL';

export interface LabInfo {
  id: string;
  name: string;
  kind: 'jsonl' | 'bundle' | 'store' | 'upload';
  events: number;
  writable: boolean;
}
export interface LabsAnswer {
  labs: LabInfo[];
}

export interface FieldInfo {
  name: string;
  label: string;
  kind: string;
  options?: string[];
}
export interface StepInfo {
  id: string;
  title: string;
  purpose: string;
  seed: string;
  skippable: boolean;
  phase: string;
  /** JSON Schema of the step's choice (z.toJSONSchema). */
  schema: unknown;
  fields: FieldInfo[];
}
export interface ProcedureInfo {
  id: string;
  title: string;
  seedSection: string;
  summary: string;
  steps: StepInfo[];
}
export interface ProceduresAnswer {
  procedures: ProcedureInfo[];
}

export interface CompactRow {
  /** The input event (ActionTaken, or the first event of the group). */
  position: number;
  procedure: string | null;
  step: string | null;
  status: 'done' | 'rejected' | 'skipped';
  code?: string;
  text: string;
  firstEvent: number;
  lastEvent: number;
}
export type TimelineAnswer = { view: 'compact'; total: number; rows: CompactRow[] } | { view: 'full'; total: number; rows: EventJson[] };

export interface WhyAnswer {
  entity: string;
  events: EventJson[];
}

export interface ChangeView {
  area: string;
  entity: string;
  text: string;
  positions: number[];
}
export interface DiffAnswer {
  from: number;
  to: number;
  changes: ChangeView[];
}

export interface FindingView {
  id: string;
  rule: string;
  family: string;
  severity: string;
  subject: string;
  message: string;
  fix: { procedure: string; command?: string };
  causedBy: number[];
  name: string;
  fixCommands: string[];
}
export interface FindingsAnswer {
  position: number;
  open: FindingView[];
  new: FindingView[];
  resolved: Array<{ finding: FindingView; at: number; by: EventJson }>;
}
export interface BisectAnswer {
  finding: FindingView;
  introducedAt: number;
  event: EventJson;
  before: number;
  after: number;
}

export interface Outcome {
  events: number;
  rejections: RejectionJson[];
  findings: FindingView[];
  certificates: number;
  timeline: CompactRow[];
}
export interface WhatIfAnswer {
  divergesAt: number | null;
  original: Outcome;
  changed: Outcome;
}
export interface ForkAnswer {
  lab: LabInfo;
}

export interface ChartNode {
  id: string;
  label: string;
  phase: string;
  status: 'done' | 'current' | 'skipped' | 'rejected' | 'upcoming';
}
export interface ChartAnswer {
  procedure: string;
  mermaid: string;
  nodes: ChartNode[];
  edges: Array<{ from: string; to: string; label: string }>;
}

export interface StepOption {
  label: string;
  choice: unknown;
  seed: boolean;
}
export interface StepView {
  step: null | { id: string; title: string; purpose: string; seed: string; skippable: boolean; fields: FieldInfo[]; options: StepOption[] };
  checklist: { done: string[]; skipped: string[]; current?: string; upcoming: string[] };
  explain: string[];
}
export interface StepAnswer {
  result: { accepted: boolean; rejection?: RejectionJson; events: EventJson[] };
  next: StepView;
}

export interface OpenAnswer {
  lab: LabInfo;
}
/** The data of an `event: appended` message on /api/labs/:lab/live. */
export interface LiveAppended {
  total: number;
}
