import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshLab } from '../../adapters/stepper/open.ts';
import { cli, tempDir } from '../support/cli.ts';
import { noRestartLabs, studioOn } from '../support/studio-server.ts';

const test = suite('studio server: what-if, fork, stepping and live updates over HTTP');
const { root, log } = await noRestartLabs();
const fresh = await freshLab(join(root, 'fresh'), [], () => undefined);
await fresh.writer.release();
const s = await studioOn([root]);
const id = s.lab('no-restart');
const freshId = s.lab('fresh-new-1');
const recorded = await readFile(log, 'utf8');
test.after(() => s.studio.close());

const restartInput = async () =>
  (await s.json(`/api/labs/${id}/timeline?limit=500`)).body.rows.find((r: any) => r.step === 'restart').position as number;

test('a what-if that restarts SERVER1 issues the certificate and resolves the pending-restart finding, and the lab is left as it was', async () => {
  const input = await restartInput();
  const { status, body } = await s.post(`/api/labs/${id}/what-if`, { edits: [{ input, op: 'change', choice: { computer: 'SERVER1' } }] });
  assert.is(status, 200, JSON.stringify(body));
  assert.is(body.divergesAt, input);
  assert.ok(body.original.findings.some((f: any) => f.rule === 'OP-PENDING-RESTART'));
  assert.not.ok(body.changed.findings.some((f: any) => f.rule === 'OP-PENDING-RESTART'));
  assert.equal([body.original.rejections.length, body.changed.rejections.length], [1, 0]);
  assert.ok(body.changed.certificates > body.original.certificates);
  assert.ok(body.changed.timeline.some((r: any) => r.step === 'restart' && r.status === 'done'));
  assert.is(await readFile(log, 'utf8'), recorded);
});

test('a what-if on a position that is not an input is refused naming the inputs near it', async () => {
  const { status, body } = await s.post(`/api/labs/${id}/what-if`, { edits: [{ input: 2, op: 'skip' }] });
  assert.is(status, 400);
  assert.match(body.error.message, /position 2 is a \w+, not an input \(ActionTaken\)/);
  const empty = await s.post(`/api/labs/${id}/what-if`, { edits: [] });
  assert.match(empty.body.error.message, /what-if edits: expected one edit/);
});

test('a fork is a new lab folder beside the labs, reopened by a new studio; its name is never reused and never a path', async () => {
  const input = await restartInput();
  const edits = [{ input, op: 'change', choice: { computer: 'SERVER1' } }];
  const { status, body } = await s.post(`/api/labs/${id}/fork`, { edits, name: 'restarted' });
  assert.is(status, 200, JSON.stringify(body));
  assert.equal([body.lab.name, body.lab.kind, body.lab.writable], ['restarted', 'jsonl', true]);
  const again = await s.post(`/api/labs/${id}/fork`, { edits, name: 'restarted' });
  assert.equal([again.status, again.body.error.code], [409, 'STUDIO_EXISTS']);
  const outside = await s.post(`/api/labs/${id}/fork`, { edits, name: '../escape' });
  assert.equal([outside.status, outside.body.error.code], [400, 'STUDIO_BAD_REQUEST']);
  assert.is(await readFile(log, 'utf8'), recorded);
  const reopened = await studioOn([root]);
  try {
    const fork = reopened.lab('restarted');
    const findings = (await reopened.json(`/api/labs/${fork}/findings`)).body.open.map((f: any) => f.rule);
    assert.not.ok(findings.includes('OP-PENDING-RESTART'));
    const world = (await reopened.json(`/api/labs/${fork}/world`)).body.world;
    const binding = world.iis.find((b: any) => b.host === 'SERVER1' && b.thumbprint);
    const certificate = (await reopened.json(`/api/labs/${fork}/certificate/${binding.thumbprint}`)).body;
    assert.ok(certificate.sans.includes('DNS:server.contoso.com'), certificate.sans.join());
    assert.match(certificate.pem, /^-----BEGIN CERTIFICATE-----/);
    assert.ok(
      certificate.extensions.some((e: any) => e.name === 'Subject Alternative Name' && /server1\.internal\.contoso\.com/.test(e.text)),
    );
  } finally {
    await reopened.studio.close();
  }
});

