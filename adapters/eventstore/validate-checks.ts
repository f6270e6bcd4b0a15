// The checks a log's entries go through as it is opened (see validate.ts): each a function of the check's state.
import type { RecordedEvent } from '../../domain/index.ts';
import { authorityDisagreements, issuedDisagreements, type Disagreement } from '../schemas/agreement.ts';
import { readCertificate, type CertificateFacts } from '../schemas/certificate.ts';
import { crlDisagreements, readCrl } from '../schemas/crl.ts';
import { eventTypes, recordedSchemas } from '../schemas/events.ts';
import { compileSchema } from '../schemas/fast.ts';
import { closest, describeIssue, shown } from '../schemas/issues.ts';
import { logProblemCodes, type LogCheck, type LogCheckOptions, type LogEntry, type LogProblemCode } from '../schemas/problems.ts';
import { noNames, recordNames, unknownReference } from '../schemas/references.ts';

/** Per type: its zod schema, and the predicate compiled from it that says yes fast (zod is asked when it says no). */
const schemas = new Map(
  eventTypes.map((type) => [type as string, { type, zod: recordedSchemas[type], accepts: compileSchema(recordedSchemas[type]) }]),
);
const workflowTypes: ReadonlySet<string> = new Set(['ProcedureStarted', 'ActionTaken', 'ActionRejected', 'ProcedureCompleted']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Same-length ISO UTC strings compare as text; otherwise as instants. */
const earlier = (a: string, b: string): boolean => (a.length === b.length ? a < b : Date.parse(a) < Date.parse(b));

/** What a check carries from one entry to the next: the result so far, the names created, the last position and time. */
interface CheckState {
  readonly file: string;
  readonly options: LogCheckOptions;
  readonly max: number;
  readonly where: (line: number) => string;
  readonly result: LogCheck;
  readonly names: ReturnType<typeof noNames>;
  readonly created: { lab: number; ca: number; firstProcedure: number };
  readonly last: { position: number; at: string; atLine: number };
  entries: number;
  unlistedWarnings: number;
  clean: boolean;
  stopped: boolean;
}

/** A check before its first entry; `file` names the log in every message. */
export const checkState = (file: string, options: LogCheckOptions): CheckState => ({
  file,
  options,
  max: options.maxProblems ?? 100,
  where: options.where ?? ((line: number) => `${file}:${line}`),
  result: { events: [], errors: [], warnings: [] },
  names: noNames(),
  created: { lab: 0, ca: 0, firstProcedure: 0 },
  last: { position: 0, at: '', atLine: 0 },
  entries: 0,
  unlistedWarnings: 0,
  clean: true,
  stopped: false,
});

export const report = (state: CheckState, code: LogProblemCode, line: number, text: string): undefined => {
  const problem = { code, file: state.file, line, message: `${state.where(line)}: ${text}` };
  if (logProblemCodes[code] === 'error') state.result.errors.push(problem);
  else if (state.result.warnings.length < state.max) state.result.warnings.push(problem);
  else state.unlistedWarnings += 1;
  return undefined;
};

const shape = (state: CheckState, line: number, event: unknown): RecordedEvent | undefined => {
  if (!isObject(event)) return report(state, 'LOG_BAD_FIELD', line, `expected an event (a JSON object), found ${shown(event)}`);
  const type = event.type;
  const schema = typeof type === 'string' ? schemas.get(type) : undefined;
  if (typeof type !== 'string') return report(state, 'LOG_BAD_FIELD', line, `type: expected an event type name, found ${shown(type)}`);
  if (!schema) {
    const known = `one of the ${eventTypes.length} event types pkilab records (nearest: ${closest(type, eventTypes).join(', ')})`;
    return report(state, 'LOG_UNKNOWN_EVENT', line, `type: expected ${known}, found ${shown(type)}`);
  }
  if (!state.options.zodOnly && schema.accepts?.(event)) return event as RecordedEvent;
  const parsed = schema.zod.safeParse(event);
  if (parsed.success) return event as RecordedEvent;
  for (const issue of parsed.error.issues.slice(0, 3)) report(state, 'LOG_BAD_FIELD', line, `${type}: ${describeIssue(issue, event)}`);
  return undefined;
};

const sequence = (state: CheckState, line: number, raw: unknown, event: RecordedEvent | undefined): void => {
  const position = isObject(raw) ? raw.position : undefined;
  const expected = state.last.position + 1;
  if (position !== expected)
    report(state, 'LOG_POSITION', line, `position: expected ${expected} (the one after ${state.last.position}), found ${shown(position)}`);
  state.last.position = typeof position === 'number' && Number.isInteger(position) ? position : expected;
  if (!event) return;
  if (state.last.at && earlier(event.at, state.last.at)) {
    report(
      state,
      'LOG_TIME_BACKWARDS',
      line,
      `at: expected ${state.last.at} (as at ${state.where(state.last.atLine)}) or later, found ${event.at}`,
    );
  }
  [state.last.at, state.last.atLine] = [event.at, line];
};

const creation = (state: CheckState, line: number, { type }: RecordedEvent): void => {
  if (state.entries === 1 && type !== 'LabCreated')
    report(state, 'LOG_CREATION_ORDER', line, `expected LabCreated first (a new lab starts with it), found ${type}`);
  if (type === 'LabCreated' || type === 'CaInstalled') {
    const key = type === 'LabCreated' ? 'lab' : 'ca';
    if (state.created[key])
      report(
        state,
        'LOG_DUPLICATE_CREATION',
        line,
        `expected one ${type} per lab, found a second one (the first is at ${state.where(state.created[key])})`,
      );
    else state.created[key] = line;
  }
  if (type === 'CaInstalled' && state.created.firstProcedure) {
    const began = state.where(state.created.firstProcedure);
    report(
      state,
      'LOG_CREATION_ORDER',
      line,
      `expected CaInstalled among the events that create the lab, found it after a procedure began (${began})`,
    );
  }
  if (workflowTypes.has(type) && !state.created.firstProcedure) {
    state.created.firstProcedure = line;
    if (!state.created.ca)
      report(
        state,
        'LOG_CREATION_ORDER',
        line,
        `expected the lab's CA installed before any procedure, found ${type} with no CaInstalled before it`,
      );
  }
};

const disagree = (state: CheckState, line: number, type: string, field: string, found: Disagreement[] | string): void => {
  if (typeof found === 'string')
    report(state, 'LOG_CERTIFICATE_MISMATCH', line, `${type}: ${field}: expected a DER certificate, found bytes that are ${found}`);
  else
    for (const d of found)
      report(state, 'LOG_CERTIFICATE_MISMATCH', line, `${type}: ${d.field}: expected ${d.expected} (as the DER says), found ${d.found}`);
};

/** Compares certificate events with their DER; returns a CA's subject as its DER holds it, for the certificates it issues. */
const certificates = (state: CheckState, line: number, event: RecordedEvent): CertificateFacts['subject'] | undefined => {
  if (event.type === 'CaInstalled') {
    const facts = readCertificate(event.data.authority.certificate);
    disagree(
      state,
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
    const known = { caSubject: state.names.authorities.get(certificate.ca), templateOid: state.names.templates.get(certificate.template) };
    disagree(
      state,
      line,
      event.type,
      'data.certificate.der',
      'problem' in facts ? facts.problem : issuedDisagreements(certificate, facts, known),
    );
  }
  if (event.type === 'CrlPublished') {
    const facts = readCrl(event.data.der);
    if ('problem' in facts)
      report(state, 'LOG_CERTIFICATE_MISMATCH', line, `${event.type}: data.der: expected a DER CRL, found bytes that are ${facts.problem}`);
    else disagree(state, line, event.type, 'data.der', crlDisagreements(event.data, facts, state.names.authorities.get(event.data.ca)));
  }
  return undefined;
};

/** One entry through every check, in order; while no error was found, its event joins the foldable prefix. */
export const check = (state: CheckState, { line, event: raw }: LogEntry): void => {
  const errorsBefore = state.result.errors.length;
  state.entries += 1;
  const event = shape(state, line, raw);
  sequence(state, line, raw, event);
  if (event) {
    creation(state, line, event);
    const missing = unknownReference(state.names, event);
    if (missing) report(state, 'LOG_UNKNOWN_REFERENCE', line, `${event.type}: ${missing}`);
    recordNames(state.names, event, certificates(state, line, event));
  } else if (isObject(raw) && typeof raw.type === 'string' && schemas.has(raw.type)) {
    // Best effort: what a broken event of a known type would have created still counts, so that it is
    // reported once, not again at every later event that names it.
    creation(state, line, raw as unknown as RecordedEvent);
    try {
      recordNames(state.names, raw as unknown as RecordedEvent);
    } catch {
      // Too broken to name anything.
    }
  }
  state.clean &&= event !== undefined && state.result.errors.length === errorsBefore;
  if (state.clean) state.result.events.push(event!);
};
