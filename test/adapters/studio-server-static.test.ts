import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { labFolder, openExistingLab } from '../../adapters/lab-files.ts';
import { freshLab } from '../../adapters/stepper/open.ts';
import { tempDir } from '../support/cli.ts';
import { studioOn } from '../support/studio-server.ts';

// The page's files: served from the build folder behind the token, nothing outside it, and a word on building it when missing.
const test = suite('studio server: the page, body limits, a busy or damaged lab');
const root = await tempDir('pkilab-studio-static-');
await (await freshLab(join(root, 'labs', 'lab'), [], () => undefined)).writer.release();
const page = join(root, 'page');
await mkdir(join(page, 'assets'), { recursive: true });
await writeFile(join(page, 'index.html'), '<!doctype html><title>studio page</title>');
await writeFile(join(page, 'assets', 'app.js'), 'console.log("studio")');
await writeFile(join(root, 'secret.txt'), 'outside the page');
const s = await studioOn([join(root, 'labs')], { staticRoot: page });
const unbuilt = await studioOn([join(root, 'labs')], { staticRoot: join(root, 'no-build') });
test.after(async () => {
  await s.studio.close();
  await unbuilt.studio.close();
});

test('the page and its assets are served with their types once the token is given, and client routes get the page', async () => {
  const first = await fetch(`${s.studio.origin}/?token=${s.studio.token}`);
  assert.equal([first.status, await first.text()], [200, '<!doctype html><title>studio page</title>']);
  const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
  const script = await fetch(`${s.studio.origin}/assets/app.js`, { headers: { cookie } });
  assert.equal([script.status, script.headers.get('content-type')], [200, 'text/javascript; charset=utf-8']);
  const route = await fetch(`${s.studio.origin}/labs/some-lab/timeline`, { headers: { cookie } });
  assert.match(await route.text(), /studio page/);
  assert.is((await fetch(`${s.studio.origin}/assets/app.js`)).status, 401);
});

test('a file outside the page is refused, a missing asset is a 404', async () => {
  for (const path of ['/..%2Fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/%2e%2e/secret.txt']) {
    const answer = await s.request(path);
    assert.ok([403, 404].includes(answer.status), `${path}: ${answer.status}`);
    assert.not.match(await answer.text(), /outside the page/);
  }
  assert.is((await s.request('/assets/missing.js')).status, 404);
});

test('without a build, the page says how to make one and the API still answers', async () => {
  const answer = await unbuilt.request('/');
  assert.is(answer.status, 503);
  assert.match(await answer.text(), /not built.*npm run build/s);
  assert.is((await unbuilt.request('/api/labs')).status, 200);
});

test("a body over its route's limit is refused with 413 before it is read whole", async () => {
  const id = s.lab('lab-new-1');
  const big = JSON.stringify({ edits: [{ input: 1, op: 'change', choice: { pad: 'x'.repeat(1_100_000) } }] });
  const answer = await s.json(`/api/labs/${id}/what-if`, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
  assert.equal([answer.status, answer.body.error.code], [413, 'STUDIO_TOO_LARGE']);
  assert.match(answer.body.error.message, /expected at most 1 MB/);
});

test('a lab another writer holds is refused with 409 naming the holder; a damaged log with 422 naming the line', async () => {
  const id = s.lab('lab-new-1');
  const writer = await openExistingLab(labFolder(join(root, 'labs', 'lab-new-1')), 'another writer');
  try {
    const busy = await s.post(`/api/labs/${id}/step/iis-web-server-certificate`, { action: 'take' });
    assert.equal([busy.status, busy.body.error.code], [409, 'STUDIO_LAB_BUSY']);
    assert.match(busy.body.error.message, /another writer/);
  } finally {
    await writer.release();
  }
  const damaged = join(root, 'damaged');
  await cp(join(root, 'labs', 'lab-new-1'), join(damaged, 'lab'), { recursive: true });
  const log = join(damaged, 'lab', 'lab.jsonl');
  await writeFile(log, (await readFile(log, 'utf8')).replace('"CONTOSO"', '"C0NTOSO"'));
  const studio = await studioOn([damaged], { staticRoot: page });
  try {
    const answer = await studio.json(`/api/labs/${studio.lab('lab')}/timeline`);
    assert.equal([answer.status, answer.body.error.code], [422, 'STUDIO_LAB_UNREADABLE']);
    assert.match(answer.body.error.message, /line \d+/);
  } finally {
    await studio.studio.close();
  }
});

test.run();
