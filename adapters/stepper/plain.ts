import { createInterface } from 'node:readline';
import type { Io } from '../io.ts';
import type { Stepper } from './controller.ts';
import { plainKeys, runCommand, type Pending } from './plain-commands.ts';
import { viewLines } from './text.ts';

/** The non-interactive stepper: the screen as text, one command a line on standard input, an error for every bad one. */
export const runPlain = async (stepper: Stepper, io: Io): Promise<number> => {
  const render = () => io.out([...viewLines(stepper.view()), plainKeys].join('\n'));
  const refuse = (text: string) => io.err(`✗ ${text}`);
  let pending: Pending | undefined;
  render();
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const raw of rl) {
    const line = raw.trim();
    if (pending) {
      const answer = pending.answers[line.toLowerCase()];
      pending = undefined;
      if (!answer) io.out('kept as it was');
      else await answer().then(render, (e: Error) => refuse(e.message));
      continue;
    }
    let after;
    try {
      after = await runCommand(stepper, io, line);
    } catch (error) {
      refuse((error as Error).message);
      continue;
    }
    if (after === 'quit') break;
    if (after === 'render') render();
    else if (after !== 'quiet') {
      pending = after;
      io.out(pending.question);
    }
  }
  rl.close();
  return 0;
};
