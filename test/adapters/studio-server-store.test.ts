import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStudio } from '../../adapters/studio/server/index.ts';
import { createStepper } from '../../adapters/stepper/controller.ts';
import { tempDir } from '../support/cli.ts';
import { testStore } from '../support/postgres.ts';
import { repoRoot } from '../support/processes.ts';

// The studio over labs in a PostgreSQL store: listed by prefix, read whole, followed live by LISTEN/NOTIFY.
const test = suite('studio server on a PostgreSQL store');
const { url, done } = await testStore();
const stepper = await createStepper({
  out: await tempDir(),
  lab: 'studio/student-01',
  store: url,
  procedure: 'iis-web-server-certificate',
  warn: () => undefined,
});
const studio = await startStudio({
  inputs: [],
  store: url,
  storeLabs: ['studio/'],
  staticRoot: join(repoRoot, 'dist', 'studio'),
  warn: () => undefined,
});
const get = (path: string, init: RequestInit = {}) =>
  fetch(`${studio.origin}${path}`, { ...init, headers: { authorization: `Bearer ${studio.token}`, ...init.headers } });
test.after(async () => {
  await studio.close();
  await stepper.close();
  await done();
});

test('the labs of the store under the prefix are listed read-only with their events, and their timeline reads from the store', async () => {
  const { labs } = (await (await get('/api/labs')).json()) as {
    labs: { id: string; name: string; kind: string; events: number; writable: boolean }[];
  };
  assert.equal(
    labs.map((l) => [l.name, l.kind, l.writable]),
    [['studio/student-01', 'store', false]],
  );
  const timeline = (await (await get(`/api/labs/${labs[0]!.id}/timeline?view=full&limit=1`)).json()) as { total: number };
  assert.is(timeline.total, labs[0]!.events);
  const step = await get(`/api/labs/${labs[0]!.id}/step/iis-web-server-certificate`, { method: 'POST', body: '{"action":"take"}' });
  assert.is(step.status, 403);
});

test('a step taken in the store reaches the live stream as appended, and the next read has its events', async () => {
  const { labs } = (await (await get('/api/labs')).json()) as { labs: { id: string; events: number }[] };
  const id = labs[0]!.id;
  const reader = (await get(`/api/labs/${id}/live`)).body!.getReader();
  let text = '';
  const until = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) throw new Error(`the stream ended: ${text}`);
      text += new TextDecoder().decode(value);
    }
    return text.match(pattern)!;
  };
  await until(/event: ready/);
  await stepper.take(0);
  const total = Number((await until(/event: appended\ndata: \{"total":(\d+)\}/))[1]);
  await reader.cancel();
  assert.ok(total > labs[0]!.events, `${total} after ${labs[0]!.events}`);
  const timeline = (await (await get(`/api/labs/${id}/timeline?view=full&limit=1`)).json()) as { total: number };
  assert.is(timeline.total, total);
});

test.run();
