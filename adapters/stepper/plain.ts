import { createInterface } from 'node:readline';
import { procedures } from '../../workflows/index.ts';
import type { Io } from '../cli/run.ts';
import type { Stepper } from './controller.ts';
import { viewLines } from './text.ts';

const plainKeys = 'number: take that choice · b [N]: back N steps · f [N]: back on a fork · e: explain · s [FILE]: save · q: quit';

/** The non-interactive fallback: the screen as text, one command a line on standard input. */
export const runPlain = async (stepper: Stepper, io: Io): Promise<number> => {
  const render = () => io.out([...viewLines(stepper.view()), plainKeys].join('\n'));
  render();
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const raw of rl) {
    const [command = '', argument] = raw.trim().split(/\s+/);
    const view = stepper.view();
    if (command === 'q') break;
    if (/^\d+$/.test(command)) {
      const n = Number(command) - 1;
      if (!view.procedure) await stepper.choose(procedures[n]?.id ?? '');
      else await stepper.take(n);
    } else if (command === 'b' || command === 'f') await stepper.back(Number(argument ?? 1), command === 'b' ? 'truncate' : 'fork');
    else if (command === 'e') io.out(stepper.explain().join('\n'));
    else if (command === 's') io.out(`saved ${await stepper.save(argument)}`);
    else if (command) io.err(`unknown command "${command}"; ${plainKeys}`);
    render();
  }
  rl.close();
  return 0;
};
