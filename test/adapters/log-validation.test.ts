import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { checkLog, logChecker } from '../../adapters/eventstore/validate.ts';
import { labEvent, type Equal, type Expect, type Writable } from '../../adapters/schemas/index.ts';
import { parseBundle } from '../../adapters/travel/bundle.ts';
import type { LabEvent, RecordedEvent } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { codes, logEdits, only } from '../support/log-edits.ts';
import { realLog, tortureLogs } from '../support/log-torture.ts';

const validation = suite('adapters/eventstore/validate: a lab log is checked when it is opened');
const base = await realLog();
const { edited, index } = logEdits(base);
const crashes = (events: { event: unknown }[]) => assert.throws(() => fold(events.map((e) => e.event as RecordedEvent)));

validation('a log pkilab wrote has no problem, and every event comes back', () => {
  const check = checkLog(
    'lab.jsonl',
    edited(() => undefined),
  );
  assert.equal([check.errors, check.warnings], [[], []]);
  assert.is(check.events.length, base.length);
});

validation('an unknown event type is an error naming the type and the nearest known ones (the fold threw on it)', () => {
  const entries = edited((log) => (log[index('CertificateIssued')]!.type = 'CertificateIssuedd'));
  crashes(entries);
  only(
    checkLog('lab.jsonl', entries),
    'LOG_UNKNOWN_EVENT',
    /^lab\.jsonl:\d+: type: expected one of the \d+ event types .*nearest: CertificateIssued.*found "CertificateIssuedd"/,
  );
});

validation('a field of the wrong type names its path, what was expected and what was found', () => {
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('CertificateIssued')]!.data.certificate.requestId = '1')),
    ),
    'LOG_BAD_FIELD',
    /CertificateIssued: data\.certificate\.requestId: expected a number, found "1"/,
  );
});

validation('a missing field and an extra field are errors', () => {
  const missing = edited((log) => delete log[index('IisBindingChanged')]!.data.port);
  only(checkLog('lab.jsonl', missing), 'LOG_BAD_FIELD', /data\.port: expected a number, found nothing/);
  const extra = edited((log) => (log[index('IisBindingVerified')]!.data.enabled = true));
  only(checkLog('lab.jsonl', extra), 'LOG_BAD_FIELD', /data: expected only the fields .* found "enabled"/);
});

validation('a value outside its set, a malformed time and a name every object has are errors', () => {
  const store = edited((log) => (log[index('CertificateInstalled')]!.data.store = 'My'));
  only(checkLog('lab.jsonl', store), 'LOG_BAD_FIELD', /data\.store: expected "personal" \| "amt-firmware", found "My"/);
  const time = edited((log) => (log[5]!.at = '02/11/2026 09:00'));
  only(checkLog('lab.jsonl', time), 'LOG_BAD_FIELD', /at: expected an ISO-8601 UTC time.*found "02\/11\/2026 09:00"/);
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('ProcedureStarted')]!.data.procedure = 'constructor')),
    ),
    'LOG_BAD_FIELD',
    /data\.procedure: expected a name usable as a key, found "constructor"/,
  );
});

validation('a lost event and a repeated one break the positions', () => {
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => log.splice(40, 1)),
    ),
    'LOG_POSITION',
    /^lab\.jsonl:41: position: expected 41 .* found 42/,
  );
  const repeated = edited((log) => log.splice(40, 0, structuredClone(log[40]!)));
  only(checkLog('lab.jsonl', repeated), 'LOG_POSITION', /^lab\.jsonl:42: position: expected 42 .* found 41/);
});

validation('time going backwards is a warning, not an error: the log still opens whole', () => {
  const check = checkLog(
    'lab.jsonl',
    edited((log) => (log[100]!.at = '2026-01-01T00:00:00.000Z')),
  );
  assert.equal(codes(check), []);
  assert.equal(
    check.warnings.map((w) => w.code),
    ['LOG_TIME_BACKWARDS'],
  );
  assert.match(check.warnings[0]!.message, /^lab\.jsonl:101: at: expected .* or later, found 2026-01-01T00:00:00\.000Z/);
  assert.is(check.events.length, base.length);
});

validation('a second LabCreated or CaInstalled is an error', () => {
  const again = (type: string) =>
    edited((log) => log.push({ ...structuredClone(log[index(type)]), position: log.length + 1, at: log[log.length - 1]!.at }));
  only(
    checkLog('lab.jsonl', again('LabCreated')),
    'LOG_DUPLICATE_CREATION',
    /expected one LabCreated per lab, found a second one \(the first is at lab\.jsonl:1\)/,
  );
  const ca = checkLog('lab.jsonl', again('CaInstalled'));
  assert.equal(codes(ca), ['LOG_DUPLICATE_CREATION', 'LOG_CREATION_ORDER']);
});

