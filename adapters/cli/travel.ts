import { createInterface } from 'node:readline';
import { reportFailure } from './errors.ts';
import { createSession, travelHelp, type TravelSession } from '../travel/session.ts';
import { openSource, TravelError } from '../travel/source.ts';
import type { Io } from './run.ts';

export const travelUsage = `Usage: pkilab travel <lab.jsonl | exported.json> [COMMAND ...] [--json]

Time-travel through a lab log. With a COMMAND, runs it once and exits; without one, opens a prompt
(one command a line, on a terminal or from standard input) with a cursor that starts at the end.

Commands:
  ${travelHelp.join('\n  ')}

Examples:
  pkilab travel .pkilab/iis-no-restart/lab.jsonl log
  pkilab travel .pkilab/iis-no-restart/lab.jsonl bisect OP-PENDING-RESTART
  pkilab travel .pkilab/iis-no-restart/lab.jsonl what-if change 38 '{"computer":"SERVER1"}'
  pkilab travel .pkilab/seed-deployment/lab.jsonl diff 39 41 --json
  pkilab travel .pkilab/iis-no-restart/lab.jsonl export broken-lab.json

Exit codes: 0 done, 2 bad input.
`;

const print = (io: Io, json: boolean) => (out: { lines: string[]; json: unknown }) => io.out(json ? JSON.stringify(out.json, null, 2) : out.lines.join('\n'));

const prompt = async (session: TravelSession, io: Io, json: boolean): Promise<number> => {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
  const show = () => rl.setPrompt(`travel @${session.cursor}/${session.timeline.events.length}> `);
  show();
  rl.prompt();
  for await (const line of rl) {
    const command = line.trim();
    if (command === 'quit' || command === 'exit') break;
    if (command) {
      try {
        print(io, json)(await session.run(command));
      } catch (error) {
        reportFailure(io, 'travel', error, json);
      }
    }
    show();
    rl.prompt();
  }
  rl.close();
  return 0;
};

/** `pkilab travel`: one-shot commands, or a prompt when none is given. */
export const travelCommand = async (args: string[], io: Io): Promise<number> => {
  if (args.includes('--help') || args.includes('-h')) return io.out(travelUsage), 0;
  const json = args.includes('--json');
  const [path, ...command] = args.filter((a) => a !== '--json');
  if (!path) return io.err(`pkilab travel: expected a lab log or an exported lab, found nothing.\n\n${travelUsage}`), 2;
  try {
    const session = createSession(await openSource(path, (w) => io.err(`warning: ${w}`)), (w) => io.err(`warning: ${w}`));
    if (command.length === 0) return prompt(session, io, json);
    print(io, json)(await session.run(command.map((c) => (/\s/.test(c) ? c : c)).join(' ')));
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reportFailure(io, 'travel', new TravelError(`no file at ${(error as NodeJS.ErrnoException).path ?? path}`), json);
    return reportFailure(io, 'travel', error, json);
  }
};
