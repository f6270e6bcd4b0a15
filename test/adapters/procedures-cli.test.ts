import { existsSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { procedures } from '../../workflows/index.ts';
import { cli } from '../support/cli.ts';

const listing = suite('adapters/cli procedures --json');

interface Listed {
  id: string;
  steps: { id: string; choice: { type: string; properties: Record<string, unknown>; required?: string[] } }[];
}

listing("lists each step's choice fields as JSON Schema, generated from the step's schema", async () => {
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
  const password = listed.find((p) => p.id === 'cloud-dp-service-certificate')!.steps.find((s) => s.id === 'export')!.choice
    .properties.password;
  const sealed = {
    type: 'object',
    properties: { secret: { type: 'string', pattern: '\\S' } },
    required: ['secret'],
    additionalProperties: false,
  };
  assert.equal(password, { anyOf: [{ type: 'string', minLength: 8 }, sealed] });
});

listing("--events shows each machine's phases holding its steps, the events its file lists, and a test that exists", async () => {
  const { code, out } = await cli('procedures', '--events', '--json');
  assert.is(code, 0);
  const listed = JSON.parse(out) as { id: string; phases: { id: string; steps: string[] }[]; events: string[]; test: string }[];
  assert.equal(
    listed.map((p) => p.id),
    procedures.map((p) => p.id),
  );
  for (const procedure of procedures) {
    const entry = listed.find((p) => p.id === procedure.id)!;
    assert.equal(
      entry.phases.flatMap((p) => p.steps),
      procedure.steps.map((s) => s.id),
    );
    assert.ok(entry.events.length > 0 && entry.events.every((e) => /^[A-Z][A-Za-z]+$/.test(e)), procedure.id);
    assert.ok(existsSync(entry.test), `${procedure.id}: ${entry.test}`);
  }
  const text = await cli('procedures', '--events');
  assert.match(text.out, /deploy {5}Bind the certificate in IIS and check it: bind, site-system, verify/);
});

listing.run();
