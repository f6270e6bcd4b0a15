import { z } from 'zod';
import { checkLog, type LogProblem } from '../eventstore/validate.ts';
import type { RecordedEvent } from '../../domain/index.ts';
import { recordedEvent, type Expect, type Writable } from '../schemas/events.ts';
import { describeIssue } from '../schemas/issues.ts';

/** A self-contained lab: its events and, unless left out, the private keys and secrets they refer to. */
export interface LabBundle {
  readonly format: 'pkilab-lab/1';
  readonly source: string;
  readonly events: readonly RecordedEvent[];
  readonly keys?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, string>>;
}

const bundleFields = {
  format: z.literal('pkilab-lab/1'),
  source: z.string(),
  /** Private keys (PKCS#8 PEM) by key reference. */
  keys: z.record(z.string(), z.string()).optional(),
  /** Secrets (PFX passwords) by the reference the log records in their place. */
  secrets: z.record(z.string(), z.string()).optional(),
};

/** An exported lab (`pkilab travel ... export`): its events and, unless left out, the keys and secrets they refer to. */
const labBundle = z.strictObject({ ...bundleFields, events: z.array(recordedEvent) });
type Bundle = z.infer<typeof labBundle>;

/** The bundle around its events: the events themselves go through `checkLog`, like a log's lines. */
const bundleEnvelope = z.strictObject({ ...bundleFields, events: z.array(z.unknown()) });

type ParsedBundle =
  | { readonly ok: true; readonly bundle: Bundle; readonly warnings: LogProblem[] }
  | { readonly ok: false; readonly errors: LogProblem[]; readonly warnings: LogProblem[] };

/**
 * Checks a parsed bundle (`json`, read from `path`) with the same checks as a log opened from disk;
 * problems in its events are located as `path: events[i]`. Never throws.
 */
export const parseBundle = (path: string, json: unknown): ParsedBundle => {
  const envelope = bundleEnvelope.safeParse(json);
  if (!envelope.success) {
    const errors = envelope.error.issues.slice(0, 5).map(
      (issue): LogProblem => ({
        code: 'LOG_BAD_FIELD',
        file: path,
        line: 0,
        message: `${path}: ${describeIssue(issue, json, 'the bundle')}`,
      }),
    );
    return { ok: false, errors, warnings: [] };
  }
  const entries = envelope.data.events.map((event, i) => ({ line: i + 1, event }));
  const checked = checkLog(path, entries, { where: (line) => `${path}: events[${line - 1}]` });
  if (checked.errors.length > 0) return { ok: false, errors: checked.errors, warnings: checked.warnings };
  return { ok: true, bundle: { ...envelope.data, events: checked.events as Bundle['events'] }, warnings: checked.warnings };
};

/** The schema and the bundle's type agree, both ways (the source may add fields this schema already knows). */
export type BundleMatchesSource = [
  Expect<Bundle extends LabBundle ? true : false>,
  Expect<Writable<LabBundle> extends Bundle ? true : false>,
];
