import { z } from 'zod';
import type { EventJson, RejectionJson } from '../json-shapes.ts';

/**
 * The HTTP contract between the studio's server (adapters/studio/server/) and its page (adapters/studio/web/):
 * the shape of every answer, and the zod schemas the server checks every request against. Types and schemas
 * only, no IO. Positions count events from 1; position N is the world after event N, 0 the world before the first.
 * Every error answers `{ ok: false, error: { code, message } }` with a 4xx status (5xx for the server's own faults).
 */
export type { EventJson, RejectionJson };

export interface StudioError { ok: false; error: { code: StudioErrorCode | string; message: string } }
export type StudioErrorCode =
  | 'STUDIO_UNAUTHORIZED' | 'STUDIO_PATH_REFUSED' | 'STUDIO_NOT_FOUND' | 'STUDIO_BAD_REQUEST' | 'STUDIO_EXISTS'
  | 'STUDIO_KEYS_REFUSED' | 'STUDIO_READ_ONLY' | 'STUDIO_LAB_BUSY' | 'STUDIO_TOO_LARGE' | 'STUDIO_NOT_IMPLEMENTED' | 'STUDIO_INTERNAL';

export interface LabInfo { id: string; name: string; kind: 'jsonl' | 'bundle' | 'store' | 'upload'; events: number; writable: boolean }
export interface LabsAnswer { labs: LabInfo[] }

export interface FieldInfo { name: string; label: string; kind: string; options?: string[] }
export interface StepInfo {
  id: string; title: string; purpose: string; seed: string; skippable: boolean; phase: string;
  /** JSON Schema of the step's choice (z.toJSONSchema). */
  schema: unknown;
  fields: FieldInfo[];
}
export interface ProcedureInfo { id: string; title: string; seedSection: string; summary: string; steps: StepInfo[] }
export interface ProceduresAnswer { procedures: ProcedureInfo[] }

export interface CompactRow {
  /** The input event (ActionTaken, or the first event of the group). */
  position: number; procedure: string | null; step: string | null;
  status: 'done' | 'rejected' | 'skipped'; code?: string; text: string; firstEvent: number; lastEvent: number;
}
export type TimelineAnswer = { view: 'compact'; total: number; rows: CompactRow[] } | { view: 'full'; total: number; rows: EventJson[] };

export interface CertSummary {
  thumbprint: string; serial: string; subject: string; sans: string[]; ekus: string[]; template: string | null;
  notBefore: string; notAfter: string; requester: string | null; entity: string;
}
export interface WorldView {
  directory: {
    users: Array<{ name: string; groups: string[]; entity: string }>;
    computers: Array<{ name: string; dns: string; groups: string[]; tokenGroups: string[]; lastRestart: string | null; entity: string }>;
    groups: Array<{ name: string; members: string[]; entity: string }>;
  };
  templates: Array<{
    name: string; displayName: string; schemaVersion: number; entity: string;
    tabs: { general: unknown; requestHandling: unknown; subjectName: unknown; extensions: unknown; security: unknown; issuance: unknown };
  }>;
  ca: {
    name: string; running: boolean; templatesToIssue: string[]; entity: string;
    pending: Array<{ requestId: number; requester: string; template: string | null; subject: string }>;
    issued: CertSummary[];
    revoked: Array<{ serial: string; reason: string; at: string }>;
    crls: Array<{ number: number; thisUpdate: string; nextUpdate: string; published: boolean }>;
  } | null;
  stores: Array<{ host: string; store: string; entity: string; certs: CertSummary[] }>;
  iis: Array<{ host: string; site: string; binding: string; thumbprint: string | null; subject: string | null; entity: string }>;
  gpo: Record<string, unknown>;
  configmgr: Record<string, unknown>;
}
export interface WorldAnswer { position: number; at: string; world: WorldView }

export interface CertificateAnswer {
  thumbprint: string; serial: string; subject: string; issuer: string; sans: string[]; ekus: string[];
  extensions: Array<{ oid: string; name: string; critical: boolean; text: string }>;
  notBefore: string; notAfter: string; signatureAlgorithm: string; pem: string;
}
export interface WhyAnswer { entity: string; events: EventJson[] }

