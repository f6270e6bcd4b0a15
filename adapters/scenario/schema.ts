import { z } from 'zod';
import { actionList, actionsBetween } from './action-schema.ts';
import { networkFields, refineNetwork } from './lab-schema.ts';
import { crlFields, crlSetupOf } from './crl-schema.ts';
import { caSetupChoices, isSimTime, setupRefusal, type CaSettings, type CaSetup } from '../../domain/index.ts';
import {
  didYouMean,
  expected,
  names,
  procedures,
  text,
  wording,
  type ProcedureDefinition,
  type StepDefinition,
} from '../../workflows/index.ts';

import { aProcedure, procedureId, procedureIds } from './words.ts';
import { expectations } from './expect-schema.ts';

// ─── Procedures and their step overrides ───

const withoutDefault = (field: z.core.$ZodType): z.core.$ZodType =>
  field instanceof z.ZodDefault ? (field.unwrap() as z.core.$ZodType) : field;

/** What a scenario may write for a step: "skip" (when the dialog can be left out) or some fields laid over the seed's choice. */
const overrideSchema = (step: StepDefinition) => {
  const shape = Object.fromEntries(Object.entries(step.schema.shape).map(([key, field]) => [key, z.optional(withoutDefault(field))]));
  const about = { title: step.title, description: `${step.purpose}${step.skippable ? ' Write "skip" to leave the step out.' : ''}` };
  const kind = `a mapping of ${step.id}'s fields${step.skippable ? '' : ' (this step cannot be skipped)'}`;
  const fields = z.strictObject(shape).meta(about).register(wording, { expected: kind });
  if (!step.skippable) return fields;
  return z
    .union([z.literal('skip'), fields])
    .meta(about)
    .register(wording, { expected: `"skip" or a mapping of ${step.id}'s fields` });
};

const stepsOf = (procedure: ProcedureDefinition) => {
  const ids = procedure.steps.map((s) => s.id);
  const unknownStep = (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys'
      ? expected(`a step of ${procedure.id} (${ids.join(', ')})`, { hint: didYouMean(issue.keys[0], ids), unknown: 'step' })
      : undefined;
  return z.strictObject(Object.fromEntries(procedure.steps.map((s) => [s.id, overrideSchema(s).optional()])), { error: unknownStep });
};

type EntrySchema = z.ZodObject<
  { procedure: z.ZodLiteral<string>; steps: z.ZodOptional<z.ZodObject>; until: z.ZodOptional<z.ZodEnum> },
  z.core.$strict
>;
/** `until`: the last step taken; the ones after it are not (a session saved part-way by pkilab step). */
const untilOf = (p: ProcedureDefinition) =>
  z
    .enum(p.steps.map((s) => s.id) as [string, ...string[]])
    .optional()
    .meta({ description: 'The last step to take; the procedure stops after it, unfinished (a session saved part-way).' });
const entries = procedures.map(
  (p): EntrySchema => z.strictObject({ procedure: z.literal(p.id), steps: stepsOf(p).optional(), until: untilOf(p) }),
);

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
  sidUpdate: z
    .boolean()
    .optional()
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

// ─── The file ───

/** A scenario file: the lab it starts from, the procedures in order with their step overrides, and what must hold at the end. */
export const scenarioSchema = z
  .strictObject({
    scenario: text,
    title: text.optional(),
    description: z.string().optional(),
    lab: z
      .strictObject({ startsAt: startsAt.optional(), ca: ca.optional(), ...networkFields })
      .superRefine(refineNetwork)
      .optional(),
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
