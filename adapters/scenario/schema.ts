import { z } from 'zod';
import { actionIdList, actionList, actionsBetween } from './action-schema.ts';
import { autoenrollmentExpectation, networkFields, refineNetwork, requestExpectation, storeExpectation } from './lab-schema.ts';
import { crlExpectation, crlFields, crlSetupOf } from './crl-schema.ts';
import {
  caSetupChoices, failures, findingRules, isSimTime, setupRefusal, type CaSettings, type CaSetup, type FailureName,
} from '../../domain/index.ts';
import { adminProcedure, didYouMean, expected, names, procedures, text, wording, type ProcedureDefinition, type StepDefinition } from '../../workflows/index.ts';

// ─── Words a scenario uses ───

/** A closed set of names, refused with the list (or a description of it when long) and a `did you mean`. */
const nameAmong = <T extends string>(values: readonly T[], what: string, noun: string) =>
  z.enum(values as [T, ...T[]], { error: (issue) => expected(what, { hint: didYouMean(issue.input, values), unknown: noun }) });

const procedureIds = procedures.map((p) => p.id);
const aProcedure = `a procedure of the catalogue (${procedureIds.join(', ')})`;
const procedureId = nameAmong(procedureIds, aProcedure, 'procedure');
const stepIds = [...new Set([...procedures.flatMap((p) => p.steps.map((s) => s.id)), ...actionIdList])];
const stepId = nameAmong(stepIds, 'a step id of the catalogue\'s procedures (pkilab procedures lists them) or an action id', 'step');

// ─── Procedures and their step overrides ───

const withoutDefault = (field: z.core.$ZodType): z.core.$ZodType => (field instanceof z.ZodDefault ? (field.unwrap() as z.core.$ZodType) : field);

/** What a scenario may write for a step: "skip" (when the dialog can be left out) or some fields laid over the seed's choice. */
const overrideSchema = (step: StepDefinition) => {
  const shape = Object.fromEntries(Object.entries(step.schema.shape).map(([key, field]) => [key, z.optional(withoutDefault(field))]));
  const about = { title: step.title, description: `${step.purpose}${step.skippable ? ' Write "skip" to leave the step out.' : ''}` };
  const kind = `a mapping of ${step.id}'s fields${step.skippable ? '' : ' (this step cannot be skipped)'}`;
  const fields = z.strictObject(shape).meta(about).register(wording, { expected: kind });
  if (!step.skippable) return fields;
  return z.union([z.literal('skip'), fields]).meta(about).register(wording, { expected: `"skip" or a mapping of ${step.id}'s fields` });
};

const stepsOf = (procedure: ProcedureDefinition) => {
  const ids = procedure.steps.map((s) => s.id);
  const unknownStep = (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys'
      ? expected(`a step of ${procedure.id} (${ids.join(', ')})`, { hint: didYouMean(issue.keys[0], ids), unknown: 'step' })
      : undefined;
  return z.strictObject(Object.fromEntries(procedure.steps.map((s) => [s.id, overrideSchema(s).optional()])), { error: unknownStep });
};

type EntrySchema = z.ZodObject<{ procedure: z.ZodLiteral<string>; steps: z.ZodOptional<z.ZodObject>; until: z.ZodOptional<z.ZodEnum> }, z.core.$strict>;
/** `until`: the last step taken; the ones after it are not (a session saved part-way by pkilab step). */
const untilOf = (p: ProcedureDefinition) => z.enum(p.steps.map((s) => s.id) as [string, ...string[]]).optional().meta({ description: 'The last step to take; the procedure stops after it, unfinished (a session saved part-way).' });
const entries = procedures.map((p): EntrySchema => z.strictObject({ procedure: z.literal(p.id), steps: stepsOf(p).optional(), until: untilOf(p) }));

const procedureEntry = z
  .union([
    procedureId,
    z
      .discriminatedUnion('procedure', entries as [EntrySchema, ...EntrySchema[]], {
        error: (issue) => {
          if (issue.code !== 'invalid_union' || !issue.discriminator) return undefined;
          const chosen = (issue.input as { procedure?: unknown } | undefined)?.procedure;
          return expected(aProcedure, { hint: didYouMean(chosen, procedureIds), unknown: 'procedure' });
        },
      })
      .register(wording, { expected: 'a mapping with procedure and steps' }),
    actionsBetween,
  ])
  .register(wording, {
    expected: 'a procedure id, a mapping with procedure and steps, or a mapping with actions',
    items: 'procedures (ids, mappings with procedure and steps, or mappings with actions)',
  });

// ─── The lab ───

const startsAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/)
  .refine(isSimTime)
  .register(wording, { expected: 'an ISO time in UTC such as 2026-11-02T09:00:00Z' });