validation('a log that does not start as a new lab does is an error', () => {
  const noLab = edited((log) => log.shift());
  only(
    checkLog(
      'lab.jsonl',
      noLab.map((e, i) => ({ line: i + 1, event: { ...(e.event as object), position: i + 1 } })),
    ),
    'LOG_CREATION_ORDER',
    /expected LabCreated first .* found PrincipalCreated/,
  );
  const ca = index('CaInstalled');
  const lateCa = edited((log) => log.splice(ca, 1)).map((e, i) => ({ line: i + 1, event: { ...(e.event as object), position: i + 1 } }));
  assert.ok(codes(checkLog('lab.jsonl', lateCa)).includes('LOG_CREATION_ORDER'));
});

validation('a template edit naming a template nobody created is an error (the fold threw on it)', () => {
  const entries = edited((log) => (log[index('TemplatePermissionsChanged')]!.data.template = 'NoSuchTemplate'));
  crashes(entries);
  only(
    checkLog('lab.jsonl', entries),
    'LOG_UNKNOWN_REFERENCE',
    /data\.template: expected a template published or duplicated earlier, found "NoSuchTemplate"/,
  );
});

validation('the events given back stop before the first error, and that prefix folds', () => {
  const at = index('TemplatePermissionsChanged');
  const check = checkLog(
    'lab.jsonl',
    edited((log) => (log[at]!.data.template = 'NoSuchTemplate')),
  );
  assert.is(check.events.length, at);
  fold(check.events);
});

validation('a log checked in pieces gives what it gives checked whole', () => {
  const entries = edited((log) => (log[150]!.at = '2026-01-01T00:00:00.000Z'));
  const pieces = logChecker('lab.jsonl');
  pieces.add(entries.slice(0, 100));
  pieces.add(entries.slice(100));
  assert.equal(pieces.result, checkLog('lab.jsonl', entries));
});

validation('a log broken everywhere stops after the limit with one last error saying so', () => {
  const check = checkLog(
    'lab.jsonl',
    edited((log) => log.forEach((e) => (e.type = 'Nope'))),
    { maxProblems: 10 },
  );
  assert.is(check.errors.length, 11);
  assert.is(check.errors[10]!.code, 'LOG_TOO_MANY_PROBLEMS');
});

validation('every recorded bundle passes the bundle check; a broken one is located as path: events[i]', () => {
  for (const file of readdirSync('test/recorded').filter((f) => f.endsWith('.json'))) {
    const parsed = parseBundle(file, JSON.parse(readFileSync(`test/recorded/${file}`, 'utf8')));
    assert.ok(parsed.ok, `${file}: ${parsed.ok ? '' : parsed.errors.map((e) => e.message).join('\n')}`);
  }
  const bundle = {
    format: 'pkilab-lab/1',
    source: 'lab.jsonl',
    events: edited((log) => (log[3]!.type = 'Nope')).map((e) => e.event),
    secrets: {},
  };
  const parsed = parseBundle('x.json', bundle);
  assert.ok(!parsed.ok && /^x\.json: events\[3\]: type: expected one of/.test(parsed.errors[0]!.message));
  const wrong = parseBundle('x.json', { ...bundle, format: 'pkilab-lab/2' });
  assert.ok(!wrong.ok && /^x\.json: format: expected "pkilab-lab\/1", found "pkilab-lab\/2"/.test(wrong.errors[0]!.message));
});

validation('the schemas and the event types agree: an event type without a schema fails the type check', () => {
  type Known = Expect<Equal<z.infer<typeof labEvent>, Writable<LabEvent>>>;
  type Unknown = Expect<
    // @ts-expect-error a LabEvent union with a type the schemas do not know no longer equals what they infer
    Equal<z.infer<typeof labEvent>, Writable<LabEvent | { type: 'CertificateRevoked'; data: { serialNumber: string } }>>
  >;
  assert.ok(true satisfies Known extends true ? true : never);
  assert.type(undefined as unknown as Unknown, 'undefined');
});

const runs = Number(process.env.PKILAB_TORTURE_LOGS ?? 150);
validation(
  `${runs} randomly mutated logs: the check never throws; an error is reported or the log folds; the fast path agrees with zod`,
  async () => {
    await tortureLogs(runs);
  },
);

validation.run();
