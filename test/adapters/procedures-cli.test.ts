import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { procedures } from '../../workflows/index.ts';
import { cli } from '../support/cli.ts';

const listing = suite('adapters/cli procedures --json');

interface Listed { id: string; steps: { id: string; choice: { type: string; properties: Record<string, unknown>; required?: string[] } }[] }

listing('lists each step\'s choice fields as JSON Schema, generated from the step\'s schema', async () => {
  const { code, out } = await cli('procedures', '--json');
  assert.is(code, 0);
  const listed = JSON.parse(out) as Listed[];
  for (const procedure of procedures) {
    const steps = listed.find((p) => p.id === procedure.id)!.steps;
    procedure.steps.forEach((step, i) => {
      assert.is(steps[i]!.choice.type, 'object');
      assert.equal(Object.keys(steps[i]!.choice.properties), Object.keys(step.schema.shape), `${procedure.id} ${step.id}`);
    });
  }
  const request = listed[0]!.steps.find((s) => s.id === 'request-certificate')!.choice;
  assert.equal(request.required, ['computer']);
  assert.equal(request.properties.dnsNames, { default: [], type: 'array', items: { type: 'string', pattern: '\\S' } });
});

listing('shows the export password as a clear string of at least 8 characters or a sealed reference', async () => {
  const listed = JSON.parse((await cli('procedures', '--json')).out) as Listed[];
  const password = listed.find((p) => p.id === 'cloud-dp-service-certificate')!.steps.find((s) => s.id === 'export')!.choice.properties.password;
  const sealed = { type: 'object', properties: { secret: { type: 'string', pattern: '\\S' } }, required: ['secret'], additionalProperties: false };
  assert.equal(password, { anyOf: [{ type: 'string', minLength: 8 }, sealed] });
});

listing.run();
