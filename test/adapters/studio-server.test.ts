import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { noRestartLabs, studioOn } from '../support/studio-server.ts';

const test = suite('studio server: token, lab ids, reading a lab over HTTP');
const { root } = await noRestartLabs();
const s = await studioOn([root]);
const id = s.lab('no-restart');
/** The CA's private key as the lab keeps it (PKCS#8), without its PEM armour: what must never be in an answer. */
const caKey = (await readFile(join(root, 'no-restart', 'keys', 'ca-contoso-CA1-CA.key'), 'utf8')).replace(/-----[^-]+-----|\s/g, '');
test.after(() => s.studio.close());

const failing = async () => {
  const rows = (await s.json(`/api/labs/${id}/timeline?limit=500`)).body.rows as { status: string; code?: string; lastEvent: number }[];
  return rows.find((r) => r.status === 'rejected')!;
};

test('a request without the token, or with another token, is refused with 401 STUDIO_UNAUTHORIZED', async () => {
  for (const [path, headers] of [
    ['/api/labs', {}],
    ['/', {}],
    ['/api/labs', { authorization: 'Bearer wrong' }],
    ['/?token=wrong', {}],
    ['/api/labs', { cookie: 'pkilab_token=wrong' }],
  ] as const) {
    const answer = await fetch(`${s.studio.origin}${path}`, { headers });
    assert.is(answer.status, 401, path);
    const body = (await answer.json()) as { ok: boolean; error: { code: string; message: string } };
    assert.equal([body.ok, body.error.code], [false, 'STUDIO_UNAUTHORIZED']);
    assert.match(body.error.message, /expected the studio's token/);
  }
});

test('the first page load with ?token= sets an HttpOnly SameSite=Strict cookie that later requests are let in with', async () => {
  const first = await fetch(`${s.studio.origin}/?token=${s.studio.token}`);
  assert.ok(first.status !== 401, `status ${first.status}`);
  const cookie = first.headers.get('set-cookie') ?? '';
  assert.match(cookie, new RegExp(`^pkilab_token=${s.studio.token};`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const later = await fetch(`${s.studio.origin}/api/labs`, { headers: { cookie: cookie.split(';')[0]! } });
  assert.is(later.status, 200);
});

test('a lab named by anything but its id (a path, ../, an absolute path, encoded slashes) is refused with 403', async () => {
  for (const bad of [
    '..%2F..%2Fetc%2Fpasswd',
    '%2Fetc%2Fpasswd',
    encodeURIComponent(`${root}/no-restart/lab.jsonl`),
    'no-restart',
    '..%252F..',
  ]) {
    const { status, body } = await s.json(`/api/labs/${bad}/timeline`);
    assert.is(status, 403, bad);
    assert.is(body.error.code, 'STUDIO_PATH_REFUSED');
    assert.match(body.error.message, /expected the id of a lab this studio serves/);
  }
  const page = await s.request('/..%2F..%2F..%2Fetc%2Fpasswd');
  assert.is(page.status, 403);
});

test('the labs are listed with opaque ids, their kind, events and whether they can be written', async () => {
  assert.equal(
    s.labs.map((l: any) => [l.name, l.kind, l.events, l.writable]),
    [['no-restart', 'jsonl', 49, true]],
  );
  assert.match(id, /^lab-[A-Za-z0-9_-]{12}$/);
});

test('the compact timeline pages through one row per input, and pages join up to the whole', async () => {
  const all = (await s.json(`/api/labs/${id}/timeline?limit=500`)).body;
  const pages = [];
  for (let from = 0; from < all.total; from += 3) pages.push(...(await s.json(`/api/labs/${id}/timeline?from=${from}&limit=3`)).body.rows);
  assert.equal(pages, all.rows);
  assert.is(all.rows[0].text, 'lab created');
  assert.is(all.rows.at(-1).lastEvent, 49);
  const skipped = all.rows.find((r: any) => r.step === 'restart');
  assert.is(skipped.status, 'skipped');
});

test('the full timeline pages events (never more than 500) and filters by type, procedure and entity', async () => {
  const page = (await s.json(`/api/labs/${id}/timeline?view=full&from=40&limit=5`)).body;
  assert.equal([page.total, page.rows.map((e: any) => e.position)], [49, [41, 42, 43, 44, 45]]);
  const rejected = (await s.json(`/api/labs/${id}/timeline?view=full&type=ActionRejected`)).body;
  assert.equal([rejected.total, rejected.rows[0].data.rejection.code], [1, '0x80094012']);
  const server1 = (await s.json(`/api/labs/${id}/timeline?view=full&entity=host:SERVER1&limit=500`)).body.rows.map((e: any) => e.type);
  assert.ok(server1.includes('HostProvisioned') && !server1.includes('TemplateDuplicated'), server1.join());
  const procedure = (await s.json(`/api/labs/${id}/timeline?procedure=iis-web-server-certificate`)).body.rows;
  assert.ok(procedure.length > 5 && procedure.every((r: any) => r.procedure === 'iis-web-server-certificate'));
  const tooMany = await s.json(`/api/labs/${id}/timeline?limit=501`);
  assert.is(tooMany.status, 400);
  assert.match(tooMany.body.error.message, /timeline limit: expected at most 500, found "501"/);
});

test('the world at the failing request shows SERVER1 in the group but not in its token, the 0x80094012 rejection and the pending-restart finding', async () => {
  const row = await failing();
  assert.is(row.code, '0x80094012');
  const answer = await s.request(`/api/labs/${id}/world?at=${row.lastEvent}`);
  const text = await answer.text();
  assert.not.ok(text.includes(caKey.slice(0, 64)), 'the world carries no private key');
  const body = JSON.parse(text);
  const server1 = body.world.directory.computers.find((c: any) => c.name === 'SERVER1');
  assert.ok(server1.groups.includes('ConfigMgr IIS Servers'));
  assert.not.ok(server1.tokenGroups.includes('ConfigMgr IIS Servers'));
  assert.is(body.world.ca.issued.length, 0);
  const findings = (await s.json(`/api/labs/${id}/findings?at=${row.lastEvent}`)).body;
  const pending = findings.open.find((f: any) => f.rule === 'OP-PENDING-RESTART');
  assert.is(pending.subject, 'principal:SERVER1');
  assert.match(pending.fixCommands[0], /Restart-Computer/);
});

test('the world can be asked for some of its sections only; an unknown section is refused', async () => {
  const { body } = await s.json(`/api/labs/${id}/world?at=40&sections=ca,iis`);
  assert.equal(Object.keys(body.world), ['ca', 'iis']);
  const bad = await s.json(`/api/labs/${id}/world?sections=ca,keys`);
  assert.equal([bad.status, bad.body.error.code], [400, 'STUDIO_BAD_REQUEST']);
  assert.match(bad.body.error.message, /world sections: expected sections among directory, templates, ca/);
});

test('bisect names the event that brought the pending-restart finding, and the world before it has no such finding', async () => {
  const { body } = await s.json(`/api/labs/${id}/bisect?finding=op-pending-restart`);
  assert.equal([body.event.type, body.event.data.member, body.before], ['GroupMemberAdded', 'SERVER1', body.introducedAt - 1]);
  const before = (await s.json(`/api/labs/${id}/findings?at=${body.before}`)).body.open.map((f: any) => f.rule);
  assert.not.ok(before.includes('OP-PENDING-RESTART'));
  const after = (await s.json(`/api/labs/${id}/findings?at=${body.after}`)).body.new.map((f: any) => f.rule);
  assert.ok(after.includes('OP-PENDING-RESTART'));
  const unknown = await s.json(`/api/labs/${id}/bisect?finding=NOT-A-RULE`);
  assert.equal([unknown.status, unknown.body.error.code], [400, 'STUDIO_BAD_REQUEST']);
});

test('why, diff and the chart answer in domain terms, each change with the positions that made it', async () => {
  const why = (await s.json(`/api/labs/${id}/why?entity=host:SERVER1`)).body;
  assert.ok(why.events.some((e: any) => e.type === 'HostProvisioned'));
  const diff = (await s.json(`/api/labs/${id}/diff?from=31&to=49`)).body;
  const member = diff.changes.find((c: any) => c.entity === 'principal:ConfigMgr IIS Servers' || /SERVER1/.test(c.text));
  assert.ok(member && member.positions.every((p: number) => p > 31 && p <= 49), JSON.stringify(diff.changes));
  const chart = (await s.json(`/api/labs/${id}/chart/iis-web-server-certificate`)).body;
  assert.match(chart.mermaid, /^stateDiagram-v2/);
  assert.ok(
    chart.nodes.some((n: any) => n.status === 'rejected' && /request-certificate/.test(n.id)),
    JSON.stringify(chart.nodes),
  );
});

test('bad input is a 4xx naming what was expected and what was found', async () => {
  const cases: [string, number, RegExp][] = [
    [`/api/labs/${id}/world?at=50`, 400, /at: expected a position from 0 to 49, found 50/],
    [`/api/labs/${id}/timeline?view=tree`, 400, /timeline view: expected one of "compact"\|"full", found "tree"/],
    [`/api/labs/${id}/timeline?colour=red`, 400, /found colour/],
    [`/api/labs/${id}/certificate/xyz`, 400, /expected a SHA-1 thumbprint/],
    [`/api/labs/${id}/step/no-such-procedure`, 404, /expected a procedure/],
    ['/api/nothing-here', 404, /expected a route of the studio's API/],
    [`/api/labs/${id}/diff?from=10&to=5`, 400, /diff to: expected a position from 10 \(the from position\) on, found 5/],
    [`/api/labs/${id}/bisect`, 400, /^bisect finding: expected string, found nothing$/],
    [`/api/labs/${id}/bisect?finding=x&colour=red`, 400, /^bisect: expected only its own parameters, found colour$/],
  ];
  for (const [path, status, message] of cases) {
    const answer = await s.json(path);
    assert.is(answer.status, status, path);
    assert.match(answer.body.error.message, message);
  }
});

test('export without keys carries no key; keys=1 is refused without --allow-keys; the bundle opens again with POST /api/open', async () => {
  const answer = await s.request(`/api/labs/${id}/export?to=40`);
  assert.match(answer.headers.get('content-disposition') ?? '', /attachment; filename="no-restart-to-40\.json"/);
  const whole = await s.request(`/api/labs/${id}/export`);
  assert.match(whole.headers.get('content-disposition') ?? '', /attachment; filename="no-restart\.json"/);
  await whole.text();
  const text = await answer.text();
  assert.not.ok(text.includes(caKey.slice(0, 64)));
  const bundle = JSON.parse(text);
  assert.equal([bundle.format, bundle.events.length, bundle.keys, bundle.secrets], ['pkilab-lab/1', 40, undefined, undefined]);
  const refused = await s.json(`/api/labs/${id}/export?keys=1`);
  assert.equal([refused.status, refused.body.error.code], [403, 'STUDIO_KEYS_REFUSED']);
  const opened = await s.post('/api/open', bundle);
  assert.equal([opened.body.lab.kind, opened.body.lab.events, opened.body.lab.writable], ['upload', 40, false]);
  const rows = (await s.json(`/api/labs/${opened.body.lab.id}/timeline?view=full&limit=500`)).body.rows;
  assert.is(rows.length, 40);
  const bad = await s.post('/api/open', { ...bundle, format: 'other/1' });
  assert.equal([bad.status, bad.body.error.code], [400, 'STUDIO_BAD_REQUEST']);
  assert.match(bad.body.error.message, /expected an exported lab \(format pkilab-lab\/1\), found format "other\/1"/);
});

test('with --allow-keys the export may carry the keys the log refers to', async () => {
  const keyed = await studioOn([root], { allowKeys: true });
  try {
    const bundle = (await keyed.json(`/api/labs/${keyed.lab('no-restart')}/export?keys=1`)).body;
    assert.is(bundle.keys['ca-contoso-CA1-CA'], caKey);
  } finally {
    await keyed.studio.close();
  }
});

test.run();
