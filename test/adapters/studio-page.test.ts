import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../support/cli.ts';
import { stopAll } from '../support/processes.ts';
import {
  chooseLab,
  cursorOf,
  launchChromium,
  openStudioPage,
  pkilabOk,
  type Studio,
  screenshot,
  startStudio,
} from '../support/studio-page.ts';

/**
 * The studio page in Debian's Chromium against the real `pkilab studio`, on the lab where SERVER1 was not restarted:
 * jump to the refused request, its finding, bisect, the restart taken in a what-if form, the fork saved and reopened.
 */
const page = suite('studio page: the no-restart lab in Chromium');
const labs = join(await tempDir('pkilab-studio-page-'), 'labs');
await pkilabOk(['run', 'scenarios/iis-no-restart.yaml', '--out', join(labs, 'no-restart')]);
const log = join(labs, 'no-restart', 'lab.jsonl');
const bisected = JSON.parse(await pkilabOk(['travel', log, 'bisect', 'OP-PENDING-RESTART', '--json'])) as { position: number };
let studio: Studio;
let browser: Browser;
let tab: Page;
const timelineAsked: URL[] = [];

page.before(async () => {
  studio = await startStudio(labs);
  browser = await launchChromium();
  tab = await openStudioPage(browser, studio);
  tab.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/timeline')) timelineAsked.push(url);
  });
});

page('a request without the token is refused with 401, and so is a wrong token', async () => {
  for (const headers of [{}, { authorization: 'Bearer not-the-token' }] as Array<Record<string, string>>) {
    const response = await fetch(`${studio.base}/api/labs`, { headers });
    assert.is(response.status, 401);
    assert.is(((await response.json()) as { error: { code: string } }).error.code, 'STUDIO_UNAUTHORIZED');
  }
  assert.is((await fetch(`${studio.base}/api/labs`, { headers: { authorization: `Bearer ${studio.token}` } })).status, 200);
});

page("a lab named by a path outside the studio's labs is refused with 403 STUDIO_PATH_REFUSED", async () => {
  const headers = { authorization: `Bearer ${studio.token}` };
  for (const name of ['../../etc/passwd', log, '/etc/passwd']) {
    const response = await fetch(`${studio.base}/api/labs/${encodeURIComponent(name)}/timeline`, { headers });
    assert.is(response.status, 403, name);
    assert.is(((await response.json()) as { error: { code: string } }).error.code, 'STUDIO_PATH_REFUSED');
  }
  // A file path that climbs out of the page's folder is refused; a path the page does not have gets the page itself.
  const climbed = await fetch(`${studio.base}/assets/..%2f..%2f..%2fpackage.json`, { headers });
  assert.is(climbed.status, 403);
  assert.is(((await climbed.json()) as { error: { code: string } }).error.code, 'STUDIO_PATH_REFUSED');
  const escaped = await (await fetch(`${studio.base}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`, { headers })).text();
  assert.not.match(escaped, /root:/);
});

