import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../support/cli.ts';
import { pkilab, stopAll } from '../support/processes.ts';
import { chooseLab, launchChromium, openStudioPage, pkilabOk, type Studio, screenshot, startStudio } from '../support/studio-page.ts';

/** Stepping the IIS procedure in the studio page (Chromium), its chart, and a lab exported and opened again through the file picker. */
const stepping = suite('studio page: stepping, the chart, export and open');
const root = await tempDir('pkilab-studio-step-');
const labs = join(root, 'labs');
const fresh = await pkilab(['step', 'iis-web-server-certificate', '--plain', '--out', join(labs, 'iis-step'), '--new'], { input: 'q\n' });
if (fresh.code !== 0) throw new Error(`pkilab step could not make the lab: ${fresh.err}`);
await pkilabOk(['run', 'scenarios/iis-web-server-certificate.yaml', '--out', join(root, 'iis-run')]);
let studio: Studio;
let browser: Browser;
let tab: Page;

type Event = { type: string; data: Record<string, unknown> };
const eventsOf = async (path: string): Promise<Event[]> =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Event);
/** The events from the IIS procedure's start on: each event's type, and what each input chose (keys and serials differ). */
const procedurePart = (events: Event[]) => {
  const start = events.findIndex((e) => e.type === 'ProcedureStarted');
  return events.slice(start).map((e) => (e.type === 'ActionTaken' ? `ActionTaken ${JSON.stringify(e.data)}` : e.type));
};

stepping.before(async () => {
  studio = await startStudio(labs);
  browser = await launchChromium();
  tab = await openStudioPage(browser, studio);
  await chooseLab(tab, 'iis-step');
  await tab.getByRole('tab', { name: 'Step' }).click();
  await tab.getByRole('combobox', { name: 'Procedure', exact: true }).selectOption('iis-web-server-certificate');
});

stepping("the seed's choice is marked, and hidden in quiz mode", async () => {
  const current = tab.getByRole('article', { name: /^Step / });
  await current.getByText("the seed's choice").waitFor();
  await tab.getByRole('checkbox', { name: /quiz mode/ }).check();
  await tab.getByRole('checkbox', { name: /quiz mode/ }).isChecked();
  await current.getByRole('radio').first().waitFor();
  assert.is(await current.getByText("the seed's choice").count(), 0);
  await tab.getByRole('checkbox', { name: /quiz mode/ }).uncheck();
  await current.getByText("the seed's choice").waitFor();
});

stepping(
  "a step taken and then taken back (after saying yes when asked) leaves the log as it was, as pkilab step's back does",
  async () => {
    const log = join(labs, 'iis-step', 'lab.jsonl');
    const before = await readFile(log, 'utf8');
    const take = tab.waitForResponse((r) => r.url().includes('/step/') && r.request().method() === 'POST');
    await tab.getByRole('button', { name: 'Take this step' }).click();
    assert.is((await take).status(), 200);
    const taken = await readFile(log, 'utf8');
    assert.is.not(taken, before);
    // Going back asks first; answered no, the lab keeps its step.
    const asked: string[] = [];
    tab.once('dialog', (d) => (asked.push(d.message()), d.dismiss()));
    await tab.getByRole('button', { name: 'Back one step' }).click();
    await tab.waitForTimeout(300);
    assert.is(await readFile(log, 'utf8'), taken);
    assert.match(asked[0] ?? '', /Take back the last step\?/);
    tab.once('dialog', (d) => d.accept());
    const back = tab.waitForResponse((r) => r.url().includes('/step/') && r.request().method() === 'POST');
    await tab.getByRole('button', { name: 'Back one step' }).click();
    assert.is((await back).status(), 200);
    assert.is(await readFile(log, 'utf8'), before);
    await tab.getByRole('article', { name: /^Step Create the security group/ }).waitFor();
  },
);

