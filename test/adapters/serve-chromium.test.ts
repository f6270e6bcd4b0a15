import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../support/cli.ts';
import { servedLab, tool } from '../support/served.ts';

/**
 * Debian's Chromium (never a downloaded browser), headless, driven by playwright-core, against `pkilab serve`.
 * The lab CA is trusted the way a person would on Linux: imported with certutil into the NSS database of a
 * temporary HOME, which Chromium reads at start.
 */
const browser = suite('pkilab serve in Chromium, with the lab CA trusted through NSS');
const sha256 = await servedLab('scenarios/ca-ksp-sha256.yaml');
const sha1 = await servedLab('scenarios/iis-web-server-certificate.yaml');
const home = await tempDir('pkilab-chromium-home-');
const nssdb = `sql:${join(home, '.pki', 'nssdb')}`;
await mkdir(join(home, '.pki', 'nssdb'), { recursive: true });
for (const [args, what] of [
  [['-N', '--empty-password'], 'create the NSS database'],
  [['-A', '-t', 'C,,', '-n', 'pkilab lab KSP SHA-256', '-i', sha256.caPem], 'trust the SHA-256 lab CA'],
  [['-A', '-t', 'C,,', '-n', 'pkilab lab 2008 defaults', '-i', sha1.caPem], 'trust the SHA-1 lab CA'],
] as const) {
  const result = await tool('certutil', ['-d', nssdb, ...args]);
  if (result.code !== 0) throw new Error(`certutil could not ${what}: ${result.stderr}`);
}

const rules = [
  `MAP server1.internal.contoso.com 127.0.0.1:${sha256.httpsPort}`,
  `MAP intruder.contoso.com 127.0.0.1:${sha256.httpsPort}`,
  `MAP server.contoso.com 127.0.0.1:${sha1.httpsPort}`,
].join(', ');
let chrome: Browser;

browser.before(async () => {
  chrome = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, HOME: home },
    args: [`--host-resolver-rules=${rules}`],
  });
});

const visit = async (url: string): Promise<{ title?: string; error?: string }> => {
  const page = await chrome.newPage();
  try {
    const response = await page.goto(url);
    return { title: response?.ok() ? await page.title() : `HTTP ${response?.status()}` };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] };
  } finally {
    await page.close();
  }
};

browser("the SHA-256 lab's page loads under the name in its certificate, with the lab CA trusted", async () => {
  const { title, error } = await visit('https://server1.internal.contoso.com/');
  assert.is(error, undefined);
  assert.is(title, 'IIS: SERVER1 Default Web Site');
});

browser('a name not in the certificate fails with ERR_CERT_COMMON_NAME_INVALID', async () => {
  const { error } = await visit('https://intruder.contoso.com/');
  assert.match(error ?? '', /net::ERR_CERT_COMMON_NAME_INVALID/);
});

browser("the default 2008 lab's SHA-1 certificate is refused although its CA is trusted (ERR_CERT_INVALID today)", async () => {
  const { error } = await visit('https://server.contoso.com/');
  // Chromium dropped SHA-1 verification altogether; versions before that said ERR_CERT_WEAK_SIGNATURE_ALGORITHM.
  assert.match(error ?? '', /net::ERR_CERT_(INVALID|WEAK_SIGNATURE_ALGORITHM)/, String(error));
});

browser.after(async () => {
  await chrome?.close();
  await sha256.running.close();
  await sha1.running.close();
});

browser.run();