const settings = {
  attributeSubjectAltName2: z.boolean(),
  enforceEncryptICertRequest: z.boolean(),
  webEnrollment: z.enum(['none', 'http', 'https', 'https-epa']),
  disabledExtensions: names,
  managers: names,
  officers: names,
  enrollees: names,
} satisfies Record<keyof CaSettings, z.ZodType>;

const caFields = z.strictObject({
  edition: z.enum(['enterprise', 'standard']).default('enterprise'),
  os: z.enum(['windows-server-2008', 'windows-server-2008-r2', 'windows-server-2012']).default('windows-server-2008'),
  settings: z.strictObject(settings).partial().optional(),
  /** Setup wizard, Cryptography page: the key's provider and the signature hash (left out: the OS's proposals). */
  provider: z.enum(['CSP', 'KSP']).optional().describe('CSP (2008 / 2008 R2 default) or KSP (2012 default)'),
  hashAlgorithm: z.enum(['SHA1', 'SHA256']).optional().describe('SHA1 (the default) or SHA256, which needs provider: KSP'),
  sidUpdate: z.boolean().optional()
    .describe('the May 2022 update KB5014754 is installed (default true): certificates carry the SID extension'),
  crl: crlFields.optional(),
});

/** The CA setup a scenario's lab.ca describes, in the domain's words. */
export const caSetupOf = (value: z.output<typeof caFields>): CaSetup => ({
  edition: value.edition,
  os: value.os,
  ...(value.settings && Object.keys(value.settings).length > 0 ? { settings: value.settings } : {}),
  ...(value.provider ? { provider: value.provider === 'KSP' ? 'ksp' : 'csp' } : {}),
  ...(value.hashAlgorithm ? { hashAlgorithm: value.hashAlgorithm === 'SHA256' ? 'sha256' : 'sha1' } : {}),
  ...(value.sidUpdate === undefined ? {} : { sidUpdate: value.sidUpdate }),
  ...(value.crl ? { crl: crlSetupOf(value.crl) } : {}),
});

const ca = caFields.superRefine((value, context) => {
  const refusal = setupRefusal(caSetupChoices(caSetupOf(value)));
  if (refusal) context.addIssue({ code: 'custom', path: ['hashAlgorithm'], message: refusal });
});

// ─── Expectations ───

const distinguishedName = z
  .string()
  .regex(/^(|[A-Za-z][A-Za-z0-9.]*=.*)$/)
  .register(wording, { expected: 'a distinguished name such as CN=server1.contoso.com ("" for an empty subject)' });

const certificate = z.strictObject({
  host: text,
  template: text,
  store: z.enum(['personal', 'amt-firmware']).optional(),
  present: z.boolean().optional(),
  dnsNames: names.optional(),
  upns: names.optional(),
  ekus: names.optional(),
  subject: distinguishedName.optional(),
});

const binding = z.strictObject({ host: text, site: text, template: text.optional() });

const codes = Object.values(failures).map((f) => f.code);
const hexCode = /^(?:0x)?([0-9a-f]{8})$/i;

/** A number as YAML read it: 80094012 stands for its hex digits, 0x80094012 (or a negative HRESULT) for its value. */
const codeOfNumber = (n: number): string =>
  /^\d{8}$/.test(String(n)) ? String(n) : Number.isSafeInteger(n) && n >= -(2 ** 31) && n < 2 ** 32 ? (n >>> 0).toString(16).padStart(8, '0') : String(n);

/** `80094012`, `0X80094012` → `0x80094012`; a failure name (CERTSRV_E_TEMPLATE_DENIED) → its code; named codes stay. */
const normaliseCode = (raw: string | number): string => {
  const written = typeof raw === 'number' ? codeOfNumber(raw) : raw.trim();
  const digits = hexCode.exec(written)?.[1];
  if (digits) return codes.find((c) => c.toLowerCase() === `0x${digits}`.toLowerCase()) ?? `0x${digits.toUpperCase()}`;
  return Object.hasOwn(failures, written) ? failures[written as FailureName].code : written;
};

