import { createInterface } from 'node:readline';
import { reportFailure } from './errors.ts';
import { createSession, travelHelp, type TravelSession } from '../travel/session.ts';
import { TravelError } from '../travel/source.ts';
import { storeOption } from '../postgres/lab-store.ts';
import { followTravel, openTravelSource, storeWords, untilInterrupted } from '../postgres/travel.ts';
import type { Io } from './run.ts';

export const travelUsage = `Usage: pkilab travel <lab.jsonl | exported.json> [COMMAND ...] [--json]
       pkilab travel <LAB> --store postgres://… [COMMAND ...] [--json]   a lab in a store (or PKILAB_STORE)
       pkilab travel <LAB> --store postgres://… --follow   print its events, then each append as it lands

Time-travel through a lab log. With a COMMAND, runs it once and exits; without one, opens a prompt
(one command a line, on a terminal or from standard input) with a cursor that starts at the end.

Commands:
  ${travelHelp.join('\n  ')}

Examples:
  pkilab travel .pkilab/iis-no-restart/lab.jsonl log
  pkilab travel .pkilab/iis-no-restart/lab.jsonl bisect OP-PENDING-RESTART
  pkilab travel .pkilab/iis-no-restart/lab.jsonl what-if change restart '{"computer":"SERVER1"}'
  pkilab travel .pkilab/iis-no-restart/lab.jsonl why "ConfigMgr Web Server Certificate" --json
  pkilab travel .pkilab/seed-deployment/lab.jsonl diff 39 41 --json
  pkilab travel .pkilab/iis-no-restart/lab.jsonl export /tmp/broken-lab.json --force
  echo 'goto 10' | pkilab travel .pkilab/iis-no-restart/lab.jsonl --json

At the prompt a line is split into words as a shell splits it (quotes, backslashes); from a pipe no
prompt is printed, and with --json each command prints one line of JSON (JSON Lines). Every --json
output has "command" and uses one shape for events, rejections and changes (see the README).

Exit codes: 0 done, 2 bad input (at a piped prompt: a command failed).
`;

/** One command's output: its lines, or its JSON (indented for one command; one line each at the prompt, JSON Lines). */
const print = (io: Io, json: boolean, indent?: number) => (out: { lines: string[]; json: unknown }) =>
  io.out(json ? JSON.stringify(out.json, null, indent) : out.lines.join('\n'));

/**
 * The prompt: one command a line. On a terminal it shows `travel @cursor/events>`; from a pipe it prints no
 * prompt at all, so the output is only the commands' (JSON Lines with --json). Exit 2 if a piped command failed.
 */
const prompt = async (session: TravelSession, io: Io, json: boolean): Promise<number> => {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, terminal: true } : { terminal: false }) });
  const show = () => {
    if (!interactive) return;
    rl.setPrompt(`travel @${session.cursor}/${session.timeline.events.length}> `);
    rl.prompt();
  };
  let failed = false;
  show();
  for await (const line of rl) {
    const command = line.trim();
    if (command === 'quit' || command === 'exit') break;
    if (command) {
      try {
        print(io, json)(await session.run(command));
      } catch (error) {
        reportFailure(io, 'travel', error, json);
        failed = true;
      }
    }
    show();
  }
  rl.close();
  return failed && !interactive ? 2 : 0;
};

/** `pkilab travel`: one-shot commands, or a prompt when none is given. */
export const travelCommand = async (args: string[], io: Io): Promise<number> => {
  if (args.includes('--help') || args.includes('-h')) return (io.out(travelUsage), 0);
  const json = args.includes('--json');
  const words = storeWords(args.filter((a) => a !== '--json'));
  const [path, ...command] = words.rest;
  if (!path) return (io.err(`pkilab travel: expected a lab log or an exported lab, found nothing.\n\n${travelUsage}`), 2);
  try {
    if (/^--?[^-]/.test(path)) throw new TravelError(`unknown option ${path}; expected --json, --store VALUE, --follow or --help`);
    if (words.follow && (command.length > 0 || json)) {
      const found = JSON.stringify([...command, ...(json ? ['--json'] : [])].join(' '));
      throw new TravelError(`--follow prints events as they land and takes no COMMAND or --json, found ${found}`);
    }
    if (words.follow) return await followTravel(path, storeOption(words.store), io.out, untilInterrupted(), (w) => io.err(`warning: ${w}`));
    const session = createSession(await openTravelSource(path, storeOption(words.store), (w) => io.err(`warning: ${w}`)), (w) =>
      io.err(`warning: ${w}`),
    );
    if (command.length === 0) return prompt(session, io, json);
    print(io, json, 2)(await session.runWords(command));
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return reportFailure(io, 'travel', new TravelError(`no file at ${(error as NodeJS.ErrnoException).path ?? path}`), json);
    return reportFailure(io, 'travel', error, json);
  }
};
