import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cli } from './cli.ts';
import { repoRoot, type Running, startPkilab } from './processes.ts';

/** A `pkilab studio` process on a free port, with the address and token it printed. */
export interface Studio {
  readonly running: Running;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly token: string;
  /** The address it printed: base/?token=… */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the real `pkilab studio PATH --port 0` and reads the address it prints; fails with its stderr when it does not. */
export const startStudio = async (path: string, ...args: string[]): Promise<Studio> => {
  const running = startPkilab(['studio', path, '--port', '0', ...args], { timeoutMs: 900_000 });
  const printed = /pkilab studio: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/;
  if (!(await running.until(printed, 60_000))) {
    running.kill('SIGKILL');
    throw new Error(`pkilab studio printed no address: ${running.out()}${running.err()}`);
  }
  const [, base, token] = running.out().match(printed)!;
  return {
    running,
    base: base!,
    token: token!,
    url: `${base}/?token=${token}`,
    async stop() {
      running.kill('SIGINT');
      await running.finished;
    },
  };
};

/**
 * Runs pkilab to its end through the CLI's main in this process (the labs a page test reads, and its checks of a
 * lab; the studio under test is the real process), failing with its output when it exits otherwise than as expected.
 */
export const pkilabOk = async (args: string[], codes = [0]): Promise<string> => {
  const result = await cli(...args);
  if (!codes.includes(result.code)) throw new Error(`pkilab ${args.join(' ')} exited ${result.code}: ${result.err}${result.out}`);
  return result.out;
};

/** Debian's Chromium, headless (never a downloaded browser). */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });

/** A page the size of a projector's picture, logged in with the studio's address (token in the URL, then the cookie). */
export const openStudioPage = async (browser: Browser, studio: Studio): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(studio.url);
  await page.getByRole('combobox', { name: 'Lab', exact: true }).waitFor();
  return page;
};

/** Where screenshots go: the README's docs/screenshots when PKILAB_SCREENSHOTS=1, else a folder of this run's own. */
let folder: Promise<string> | undefined;
const screenshotFolder = (): Promise<string> =>
  (folder ??=
    process.env.PKILAB_SCREENSHOTS === '1'
      ? mkdir(join(repoRoot, 'docs', 'screenshots'), { recursive: true }).then(() => join(repoRoot, 'docs', 'screenshots'))
      : mkdtemp(join(tmpdir(), 'pkilab-screenshots-')));

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Saves the page as NAME.png — into docs/screenshots (the README's Studio section shows them) only when
 * PKILAB_SCREENSHOTS=1, so a plain test run leaves the tracked pictures alone — and fails unless a PNG was written.
 */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  const path = join(await screenshotFolder(), `${name}.png`);
  await page.screenshot({ path });
  const written = await readFile(path);
  if (written.length < 1000 || !written.subarray(0, 8).equals(png)) {
    throw new Error(`screenshot ${name}: expected a PNG at ${path}, found ${written.length} bytes that are not one`);
  }
  return path;
};

/** Chooses a lab in the page's lab selector by its name. */
export const chooseLab = async (page: Page, name: string): Promise<void> => {
  const select = page.getByRole('combobox', { name: 'Lab', exact: true });
  const option = select.locator('option', { hasText: new RegExp(`^${name} \\(`) });
  await select.selectOption((await option.getAttribute('value'))!);
};

/** The cursor's position as the header shows it. */
export const cursorOf = async (page: Page): Promise<number> =>
  Number((await page.getByLabel('Cursor').textContent())?.match(/position (\d+)/)?.[1]);
