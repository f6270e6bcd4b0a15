import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { choiceJsonSchema } from '../../adapters/scenario/schema.ts';
import {
  alternativeIndex,
  alternativeLabel,
  alternativesOf,
  initialValue,
  type JsonSchema,
  pruned,
  wordsOf,
} from '../../adapters/studio/web/schema-model.ts';
import { procedures } from '../../workflows/index.ts';
import { jsonSchemaProblems } from '../support/json-schema.ts';

/** The model behind the studio's what-if and step forms, checked against every step's real choice schema. */
const forms = suite('studio page: forms drawn from the choice schemas');

const steps = procedures.flatMap((p) => p.steps.map((s) => ({ procedure: p.id, step: s, schema: choiceJsonSchema(s) as JsonSchema })));
const schemaOf = (procedure: string, step: string) => steps.find((s) => s.procedure === procedure && s.step.id === step)?.schema;
const recorded = ['seed-deployment', 'amt-certificates', 'mac-certificate-with-san', 'cloud-dp-wrong-password'].flatMap((name) => {
  const bundle = JSON.parse(readFileSync(`test/recorded/${name}.json`, 'utf8')) as {
    events: Array<{ type: string; data: Record<string, unknown> }>;
  };
  return bundle.events
    .filter((e) => e.type === 'ActionTaken' && e.data.choice !== null)
    .map((e) => e.data as { procedure: string; step: string; choice: unknown });
});

/** Every text a person would type, typed: strings the form starts empty get a value long enough for any minLength. */
const typedIn = (value: unknown): unknown =>
  value === ''
    ? 'typed-in'
    : Array.isArray(value)
      ? value.map(typedIn)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typedIn(v)]))
        : value;

forms('the recorded labs hold choices of many steps (the checks below are not vacuous)', () => {
  assert.ok(recorded.length >= 40, `${recorded.length} recorded choices`);
  assert.ok(new Set(recorded.map((r) => `${r.procedure}/${r.step}`)).size >= 20);
});

forms('a recorded choice comes out of the form exactly as it went in, for every recorded step', () => {
  let checked = 0;
  for (const { procedure, step, choice } of recorded) {
    const schema = schemaOf(procedure, step);
    if (!schema) continue; // an administrative action, not a procedure step
    assert.equal(pruned(schema, choice), choice, `${procedure}/${step}`);
    checked += 1;
  }
  assert.ok(checked >= 40, `only ${checked} recorded choices belong to a procedure step`);
});

forms('a form left at its starting values, with each text typed in, is a valid choice for every step', () => {
  for (const { procedure, step, schema } of steps) {
    const value = pruned(schema, typedIn(initialValue(schema)));
    assert.equal(jsonSchemaProblems(schema as Record<string, unknown>, value), [], `${procedure}/${step.id}: ${JSON.stringify(value)}`);
  }
});

forms('the alternative shown for a value is one the value satisfies (subject name, compatibility, PFX password)', () => {
  const subject = schemaOf('iis-web-server-certificate', 'subject-name')!.properties!.subjectName!;
  const options = alternativesOf(subject)!;
  assert.is(alternativeIndex(options, { source: 'build-from-ad', format: 'dns-name' }), 1);
  assert.is(alternativeIndex(options, { source: 'supply-in-request' }), 0);
  assert.equal(options.map(alternativeLabel), ['supply in request', 'build from ad']);
  const password = alternativesOf(schemaOf('dp-client-certificate', 'export')!.properties!.password!)!;
  assert.is(alternativeIndex(password, { secret: 'pfx-password-1' }), 1);
  assert.equal(password.map(alternativeLabel), ['text', 'a stored secret']);
  const compatibility = alternativesOf(schemaOf('iis-web-server-certificate', 'duplicate-template')!.properties!.compatibility!)!;
  assert.is(alternativeLabel(compatibility[alternativeIndex(compatibility, null)]!), 'not set');
});

forms('pruning drops optional fields left empty, keeps required ones, and changes nothing the second time', () => {
  const schema = schemaOf('iis-web-server-certificate', 'request-certificate')!;
  const optional = Object.keys(schema.properties!).filter((k) => !schema.required?.includes(k));
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...Object.keys(schema.properties!)), fc.constantFrom('', 'SERVER1', undefined)), (record) => {
      const once = pruned(schema, record) as Record<string, unknown>;
      for (const key of optional) assert.ok((once[key] !== '' && once[key] !== undefined) || !(key in once), key);
      for (const key of schema.required ?? []) if (key in record) assert.ok(key in once, key);
      assert.equal(pruned(schema, once), once);
    }),
  );
});

forms('a field without a label of the dialog is named in words', () => {
  assert.is(wordsOf('dnsNames'), 'Dns names');
  assert.is(wordsOf('requireManagerApproval'), 'Require manager approval');
  fc.assert(fc.property(fc.string(), (name) => typeof wordsOf(name) === 'string'));
});

forms.run();
