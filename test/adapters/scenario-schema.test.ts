import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { loadScenario } from '../../adapters/scenario/load.ts';
import { scenarioJsonSchemaText, scenarioSchema } from '../../adapters/scenario/schema.ts';
import { procedures } from '../../workflows/index.ts';
import { jsonSchemaProblems } from '../support/json-schema.ts';

const schema = suite('adapters/scenario JSON Schema');

const published = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')) as Record<string, any>;
const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

schema('the committed scenarios/scenario.schema.json is what npm run schema generates', () => {
  assert.ok(readFileSync('scenarios/scenario.schema.json', 'utf8') === scenarioJsonSchemaText(), 'run npm run schema and commit the file');
});

schema('every scenario names the schema on its first line, loads, and conforms to the zod and the JSON Schema', async () => {
  assert.ok(files.length > 20);
  for (const file of files) {
    const text = readFileSync(`scenarios/${file}`, 'utf8');
    assert.is(text.split('\n')[0], '# yaml-language-server: $schema=./scenario.schema.json', file);
    await loadScenario(`scenarios/${file}`);
    const data = parse(text) as unknown;
    assert.ok(scenarioSchema.safeParse(data).success, file);
    assert.equal(jsonSchemaProblems(published, data), [], file);
  }
});

schema('describes each procedure\'s step overrides: its step ids, "skip" where a step can be left out, and the choice fields', () => {
  const entries = published.properties.procedures.items.anyOf[1].oneOf as Record<string, any>[];
  for (const procedure of procedures) {
    const entry = entries.find((e) => e.properties.procedure.const === procedure.id);
    assert.ok(entry, procedure.id);
    const steps = entry!.properties.steps.properties as Record<string, any>;
    assert.equal(
      Object.keys(steps),
      procedure.steps.map((s) => s.id),
    );
    for (const step of procedure.steps) {
      const fields = step.skippable ? steps[step.id].anyOf[1] : steps[step.id];
      if (step.skippable) assert.equal(steps[step.id].anyOf[0], { type: 'string', const: 'skip' });
      assert.equal(Object.keys(fields.properties), Object.keys(step.schema.shape), `${procedure.id} ${step.id}`);
      assert.is(fields.required, undefined, 'an override names only the fields it changes');
      assert.is(fields.additionalProperties, false);
    }
  }
});

schema('refuses what the loader refuses: a string for a boolean, an unknown field, a short export password', () => {
  const base = { scenario: 'x', procedures: ['iis-web-server-certificate'] };
  assert.equal(jsonSchemaProblems(published, base), []);
  assert.ok(
    jsonSchemaProblems(published, { ...base, expect: { certificates: [{ host: 'A', template: 'T', present: 'false' }] } }).length > 0,
  );
  assert.ok(jsonSchemaProblems(published, { ...base, lab: { startAt: '2026-11-02T09:00:00Z' } }).length > 0);
  const exported = (password: unknown) => ({
    scenario: 'x',
    procedures: [{ procedure: 'cloud-dp-service-certificate', steps: { export: { password } } }],
  });
  assert.ok(jsonSchemaProblems(published, exported('short')).length > 0);
  assert.equal(jsonSchemaProblems(published, exported('long enough')), []);
  assert.equal(jsonSchemaProblems(published, exported({ secret: 'cloud-dp' })), []);
});

schema.run();
