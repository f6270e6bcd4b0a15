import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshLab } from '../../adapters/stepper/open.ts';
import { tempDir } from '../support/cli.ts';
import { studioOn } from '../support/studio-server.ts';

// Whatever a client sends, the studio answers 2xx or a 4xx that names the problem: never a 5xx, never a stack.
const test = suite('studio server: any query, body or lab id gets a 2xx or a located 4xx');
const root = await tempDir('pkilab-studio-property-');
await (await freshLab(join(root, 'lab'), [], () => undefined)).writer.release();
const s = await studioOn([root]);
const id = s.lab('lab-new-1');
const bundle = (await s.json(`/api/labs/${id}/export`)).body;
const upload = (await s.post('/api/open', bundle)).body.lab.id as string;
test.after(() => s.studio.close());

/** A 2xx, or a 4xx with the contract's error body: a STUDIO_ code and a message. */
const answered = async (answer: Response, what: string) => {
  assert.ok(answer.status < 500, `${what}: ${answer.status} ${await answer.clone().text()}`);
  if (answer.status < 400) return;
  const body = (await answer.json()) as { ok: boolean; error: { code: string; message: string } };
  assert.is(body.ok, false, what);
  assert.match(body.error.code, /^STUDIO_/, what);
  assert.ok(body.error.message.length > 10, what);
  assert.not.match(body.error.message, /\n\s+at /, what);
};

const queryKeys = fc.constantFrom('view', 'from', 'limit', 'procedure', 'type', 'entity', 'at', 'to', 'finding', 'keys', 'quiz', 'x');
const query = fc.dictionary(
  queryKeys,
  fc.oneof(fc.string(), fc.nat().map(String), fc.constantFrom('compact', 'full', '-1', '1e3', '0x10', '')),
);
const routes = [
  'timeline',
  'world',
  'diff',
  'findings',
  'findings.csv',
  'why',
  'bisect',
  'export',
  'chart/iis-web-server-certificate',
  'step/iis-web-server-certificate',
];

test('any query on any reading route', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), query, async (route, q) => {
      const path = `/api/labs/${id}/${route}?${new URLSearchParams(q)}`;
      await answered(await s.request(path), path);
    }),
    { numRuns: 150 },
  );
});

test('any JSON body to what-if, step and open (on a read-only lab: nothing can be written)', async () => {
  const targets = [`/api/labs/${upload}/what-if`, `/api/labs/${upload}/step/iis-web-server-certificate`, '/api/open'];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(fc.jsonValue(), fc.string()), async (target, body) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      await answered(
        await s.request(target, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } }),
        `${target} ${text}`,
      );
    }),
    { numRuns: 150 },
  );
});

test('any lab id is a lab of the studio or refused', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ minLength: 1 }), async (lab) => {
      const answer = await s.request(`/api/labs/${encodeURIComponent(lab)}/timeline`);
      assert.ok([200, 403, 404].includes(answer.status), `${lab}: ${answer.status}`);
      await answered(answer, lab);
    }),
    { numRuns: 150 },
  );
});

test.run();
