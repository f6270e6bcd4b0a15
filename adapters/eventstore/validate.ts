import type { LabEventType, RecordedEvent } from '../../domain/index.ts';
import { eventStoreError } from '../../workflows/index.ts';
import { authorityDisagreements, issuedDisagreements, type Disagreement } from '../schemas/agreement.ts';
import { readCertificate, type CertificateFacts } from '../schemas/certificate.ts';
import { crlDisagreements, readCrl } from '../schemas/crl.ts';
import { eventTypes, recordedSchemas } from '../schemas/events.ts';
import { compileSchema } from '../schemas/fast.ts';
import { closest, describeIssue, shown } from '../schemas/issues.ts';
import {
  logProblemCodes,
  type LogCheck,
  type LogCheckOptions,
  type LogEntry,
  type LogProblem,
  type LogProblemCode,
} from '../schemas/problems.ts';
import { noNames, recordNames, unknownReference } from '../schemas/references.ts';

export { type LogCheck, type LogCheckOptions, type LogEntry, type LogProblem, type LogProblemCode };

/** A check fed in pieces, keeping its state between them (a store reading only what was appended since). */
export interface LogChecker {
  add(entries: Iterable<LogEntry>): void;
  readonly result: LogCheck;
}

/** Per type: its zod schema, and the predicate compiled from it that says yes fast (zod is asked when it says no). */
const schemas = new Map(
  eventTypes.map((type) => [type as string, { type, zod: recordedSchemas[type], accepts: compileSchema(recordedSchemas[type]) }]),
);
const workflowTypes: ReadonlySet<string> = new Set(['ProcedureStarted', 'ActionTaken', 'ActionRejected', 'ProcedureCompleted']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Same-length ISO UTC strings compare as text; otherwise as instants. */
const earlier = (a: string, b: string): boolean => (a.length === b.length ? a < b : Date.parse(a) < Date.parse(b));

/** The checks of `checkLog`, fed in pieces; `file` names the log in every message. */
export const logChecker = (file: string, options: LogCheckOptions = {}): LogChecker => {
  const max = options.maxProblems ?? 100;
  const where = options.where ?? ((line: number) => `${file}:${line}`);
  const result: LogCheck = { events: [], errors: [], warnings: [] };
  const names = noNames();
  const created = { lab: 0, ca: 0, firstProcedure: 0 };
  const last = { position: 0, at: '', atLine: 0 };
  let entries = 0;
  let unlistedWarnings = 0;
  let clean = true;
  let stopped = false;

  const report = (code: LogProblemCode, line: number, text: string): undefined => {
    const problem = { code, file, line, message: `${where(line)}: ${text}` };
    if (logProblemCodes[code] === 'error') result.errors.push(problem);
    else if (result.warnings.length < max) result.warnings.push(problem);
    else unlistedWarnings += 1;
    return undefined;
  };

  const shape = (line: number, event: unknown): RecordedEvent | undefined => {
    if (!isObject(event)) return report('LOG_BAD_FIELD', line, `expected an event (a JSON object), found ${shown(event)}`);
    const type = event.type;
    const schema = typeof type === 'string' ? schemas.get(type) : undefined;
    if (typeof type !== 'string') return report('LOG_BAD_FIELD', line, `type: expected an event type name, found ${shown(type)}`);
    if (!schema) {
      const known = `one of the ${eventTypes.length} event types pkilab records (nearest: ${closest(type, eventTypes).join(', ')})`;
      return report('LOG_UNKNOWN_EVENT', line, `type: expected ${known}, found ${shown(type)}`);
    }
    if (!options.zodOnly && schema.accepts?.(event)) return event as RecordedEvent;
    const parsed = schema.zod.safeParse(event);
    if (parsed.success) return event as RecordedEvent;
    for (const issue of parsed.error.issues.slice(0, 3)) report('LOG_BAD_FIELD', line, `${type}: ${describeIssue(issue, event)}`);
    return undefined;
  };

  const sequence = (line: number, raw: unknown, event: RecordedEvent | undefined): void => {
    const position = isObject(raw) ? raw.position : undefined;
    const expected = last.position + 1;
    if (position !== expected)
      report('LOG_POSITION', line, `position: expected ${expected} (the one after ${last.position}), found ${shown(position)}`);
    last.position = typeof position === 'number' && Number.isInteger(position) ? position : expected;
    if (!event) return;
    if (last.at && earlier(event.at, last.at)) {
      report('LOG_TIME_BACKWARDS', line, `at: expected ${last.at} (as at ${where(last.atLine)}) or later, found ${event.at}`);
    }
    [last.at, last.atLine] = [event.at, line];
  };

  const creation = (line: number, { type }: RecordedEvent): void => {
    if (entries === 1 && type !== 'LabCreated')
      report('LOG_CREATION_ORDER', line, `expected LabCreated first (a new lab starts with it), found ${type}`);
    if (type === 'LabCreated' || type === 'CaInstalled') {
      const key = type === 'LabCreated' ? 'lab' : 'ca';
      if (created[key])
        report('LOG_DUPLICATE_CREATION', line, `expected one ${type} per lab, found a second one (the first is at ${where(created[key])})`);
      else created[key] = line;
    }
    if (type === 'CaInstalled' && created.firstProcedure) {
      const began = where(created.firstProcedure);
      report(
        'LOG_CREATION_ORDER',
        line,
        `expected CaInstalled among the events that create the lab, found it after a procedure began (${began})`,
      );
    }
    if (workflowTypes.has(type) && !created.firstProcedure) {
      created.firstProcedure = line;
      if (!created.ca)
        report(
          'LOG_CREATION_ORDER',
          line,
          `expected the lab's CA installed before any procedure, found ${type} with no CaInstalled before it`,
        );
    }
  };

  const disagree = (line: number, type: string, field: string, found: Disagreement[] | string): void => {
    if (typeof found === 'string')
      report('LOG_CERTIFICATE_MISMATCH', line, `${type}: ${field}: expected a DER certificate, found bytes that are ${found}`);
    else
      for (const d of found)
        report('LOG_CERTIFICATE_MISMATCH', line, `${type}: ${d.field}: expected ${d.expected} (as the DER says), found ${d.found}`);
  };

  /** Compares certificate events with their DER; returns a CA's subject as its DER holds it, for the certificates it issues. */
  const certificates = (line: number, event: RecordedEvent): CertificateFacts['subject'] | undefined => {
    if (event.type === 'CaInstalled') {
      const facts = readCertificate(event.data.authority.certificate);
      disagree(
        line,
        event.type,
        'data.authority.certificate',
        'problem' in facts ? facts.problem : authorityDisagreements(event.data.authority, facts),
      );
      return 'problem' in facts ? undefined : facts.subject;
    }
    if (event.type === 'CertificateIssued') {
      const { certificate } = event.data;
      const facts = readCertificate(certificate.der);
      const known = { caSubject: names.authorities.get(certificate.ca), templateOid: names.templates.get(certificate.template) };
      disagree(
        line,
        event.type,
        'data.certificate.der',
        'problem' in facts ? facts.problem : issuedDisagreements(certificate, facts, known),
      );
    }
    if (event.type === 'CrlPublished') {
      const facts = readCrl(event.data.der);
      if ('problem' in facts)
        report('LOG_CERTIFICATE_MISMATCH', line, `${event.type}: data.der: expected a DER CRL, found bytes that are ${facts.problem}`);
      else disagree(line, event.type, 'data.der', crlDisagreements(event.data, facts, names.authorities.get(event.data.ca)));
    }
    return undefined;
  };

  const check = ({ line, event: raw }: LogEntry): void => {
    const errorsBefore = result.errors.length;
    entries += 1;
    const event = shape(line, raw);
    sequence(line, raw, event);
    if (event) {
      creation(line, event);
      const missing = unknownReference(names, event);
      if (missing) report('LOG_UNKNOWN_REFERENCE', line, `${event.type}: ${missing}`);
      recordNames(names, event, certificates(line, event));
    } else if (isObject(raw) && typeof raw.type === 'string' && schemas.has(raw.type)) {
      // Best effort: what a broken event of a known type would have created still counts, so that it is
      // reported once, not again at every later event that names it.
      creation(line, raw as unknown as RecordedEvent);
      try {
        recordNames(names, raw as unknown as RecordedEvent);
      } catch {
        // Too broken to name anything.
      }
    }
    clean &&= event !== undefined && result.errors.length === errorsBefore;
    if (clean) result.events.push(event!);
  };

  return {
    add(more) {
      for (const entry of more) {
        if (stopped) return;
        check(entry);
        if (result.errors.length < max) continue;
        stopped = true;
        report(
          'LOG_TOO_MANY_PROBLEMS',
          entry.line,
          `expected at most ${max} errors, found ${result.errors.length}; the rest of the log was not checked`,
        );
      }
    },
    get result() {
      if (unlistedWarnings === 0) return result;
      const more: LogProblem = {
        code: 'LOG_MORE_WARNINGS',
        file,
        line: 0,
        message: `${file}: ${unlistedWarnings} more warnings not listed`,
      };
      return { ...result, warnings: [...result.warnings, more] };
    },
  };
};

/**
 * Checks a log as it is opened: every event's fields (zod schemas), positions 1, 2, 3..., time never going
 * back, the lab created once and first, names the fold looks up, and certificate fields against their DER.
 * Never throws; `events` is the prefix before the first error, safe to fold.
 */
export const checkLog = (file: string, entries: Iterable<LogEntry>, options?: LogCheckOptions): LogCheck => {
  const checker = logChecker(file, options);
  checker.add(entries);
  return checker.result;
};

/** A log whose check found an error cannot be folded safely, so it does not open: EVENTSTORE_CORRUPT_LOG naming the first problem. */
export const refuseBrokenLog = (checker: LogChecker): void => {
  const [first, ...rest] = checker.result.errors;
  if (!first) return;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw eventStoreError('EVENTSTORE_CORRUPT_LOG', `${first.message}${more}`, { problem: first.code });
};