page('the page drops the token from the address, names the position in it instead, and lists the lab', async () => {
  assert.not.match(tab.url(), /token=/);
  assert.match(tab.url(), /#at=49$/, 'the address names the position shown');
  assert.match((await tab.getByRole('combobox', { name: 'Lab', exact: true }).textContent()) ?? '', /no-restart \(jsonl, 49 events\)/);
});

page('a click on the refused request moves the cursor to it and shows 0x80094012 and the pending-restart finding', async () => {
  await tab.getByRole('button', { name: 'Previous event' }).click();
  await tab.getByRole('button', { name: 'Previous event' }).click();
  assert.is(await cursorOf(tab), 47);
  const refused = tab.locator('li.row.rejected', { hasText: '0x80094012' });
  await refused.locator('.jump').click();
  await tab.locator('.world[data-position="49"]').waitFor();
  assert.is(await cursorOf(tab), 49);
  assert.match((await refused.textContent()) ?? '', /Request the certificate/);
  await tab.getByRole('tab', { name: 'Findings' }).click();
  const finding = tab.getByRole('article', { name: 'Finding OP-PENDING-RESTART' });
  assert.match((await finding.textContent()) ?? '', /SERVER1/);
  assert.match((await finding.locator('pre.command').first().textContent()) ?? '', /Restart-Computer -ComputerName SERVER1/);
  await screenshot(tab, 'studio-findings');
});

page('bisect names the event that introduced the finding, as pkilab travel bisect does, and jumps there', async () => {
  const finding = tab.getByRole('article', { name: 'Finding OP-PENDING-RESTART' });
  await finding.getByRole('button', { name: /Bisect/ }).click();
  const answer = finding.locator('.bisect');
  assert.match(
    (await answer.textContent()) ?? '',
    new RegExp(`Introduced at position ${bisected.position} by “SERVER1 added to ConfigMgr IIS Servers”`),
  );
  await answer.getByRole('button').click();
  assert.is(await cursorOf(tab), bisected.position);
});

page('the restart taken in the what-if form issues the certificate and leaves the finding out', async () => {
  await tab
    .locator('li.row.skipped', { hasText: /Restart/ })
    .getByRole('button', { name: 'what if…' })
    .click();
  const edit = tab.getByRole('article', { name: /What if at \d+/ });
  await edit.getByRole('radio', { name: /another choice/ }).check();
  const computer = edit.locator('.choice-form input[type="text"]').first();
  await computer.fill('SERVER1');
  await tab.getByRole('button', { name: 'Run the what-if' }).click();
  const changed = tab.getByRole('region', { name: 'What if' });
  await changed.waitFor();
  assert.match((await changed.textContent()) ?? '', /1 certificate issued · 0 rejected/);
  assert.not.match((await changed.textContent()) ?? '', /OP-PENDING-RESTART/);
  const recorded = (await tab.getByRole('region', { name: 'As recorded' }).textContent()) ?? '';
  assert.match(recorded, /0 certificates issued · 1 rejected/);
  assert.match(recorded, /0x80094012/);
  await screenshot(tab, 'studio-what-if');
});

page('the what-if saved as a fork is a new lab folder beside the others, shown at once and again after a reload', async () => {
  await tab.getByLabel('Fork name').fill('with-restart');
  await tab.getByRole('button', { name: 'Save as a fork' }).click();
  await tab
    .getByRole('combobox', { name: 'Lab', exact: true })
    .locator('option:checked', { hasText: 'with-restart' })
    .waitFor({ state: 'attached' });
  assert.ok(existsSync(join(labs, 'with-restart', 'lab.jsonl')), 'the fork has no lab.jsonl beside no-restart');
  const findings = await pkilabOk(['findings', join(labs, 'with-restart', 'lab.jsonl')]);
  assert.not.match(findings, /OP-PENDING-RESTART/);
  await tab.reload();
  await chooseLab(tab, 'with-restart');
  await tab.getByRole('tab', { name: 'World' }).click();
  const store = tab.locator('details.area', { hasText: 'Certificate stores' });
  await store
    .getByRole('button', { name: /server1\.internal\.contoso\.com|SERVER1/i })
    .first()
    .click();
  const details = tab.getByRole('region', { name: /Certificate / });
  assert.match((await details.textContent()) ?? '', /Server Authentication|1\.3\.6\.1\.5\.5\.7\.3\.1/);
  await screenshot(tab, 'studio-world');
});

page('why? beside a computer lists the events that shaped it, and a click on one moves the cursor there', async () => {
  const server1 = tab.locator('details.area', { hasText: 'Directory' }).locator('tr', { hasText: 'SERVER1' }).first();
  await server1.getByRole('button', { name: 'why?' }).click();
  const drawer = tab.getByRole('dialog', { name: /Why .*SERVER1/ });
  const restarted = drawer.locator('li.row', { hasText: /SERVER1 restarted/ }).last();
  const position = Number(await restarted.locator('.pos').textContent());
  assert.ok(position > 47, `the fork's restart is at ${position}`);
  await restarted.locator('.jump').click();
  assert.is(await cursorOf(tab), position);
  await drawer.getByRole('button', { name: 'Close' }).click();
});

page("the fork's findings say the pending restart was resolved, and by which event", async () => {
  await tab.getByRole('tab', { name: 'Findings' }).click();
  const restart = tab.locator('li.row', { hasText: /Restart SERVER1/ }).first();
  await restart.locator('.jump').click();
  const resolved = tab.locator('.finding.resolved', { hasText: 'SERVER1' });
  assert.match((await resolved.first().textContent()) ?? '', /fixed at position \d+ by/);
});

page('the page asked for the timeline a page at a time, never for every event', () => {
  assert.ok(timelineAsked.length >= 3, `${timelineAsked.length} timeline requests`);
  for (const url of timelineAsked) {
    const limit = Number(url.searchParams.get('limit'));
    assert.ok(limit >= 1 && limit <= 100, `${url.pathname}${url.search}`);
  }
});

page.after(async () => {
  await browser?.close();
  await studio?.stop();
  stopAll();
});

page.run();