/** Reads server-sent events from a stream until one named `name` arrives; its data. */
const nextEvent = async (reader: ReadableStreamDefaultReader<Uint8Array>, name: string, seen = { text: '' }): Promise<unknown> => {
  const decoder = new TextDecoder();
  for (;;) {
    const match = seen.text.match(new RegExp(`event: ${name}\\ndata: (.*)\\n`));
    if (match) {
      seen.text = seen.text.slice(match.index! + match[0].length);
      return JSON.parse(match[1]!);
    }
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before an ${name} event: ${seen.text}`);
    seen.text += decoder.decode(value, { stream: true });
  }
};

test('stepping the IIS procedure to its end through the API appends the events pkilab run writes, and live announces each append', async () => {
  const live = await s.request(`/api/labs/${freshId}/live`);
  assert.match(live.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = live.body!.getReader();
  const seen = { text: '' };
  const ready = (await nextEvent(reader, 'ready', seen)) as { total: number };
  let view = (await s.json(`/api/labs/${freshId}/step/iis-web-server-certificate`)).body;
  assert.is(view.step.id, 'create-group');
  assert.ok(view.step.options[0].seed && view.step.fields.length > 0);
  let steps = 0;
  while (view.step) {
    const { status, body } = await s.post(`/api/labs/${freshId}/step/iis-web-server-certificate`, { action: 'take', option: 0 });
    assert.is(status, 200, JSON.stringify(body));
    assert.ok(body.result.accepted, `${view.step.id}: ${JSON.stringify(body.result.rejection)}`);
    if (steps === 0) assert.ok(((await nextEvent(reader, 'appended', seen)) as { total: number }).total > ready.total);
    view = body.next;
    steps += 1;
  }
  await reader.cancel();
  assert.equal(view.checklist.upcoming, []);
  const out = await tempDir('pkilab-studio-run-');
  assert.is((await cli('run', 'scenarios/iis-web-server-certificate.yaml', '--out', out)).code, 0);
  const shape = (text: string) =>
    text
      .trim()
      .split('\n')
      .map((line) => {
        const e = JSON.parse(line) as { type: string; data: { procedure?: string; step?: string } };
        return e.type === 'ActionTaken' ? `${e.type} ${e.data.procedure} ${e.data.step}` : e.type;
      });
  const stepped = shape(await readFile(join(root, 'fresh-new-1', 'lab.jsonl'), 'utf8'));
  assert.equal(stepped, shape(await readFile(join(out, 'lab.jsonl'), 'utf8')));
  assert.ok(steps >= 8, `${steps} steps`);
});

test('going back cuts the last input from the log, as pkilab step does, and a bundle cannot be stepped', async () => {
  const before = (await s.json(`/api/labs/${id}/timeline?view=full&limit=1`)).body.total;
  const restart = await restartInput();
  const back = await s.post(`/api/labs/${id}/step/iis-web-server-certificate`, { action: 'back' });
  assert.is(back.status, 200, JSON.stringify(back.body));
  const after = (await s.json(`/api/labs/${id}/timeline?view=full&limit=1`)).body.total;
  assert.equal([before, after], [49, restart + 0]);
  assert.is(back.body.next.step.id, 'request-certificate');
  const bundle = (await s.json(`/api/labs/${s.lab('fresh-new-1')}/export`)).body;
  const upload = (await s.post('/api/open', bundle)).body.lab.id;
  const refused = await s.post(`/api/labs/${upload}/step/iis-web-server-certificate`, { action: 'skip' });
  assert.equal([refused.status, refused.body.error.code], [403, 'STUDIO_READ_ONLY']);
});

test.run();