const aCode = `an AD CS error code such as 0x80094012, or one of pkilab's codes (${codes.filter((c) => !c.startsWith('0x')).join(', ')})`;
const rejectionCode = z
  .union([z.string(), z.number()])
  .meta({ description: `${aCode}; 80094012 and 0X80094012 read as 0x80094012, a failure name (CERTSRV_E_TEMPLATE_DENIED) as its code.`, examples: codes })
  .transform(normaliseCode)
  .pipe(nameAmong(codes, aCode, 'code'));

const stepsOfProcedure = (id: string | undefined) =>
  id === adminProcedure ? actionIdList : procedures.find((p) => p.id === id)?.steps.map((s) => s.id);

/** A rejected step; when the procedure is named, the step must be one of its steps. */
const rejection = z
  .strictObject({ procedure: z.union([procedureId, z.literal(adminProcedure)]).optional(), step: stepId, code: rejectionCode })
  .refine((r) => stepsOfProcedure(r.procedure)?.includes(r.step) ?? true, {
    path: ['step'],
    error: (issue) => {
      const r = issue.input as { procedure?: string; step?: string };
      const ids = stepsOfProcedure(r.procedure) ?? [];
      return expected(`a step of ${r.procedure} (${ids.join(', ')})`, { hint: didYouMean(r.step, ids), unknown: 'step' });
    },
  });

/** The entities findings name: `template:<name without spaces>`, `ca:…`, `principal:…`, `host:…`, `certificate:<thumbprint>`, `request:<id>`. */
const findingSubject = z
  .string()
  .regex(/^(template:\S+|ca:\S.*|principal:\S.*|host:\S.*|certificate:[0-9A-Fa-f]+|request:\d+|iis:\S.*|configmgr:site-system:\S.*)$/)
  .register(wording, {
    expected: 'an entity such as template:ConfigMgrWebServerCertificate (template names without spaces), ca:…, principal:…, host:…, '
      + 'certificate:<thumbprint>, request:<id>, iis:<host>/<site> or configmgr:site-system:…',
  });

const findingRule = nameAmong(findingRules, 'a rule the findings report (ESC1…ESC17, CM-…, OP-…; see pkilab findings)', 'rule');
const finding = z.strictObject({ rule: findingRule, subject: findingSubject.optional() });

const expectations = z.strictObject({
  certificates: z.array(certificate).optional(),
  bindings: z.array(binding).optional(),
  rejections: z.array(rejection).optional(),
  findings: z.array(finding).optional(),
  completed: z.array(procedureId).optional(),
  crls: z.array(crlExpectation).optional(),
  autoenrollment: z.array(autoenrollmentExpectation).optional(),
  requests: z.array(requestExpectation).optional(),
  stores: z.array(storeExpectation).optional(),
});

// ─── The file ───

/** A scenario file: the lab it starts from, the procedures in order with their step overrides, and what must hold at the end. */
export const scenarioSchema = z
  .strictObject({
    scenario: text,
    title: text.optional(),
    description: z.string().optional(),
    lab: z.strictObject({ startsAt: startsAt.optional(), ca: ca.optional(), ...networkFields }).superRefine(refineNetwork).optional(),
    procedures: z.array(procedureEntry).optional(),
    /** Administrative actions after the procedures (restart, approve a request, edit a template, advance time…). */
    actions: actionList.optional(),
    expect: expectations.optional(),
  })
  .refine((file) => (file.procedures?.length ?? 0) + (file.actions?.length ?? 0) > 0, {
    path: ['procedures'],
    error: 'at least one procedure (procedures:) or one action (actions:)',
  })
  .meta({ title: 'pkilab scenario' })
  .register(wording, { expected: 'a mapping with scenario and procedures or actions (and optionally title, description, lab, expect)' });

export type ScenarioFile = z.output<typeof scenarioSchema>;

/** The JSON Schema editors read (yaml-language-server): what a scenario file may contain, step overrides included. */
export const scenarioJsonSchema = () => z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });

/** The text of scenarios/scenario.schema.json, as `npm run schema` writes it. */
export const scenarioJsonSchemaText = () => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

/** A step's choice as JSON Schema (the fields the dialog offers), for `pkilab procedures --json`. */
export const choiceJsonSchema = (step: StepDefinition) => {
  const { $schema: _, ...schema } = z.toJSONSchema(step.schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  return schema;
};
