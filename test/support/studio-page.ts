import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { pkilab, repoRoot, type Running, startPkilab } from './processes.ts';

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

/** Runs pkilab to its end, failing with its output when it exits otherwise than as expected. */
export const pkilabOk = async (args: string[], codes = [0]): Promise<string> => {
  const result = await pkilab(args, { timeoutMs: 300_000 });
  if (!codes.includes(result.code ?? -1)) throw new Error(`pkilab ${args.join(' ')} exited ${result.code}: ${result.err}${result.out}`);
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

const screenshots = join(repoRoot, 'docs', 'screenshots');

/** Saves the page as docs/screenshots/NAME.png (the README's Studio section shows them). */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
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
