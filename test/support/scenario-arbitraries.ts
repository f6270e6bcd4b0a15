import fc from 'fast-check';
import { stringify } from 'yaml';
import { failures, findingRules } from '../../domain/index.ts';
import { procedures, resolveChoices, type ProcedureDefinition } from '../../workflows/index.ts';

/** Generators of scenario files: valid ones built from the procedure catalogue and seed choices, and broken ones. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface ScenarioSample {
  readonly kind: string;
  readonly text: string;
  readonly valid: boolean;
}

const plain = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null)) as Json;

/** Each step's seed choice and the alternatives its dialog offers, as full choices a scenario may lay over the seed. */
const choicesOf = (procedure: ProcedureDefinition) => {
  const context = { choices: {} as Record<string, unknown> };
  const resolved = resolveChoices(procedure, {});
  return procedure.steps.map((step, i) => {
    const offered = [
      step.seedChoice(context),
      ...[...(step.variants?.(context) ?? []), ...(step.dialog?.(context) ?? [])].map((v) => v.choice),
    ];
    context.choices[step.id] = resolved[i]!.choice;
    return { step, offered: offered.map(plain) as { [key: string]: Json }[] };
  });
};

const override = (offered: { [key: string]: Json }[], skippable: boolean): fc.Arbitrary<Json> => {
  const subsetOf = (choice: { [key: string]: Json }) =>
    fc.subarray(Object.keys(choice)).map((keys) => Object.fromEntries(keys.map((k) => [k, choice[k]!])));
  const fields = fc.constantFrom(...offered).chain(subsetOf);
  return skippable ? fc.oneof(fc.constant('skip'), fields) : fields;
};

const procedureEntry = (procedure: ProcedureDefinition): fc.Arbitrary<Json> => {
  const steps = choicesOf(procedure);
  const overrides = fc
    .subarray(steps)
    .chain((chosen) =>
      fc
        .tuple(...chosen.map(({ step, offered }) => override(offered, step.skippable).map((o) => [step.id, o] as const)))
        .map((pairs) => Object.fromEntries(pairs)),
    );
  return fc.oneof(
    fc.constant(procedure.id),
    overrides.map((o) => ({ procedure: procedure.id, steps: o })),
    fc.constant({ procedure: procedure.id }),
  );
};

const codes = Object.values(failures).map((f) => f.code);
const writtenCode = fc.constantFrom(...codes).chain((code) => {
  const digits = code.startsWith('0x') ? code.slice(2) : undefined;
  if (!digits) return fc.constant<Json>(code);
  const forms: Json[] = [code, digits, `0X${digits}`, code.toLowerCase(), ...(/^\d+$/.test(digits) ? [Number(digits)] : [])];
  return fc.constantFrom(...forms);
});

const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .-]{0,24}$/).filter((s) => s.trim() === s);
const host = fc.constantFrom('SERVER1', 'CLIENT1', 'AMT1', 'CA1');
const stepIds = [...new Set(procedures.flatMap((p) => p.steps.map((s) => s.id)))];

const rejection = fc.oneof(
  fc.record({ step: fc.constantFrom(...stepIds), code: writtenCode }),
  fc
    .constantFrom(...procedures)
    .chain((p) => fc.record({ procedure: fc.constant(p.id), step: fc.constantFrom(...p.steps.map((s) => s.id)), code: writtenCode })),
);

const expectations = fc.record(
  {
    certificates: fc.array(
      fc.record(
        {
          host,
          template: name,
          store: fc.constantFrom('personal', 'amt-firmware'),
          present: fc.boolean(),
          dnsNames: fc.array(name),
          subject: fc.constantFrom('', 'CN=x.contoso.com'),
        },
        { requiredKeys: ['host', 'template'] },
      ),
      { maxLength: 3 },
    ),
    bindings: fc.array(fc.record({ host, site: fc.constant('Default Web Site'), template: name }, { requiredKeys: ['host', 'site'] }), {
      maxLength: 2,
    }),
    rejections: fc.array(rejection, { maxLength: 3 }),
    findings: fc.array(
      fc.record(
        {
          rule: fc.constantFrom(...findingRules),
          subject: fc.constantFrom('template:ConfigMgrWebServerCertificate', 'ca:contoso-CA1-CA', 'principal:SERVER1', 'request:3'),
        },
        { requiredKeys: ['rule'] },
      ),
      { maxLength: 3 },
    ),
    completed: fc.subarray(procedures.map((p) => p.id)),
  },
  { requiredKeys: [] },
);

const lab = fc.record(
  {
    startsAt: fc
      .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    ca: fc.record(
      {
        edition: fc.constantFrom('enterprise', 'standard'),
        os: fc.constantFrom('windows-server-2008', 'windows-server-2012'),
        settings: fc.record(
          {
            attributeSubjectAltName2: fc.boolean(),
            webEnrollment: fc.constantFrom('none', 'http', 'https', 'https-epa'),
            enrollees: fc.array(name, { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** A valid scenario as data: some procedures of the catalogue with overrides taken from their own choices. */
export const validScenarioData: fc.Arbitrary<{ [key: string]: Json }> = fc.record(
  {
    scenario: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    title: name,
    description: fc.string({ maxLength: 40 }),
    lab,
    procedures: fc.array(fc.oneof(...procedures.map(procedureEntry)), { minLength: 1, maxLength: 3 }),
    expect: expectations,
  },
  { requiredKeys: ['scenario', 'procedures'] },
) as fc.Arbitrary<{ [key: string]: Json }>;

/** YAML text of data, in block or flow style, sometimes naming the JSON Schema first. */
export const yamlOf = (data: Json, flow: boolean, modeline: boolean): string =>
  `${modeline ? '# yaml-language-server: $schema=./scenario.schema.json\n' : ''}${stringify(data, flow ? { collectionStyle: 'flow' } : {})}`;

export const validScenario: fc.Arbitrary<ScenarioSample> = fc
  .tuple(validScenarioData, fc.boolean(), fc.boolean())
  .map(([data, flow, modeline]) => ({ kind: 'valid', text: yamlOf(data, flow, modeline), valid: true }));

/** The element of `list` at `at`, wrapping around: a generated number picks from any list. */
export const pick = <T>(list: readonly T[], at: number): T => list[at % list.length]!;