stepping("taking the seed's choice at every step ends the procedure with the log pkilab run writes", async () => {
  let taken = 0;
  while (!(await tab.getByText('The procedure is complete.').isVisible())) {
    assert.ok(taken < 20, 'the procedure did not end after 20 steps');
    const answered = tab.waitForResponse((r) => r.url().includes('/step/') && r.request().method() === 'POST');
    await tab.getByRole('button', { name: 'Take this step' }).click();
    assert.is((await answered).status(), 200);
    await tab.getByRole('status').first().waitFor();
    taken += 1;
    if (taken === 4) await chartShowsCurrentStep();
  }
  const stepped = procedurePart(await eventsOf(join(labs, 'iis-step', 'lab.jsonl')));
  const ran = procedurePart(await eventsOf(join(root, 'iis-run', 'lab.jsonl')));
  assert.equal(stepped, ran);
  assert.ok(stepped.includes('CertificateIssued'), 'no certificate was issued');
  await screenshot(tab, 'studio-step');
});

/** The chart in the middle of the procedure: what is done, the current step lit, the rest upcoming. */
const chartShowsCurrentStep = async () => {
  await tab.getByRole('tab', { name: 'Procedure chart' }).click();
  const chart = tab.getByRole('img', { name: /Chart of iis-web-server-certificate/ });
  await chart.waitFor();
  assert.ok((await chart.locator('[data-status="done"]').count()) >= 3);
  const current = await chart.locator('[data-status="current"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')));
  assert.is(current.length, 1, `lit: ${current.join(', ')}`);
  assert.ok((await chart.locator('[data-status="upcoming"]').count()) >= 3);
  await screenshot(tab, 'studio-chart');
  await tab.getByRole('tab', { name: 'Step' }).click();
};

stepping('a step taken in the terminal (pkilab step) reaches the open page by itself, and the cursor at the end follows it', async () => {
  const log = join(labs, 'iis-step', 'lab.jsonl');
  const before = (await eventsOf(log)).length;
  assert.match((await tab.getByLabel('Cursor').textContent()) ?? '', new RegExp(`position ${before} of ${before}`));
  const terminal = await pkilab(['step', 'dp-client-certificate', '--lab', log, '--plain'], { input: '1\nq\n' });
  assert.is(terminal.code, 0, terminal.err);
  const after = (await eventsOf(log)).length;
  assert.ok(after > before, 'pkilab step appended nothing');
  await tab
    .getByLabel('Cursor')
    .filter({ hasText: `position ${after} of ${after}` })
    .waitFor();
});

stepping('a lab exported from the studio opens again through the file picker, read-only, with every event', async () => {
  const id = await tab.getByRole('combobox', { name: 'Lab', exact: true }).inputValue();
  const exported = await tab.request.get(`${studio.base}/api/labs/${id}/export`);
  assert.is(exported.status(), 200);
  const bundle = join(root, 'exported.json');
  await writeFile(bundle, await exported.body());
  const events = (await eventsOf(join(labs, 'iis-step', 'lab.jsonl'))).length;
  assert.is((JSON.parse(await readFile(bundle, 'utf8')) as { events: unknown[] }).events.length, events);
  await tab.getByLabel('Open a bundle').setInputFiles(bundle);
  const chosen = tab.getByRole('combobox', { name: 'Lab', exact: true }).locator('option:checked');
  await chosen.filter({ hasText: 'upload' }).waitFor({ state: 'attached' });
  assert.match((await chosen.textContent()) ?? '', new RegExp(`\\(upload, ${events} events, read-only\\)`));
  assert.match((await tab.getByLabel('Cursor').textContent()) ?? '', new RegExp(`position ${events} of ${events}`));
});

stepping('a bundle dropped on the page opens as well, up to the position it was exported at', async () => {
  const id = await tab
    .getByRole('combobox', { name: 'Lab', exact: true })
    .locator('option', { hasText: /^iis-step / })
    .getAttribute('value');
  const exported = await tab.request.get(`${studio.base}/api/labs/${id}/export?to=40`);
  const text = (await exported.body()).toString('utf8');
  const dataTransfer = await tab.evaluateHandle((json: string) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([json], 'first-40.json', { type: 'application/json' }));
    return transfer;
  }, text);
  await tab.dispatchEvent('body', 'drop', { dataTransfer });
  const chosen = tab.getByRole('combobox', { name: 'Lab', exact: true }).locator('option:checked');
  await chosen.filter({ hasText: /\(upload, 40 events, read-only\)/ }).waitFor({ state: 'attached' });
});

stepping.after(async () => {
  await browser?.close();
  await studio?.stop();
  stopAll();
});

stepping.run();