export interface ChangeView { area: string; entity: string; text: string; positions: number[] }
export interface DiffAnswer { from: number; to: number; changes: ChangeView[] }

export interface FindingView {
  id: string; rule: string; family: string; severity: string; subject: string; message: string;
  fix: { procedure: string; command?: string }; causedBy: number[];
  name: string; fixCommands: string[];
}
export interface FindingsAnswer {
  position: number; open: FindingView[]; new: FindingView[];
  resolved: Array<{ finding: FindingView; at: number; by: EventJson }>;
}
export interface BisectAnswer { finding: FindingView; introducedAt: number; event: EventJson; before: number; after: number }

export interface Outcome { events: number; rejections: RejectionJson[]; findings: FindingView[]; certificates: number; timeline: CompactRow[] }
export interface WhatIfAnswer { divergesAt: number | null; original: Outcome; changed: Outcome }
export interface ForkAnswer { lab: LabInfo }

export interface ChartNode { id: string; label: string; phase: string; status: 'done' | 'current' | 'skipped' | 'rejected' | 'upcoming' }
export interface ChartAnswer { procedure: string; mermaid: string; nodes: ChartNode[]; edges: Array<{ from: string; to: string; label: string }> }

export interface StepOption { label: string; choice: unknown; seed: boolean }
export interface StepView {
  step: null | { id: string; title: string; purpose: string; seed: string; skippable: boolean; fields: FieldInfo[]; options: StepOption[] };
  checklist: { done: string[]; skipped: string[]; current?: string; upcoming: string[] };
  explain: string[];
}
export interface StepAnswer { result: { accepted: boolean; rejection?: RejectionJson; events: EventJson[] }; next: StepView }

export interface OpenAnswer { lab: LabInfo }
/** The data of an `event: appended` message on /api/labs/:lab/live. */
export interface LiveAppended { total: number }

// ---- request schemas (the server parses every query and body with these) ----

const count = z.coerce.number({ error: 'a whole number' }).int('a whole number').nonnegative('0 or more');

export const timelineQuery = z.strictObject({
  token: z.string().optional(),
  view: z.enum(['compact', 'full']).default('compact'),
  from: count.default(0),
  limit: count.min(1, '1 or more').max(500, 'at most 500').default(100),
  procedure: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  entity: z.string().min(1).optional(),
});
export const atQuery = z.strictObject({ token: z.string().optional(), at: count.optional() });
export const whyQuery = z.strictObject({ token: z.string().optional(), entity: z.string().min(1, 'an entity key such as host:SERVER1') });
export const diffQuery = z.strictObject({ token: z.string().optional(), from: count, to: count });
export const bisectQuery = z.strictObject({ token: z.string().optional(), finding: z.string().min(1, 'a finding id or rule') });
export const stepQuery = z.strictObject({ token: z.string().optional(), quiz: z.enum(['0', '1']).default('0') });
export const exportQuery = z.strictObject({ token: z.string().optional(), to: count.optional(), keys: z.enum(['0', '1']).default('0') });

export const whatIfEdit = z.strictObject({
  input: z.number().int().min(1),
  op: z.enum(['skip', 'toggle', 'change']),
  choice: z.record(z.string(), z.unknown()).optional(),
});
/** One edit per what-if for now (the re-decision takes one change); `toggle` leaves a recorded input out, as `skip`. */
const edits = z.array(whatIfEdit).min(1, 'one edit').max(1, 'one edit (several at once are not supported yet)');
export const whatIfBody = z.strictObject({ edits });
export const forkBody = z.strictObject({
  edits,
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a folder name of letters, digits, . _ - (at most 64)'),
});
export const stepBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('take'), option: z.number().int().nonnegative().optional(), choice: z.record(z.string(), z.unknown()).optional() }),
  z.strictObject({ action: z.literal('skip') }),
  z.strictObject({ action: z.literal('back') }),
]);

export type TimelineQuery = z.infer<typeof timelineQuery>;
export type WhatIfEdit = z.infer<typeof whatIfEdit>;
export type WhatIfBody = z.infer<typeof whatIfBody>;
export type ForkBody = z.infer<typeof forkBody>;
export type StepBody = z.infer<typeof stepBody>;
