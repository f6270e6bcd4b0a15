import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, runJson, tempDir } from '../support/cli.ts';

/**
 * `pkilab report --html` opened in Debian's Chromium (playwright-core), offline: every request but the page's
 * own is recorded and refused, and the test asserts there was none.
 */
const report = suite('adapters/report pkilab report --html in Chromium');
const noRestart = await runJson('scenarios/iis-no-restart.yaml');
const noRestartLog = join(noRestart.out, 'lab.jsonl');
let chrome: Browser;

report.before(async () => {
  chrome = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
});
report.after(async () => {
  await chrome.close();
});

interface Opened {
  page: Page;
  /** Every request the page made besides its own (a request the page's CSP blocked included). */
  asked: string[];
  /** Those that reached the network layer, where the test refused them. */
  routed: string[];
  errors: string[];
}

/** Opens a written report with the network cut; `bypassCSP` checks the escaping without the page's own policy. */
const open = async (file: string, options: { bypassCSP?: boolean } = {}): Promise<Opened> => {
  const context = await chrome.newContext({ offline: true, javaScriptEnabled: true, ...options });
  const url = pathToFileURL(file).href;
  const asked = new Set<string>();
  const routed = new Set<string>();
  const errors: string[] = [];
  await context.route('**/*', (route) =>
    route.request().url() === url ? route.continue() : (routed.add(route.request().url()), route.abort()),
  );
  const page = await context.newPage();
  page.on('request', (r) => r.url() !== url && asked.add(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, asked: [...asked], routed: [...routed], errors };
};

const written = async (lab: string, extra: string[] = []) => {
  const out = join(await tempDir('pkilab-report-'), 'report.html');
  const result = await cli('report', lab, '--html', out, ...extra);
  assert.is(result.code, 0, result.err);
  return out;
};

report("the no-restart lab's page opens offline, asks for nothing, and shows 0x80094012 and OP-PENDING-RESTART", async () => {
  const file = await written(noRestartLog);
  const { page, asked, errors } = await open(file, { bypassCSP: true });
  assert.equal(asked, [], 'no request beyond the page itself, even with its CSP set aside');
  assert.equal(errors, []);
  const text = await page.locator('body').innerText();
  assert.match(text, '0x80094012');
  assert.match(text, 'CERTSRV_E_TEMPLATE_DENIED');
  assert.match(text, 'OP-PENDING-RESTART');
  assert.match(await page.locator('#findings').innerText(), /OP-PENDING-RESTART[\s\S]*Restart SERVER1/);
  assert.is(await page.locator('script, link, img, iframe, object, embed').count(), 0, 'nothing that could load or run');
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('#')), 'links stay inside the page');
  const rejected = page.locator('li.rejected');
  assert.is(await rejected.count(), 1);
  assert.match(await rejected.innerText(), /✗[\s\S]*Request the certificate on SERVER1[\s\S]*0x80094012/);
  assert.match(await page.locator('li.skipped').innerText(), /–[\s\S]*Restart SERVER1[\s\S]*left out/);
  assert.is(
    await page.locator('.step.rejected').innerText(),
    'Request the certificate on SERVER1 (Certificates snap-in, Computer account)',
  );
  assert.match(await page.locator('#timeline').innerText(), 'SERVER1 added to ConfigMgr IIS Servers');
  assert.match(await page.locator('#world').innerText(), 'ConfigMgr IIS Servers: SERVER1');
  await page.context().close();
});

report('the offline check catches a page that asks for anything (a planted image), and the CSP would refuse it too', async () => {
  const file = await written(noRestartLog);
  await writeFile(file, (await readFile(file, 'utf8')).replace('</main>', '<img src="https://fonts.example.com/x.png"></main>'));
  const bare = await open(file, { bypassCSP: true });
  assert.equal([bare.asked, bare.routed], [['https://fonts.example.com/x.png'], ['https://fonts.example.com/x.png']]);
  await bare.page.context().close();
  const guarded = await open(file);
  assert.equal(guarded.routed, [], "the page's Content-Security-Policy stops the request before it leaves");
  await guarded.page.context().close();
});

report("a template display name made of markup is shown as text and never runs, even without the page's CSP", async () => {
  const folder = await tempDir('pkilab-xss-');
  const name = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
  const scenario = join(folder, 'xss.yaml');
  const yaml = `scenario: xss\nprocedures:\n  - procedure: iis-web-server-certificate\n    steps:\n      name-template: { displayName: '${name}' }\n`;
  await writeFile(scenario, yaml);
  assert.is((await cli('run', scenario, '--out', join(folder, 'lab'), '--json')).code, 0);
  const file = await written(join(folder, 'lab', 'lab.jsonl'));
  assert.not.match(await readFile(file, 'utf8'), '<script>window.pwned');
  const { page, asked, errors } = await open(file, { bypassCSP: true });
  assert.equal(asked, []);
  assert.equal(errors, []);
  assert.is(await page.evaluate(() => (window as { pwned?: number }).pwned), undefined);
  assert.is(await page.locator('script, img').count(), 0);
  assert.match(await page.locator('body').innerText(), name);
  await page.context().close();
});

report('refuses to replace a file without --force, replaces it whole with --force, and leaves the lab as it was', async () => {
  const out = await written(noRestartLog);
  const before = { log: await stat(noRestartLog), files: await readdir(noRestart.out, { recursive: true }) };
  await writeFile(out, 'mine');
  const refused = await cli('report', noRestartLog, '--html', out);
  assert.is(refused.code, 2);
  assert.match(refused.err, 'already exists; choose another name, or add --force to replace it');
  assert.is(await readFile(out, 'utf8'), 'mine');
  assert.is((await cli('report', noRestartLog, '--html', out, '--force')).code, 0);
  assert.match(await readFile(out, 'utf8'), /^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  assert.equal(await readdir(join(out, '..')), ['report.html'], 'no temporary file left beside it');
  assert.is((await stat(noRestartLog)).mtimeMs, before.log.mtimeMs);
  assert.equal(await readdir(noRestart.out, { recursive: true }), before.files);
});

report('reports an exported bundle as it reports its log', async () => {
  const bundle = join(await tempDir('pkilab-bundle-'), 'lab.json');
  assert.is((await cli('travel', noRestartLog, 'export', bundle, '--without-keys')).code, 0);
  const { page, asked } = await open(await written(bundle));
  assert.equal(asked, []);
  assert.match(await page.locator('header').innerText(), /49 events|\d+ events/);
  assert.match(await page.locator('#findings').innerText(), 'OP-PENDING-RESTART');
  await page.context().close();
});

report('says what it expected for a missing --html or lab, with exit 2', async () => {
  const none = await cli('report', noRestartLog);
  assert.is(none.code, 2);
  assert.match(none.err, 'expected --html OUT');
  const missing = await cli('report', '--html', '/tmp/x.html');
  assert.is(missing.code, 2);
  assert.match(missing.err, 'expected one lab');
});

report.run();
