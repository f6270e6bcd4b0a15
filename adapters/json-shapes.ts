import { z } from 'zod';
import type { Finding, RecordedEvent, RecordedRejection } from '../domain/index.ts';

/**
 * The JSON every command prints for the same kind of thing: one shape for an event, a rejection, a change
 * and a finding, whichever command prints it (`run`, `findings`, `travel`). Positions count events from 1;
 * position N is the world after event N, and 0 the world before the first one.
 */
const position = z.number().int().nonnegative();

export const eventShape = z.strictObject({
  position: position.min(1),
  at: z.string(),
  type: z.string(),
  /** The procedure and step whose input the event follows; null for the lab's creation (and the procedure's start). */
  procedure: z.string().nullable(),
  step: z.string().nullable(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const rejectionShape = z.strictObject({
  position: position.nullable(),
  procedure: z.string(),
  step: z.string(),
  code: z.string(),
  name: z.string(),
  /** What Windows shows. */
  text: z.string(),
  /** pkilab's explanation: what was expected, what was found. */
  reason: z.string(),
});

export const changeShape = z.strictObject({ area: z.string(), entity: z.string(), text: z.string() });

export const findingShape = z.strictObject({
  id: z.string(),
  rule: z.string(),
  family: z.string(),
  severity: z.string(),
  subject: z.string(),
  message: z.string(),
  fix: z.strictObject({ procedure: z.string(), command: z.string().optional() }),
  causedBy: z.array(position),
});

export type EventJson = z.infer<typeof eventShape>;
export type RejectionJson = z.infer<typeof rejectionShape>;

/** Where each event belongs: the procedure and step of the input it follows (null before any procedure). */
export const placesOf = (events: readonly RecordedEvent[]): Array<{ procedure: string | null; step: string | null }> => {
  let current: { procedure: string | null; step: string | null } = { procedure: null, step: null };
  return events.map((e) => {
    if (e.type === 'ProcedureStarted') current = { procedure: e.data.procedure, step: null };
    if (e.type === 'ActionTaken') current = { procedure: e.data.procedure, step: e.data.step };
    return current;
  });
};

/** The step as text shows it: `procedure › step`, `procedure › start`, or `lab creation`. */
export const stepText = (s: { procedure: string | null; step: string | null }): string =>
  s.procedure === null ? 'lab creation' : `${s.procedure} › ${s.step ?? 'start'}`;

export const eventJson = (e: RecordedEvent, where: { procedure: string | null; step: string | null }, text: string): EventJson => ({
  position: e.position,
  at: e.at,
  type: e.type,
  procedure: where.procedure,
  step: where.step,
  text,
  data: e.data as Record<string, unknown>,
});

export const rejectionJson = (r: RecordedRejection | (Omit<RecordedRejection, 'position'> & { position?: number })): RejectionJson => ({
  position: r.position ?? null,
  procedure: r.procedure,
  step: r.step,
  code: r.rejection.code,
  name: r.rejection.name,
  text: r.rejection.text,
  reason: r.rejection.reason,
});

export const findingJson = ({ id, rule, family, severity, subject, message, fix, causedBy }: Finding) => ({
  id,
  rule,
  family,
  severity,
  subject,
  message,
  fix,
  causedBy: [...causedBy],
});

/** What a failed command prints with --json (on standard error). */
export const errorShape = z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) });
