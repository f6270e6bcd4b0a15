// The studio page on the benchmark's large lab: Chromium (Debian's) against `pkilab studio`, the cursor moved to
// random positions through the address (#at=N), timing each until the world at that position is on the page
// (measured in the page: from the move to the frame after the world view for N is in the document). Beside it,
// the same answer fetched by the page without drawing it (the server's share).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatLine } from '../../adapters/eventstore/jsonl-format.ts';
import { largeLog } from '../../test/support/large-log.ts';
import { launchChromium, openStudioPage, startStudio } from '../../test/support/studio-page.ts';
import { computers, passes } from './lab-log.ts';
import { type BenchContext, type BenchSection, figure, fmt, header, ratios, repeat, type Spread, spread } from './measure.ts';

const jumpsPerRun = Number(process.env.BENCH_STUDIO_JUMPS ?? 40);

// The code run in the page is text: tsx's transform would add helpers (__name) a function carried across does not have.
/** In the page: moves the cursor to n and resolves to the milliseconds until the world after n is drawn. */
const worldShown = (n: number) => `new Promise((resolve) => {
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.world[data-position="${n}"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - started));
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  window.location.hash = 'at=${n}';
})`;

/** In the page: the same world fetched and parsed, not drawn. */
const worldFetched = (lab: string, n: number) =>
  `(async () => { const started = performance.now(); await (await fetch('/api/labs/${lab}/world?at=${n}')).json(); return performance.now() - started; })()`;

const writeLog = (dir: string, events: Awaited<ReturnType<typeof largeLog>>) => {
  let chain = 0;
  const log = join(dir, 'lab.jsonl');
  const lines = events.map((e) => {
    const line = formatLine(e, chain);
    chain = line.chain;
    return line.line;
  });
  writeFileSync(log, lines.join(''));
  return log;
};

let seed = 20_261_126;
/** A repeatable pseudo-random number in [0, 1) (the same positions on every machine). */
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

/** One run: random positions, each fetched (the server's share), then the next position shown. */
const jumps = async (page: Page, lab: string, total: number) => {
  const shown: number[] = [];
  const fetched: number[] = [];
  for (let i = 0; i < jumpsPerRun; i += 1) {
    const n = 1 + Math.floor(random() * total);
    fetched.push((await page.evaluate(worldFetched(lab, n))) as number);
    shown.push((await page.evaluate(worldShown((n % total) + 1))) as number);
  }
  return { shown: spread(shown), fetched: spread(fetched) };
};

type Runs = Array<Awaited<ReturnType<typeof jumps>>>;
const report = (context: BenchContext, runs: Runs) => {
  const p50 = (pick: (r: Runs[number]) => Spread) => runs.map((r) => pick(r).median);
  const p99 = (pick: (r: Runs[number]) => Spread) => runs.map((r) => pick(r).p99);
  context.out(
    figure(
      'world shown, p50',
      p50((r) => r.shown),
      'ms',
    ),
  );
  context.out(
    figure(
      'world shown, p99',
      p99((r) => r.shown),
      'ms',
      { target: '< 300 ms' },
    ),
  );
  context.out(
    figure(
      'baseline: the world fetched, not drawn, p50',
      p50((r) => r.fetched),
      'ms',
    ),
  );
  context.out(
    figure(
      'baseline: the world fetched, not drawn, p99',
      p99((r) => r.fetched),
      'ms',
    ),
  );
  context.out(
    ratios(
      'ratio shown / fetched, p50',
      p50((r) => r.shown),
      p50((r) => r.fetched),
    ),
  );
};

export const section: BenchSection = {
  name: 'studio',
  title: 'studio page: the world shown at random positions',
  order: 60,
  async run(context) {
    const events = await largeLog(computers, passes);
    const dir = mkdtempSync(join(tmpdir(), 'pkilab-bench-studio-'));
    const studio = await startStudio(writeLog(dir, events));
    const browser = await launchChromium();
    try {
      header(context, this.title, `${fmt(events.length)} events, ${jumpsPerRun} jumps a run, Chromium headless`);
      const page = await openStudioPage(browser, studio);
      await page.locator('.world').waitFor({ timeout: 600_000 });
      const lab = await page.getByRole('combobox', { name: 'Lab', exact: true }).inputValue();
      const runs = await repeat(context.runs, () => jumps(page, lab, events.length)).catch((error: Error) => {
        throw new Error(`studio bench: ${error.message.split('\n')[0]}; the studio said: ${studio.running.err().slice(-800) || 'nothing'}`);
      });
      report(context, runs);
    } finally {
      await browser.close();
      await studio.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
