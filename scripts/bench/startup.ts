// `pkilab --help` beside `node -e 0`, both as fresh processes, from the build npm ci makes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JavaScript modules without declarations
import { buildCli } from '../build.mjs';
// @ts-expect-error see above
import { freshEntry } from '../../bin/build-state.mjs';
import { figure, header, ratios, repeat, timed, type BenchSection } from './measure.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const spawnMs = async (args: string[]) => (await timed(() => spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' })))[1];

export const section: BenchSection = {
  name: 'startup',
  title: 'start: pkilab --help',
  order: 10,
  async run(context) {
    const failed = (error: Error) => context.out(`  (the build failed, so pkilab runs from the sources: ${error.message.split('\n')[0]})`);
    if (!freshEntry(root)) await buildCli().catch(failed);
    const from = freshEntry(root) ? 'the build in dist/' : 'the sources (build failed)';
    header(context, this.title, `a fresh process each time, 5 per run, from ${from}`);
    const results = await repeat(context.runs, async () => {
      const pkilab: number[] = [];
      const node: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        node.push(await spawnMs(['-e', '0']));
        pkilab.push(await spawnMs(['bin/pkilab.mjs', '--help']));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
      return { pkilab: median(pkilab), node: median(node) };
    });
    context.out(
      figure(
        'pkilab --help',
        results.map((r) => r.pkilab),
        'ms',
        { target: '≤ 300 ms' },
      ),
    );
    context.out(
      figure(
        'baseline node -e 0',
        results.map((r) => r.node),
        'ms',
      ),
    );
    context.out(
      ratios(
        'ratio pkilab / node',
        results.map((r) => r.pkilab),
        results.map((r) => r.node),
      ),
    );
  },
};
