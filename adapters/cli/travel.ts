import { createInterface } from 'node:readline';
import { reportFailure } from './errors.ts';
import { createSession, travelHelp, type TravelSession } from '../travel/session.ts';
import { openSourceInChunks, TravelError } from '../travel/source.ts';
import type { ChunkedLog } from '../eventstore/jsonl-chunks.ts';
import type { ProgressSink } from './progress.ts';
import type { Io } from './run.ts';
import { readingProgress } from './travel-progress.ts';

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

A log on disk is read and checked in chunks: a command answers once the events it needs are checked, saying
so while the rest is still being checked, and the rest is checked after it. On a terminal standard error shows
"checking the log: N% (…)" meanwhile (PKILAB_PROGRESS=1 draws it even when piped; never with --json).

Exit codes: 0 done, 2 bad input, or a damaged line found further on (at a piped prompt: a command failed).
`;

/** One command's output: its lines, or its JSON (indented for one command; one line each at the prompt, JSON Lines). */
const print = (io: Io, json: boolean, indent?: number) => (out: { lines: string[]; json: unknown }) =>
  io.out(json ? JSON.stringify(out.json, null, indent) : out.lines.join('\n'));

type Progress = ReturnType<typeof readingProgress>;

/**
 * The PostgreSQL side of travel (a lab in a store, --follow), loaded only when a command line uses it: a log on disk
 * opens without loading the database client.
 */
const postgres = () => import('../postgres/travel.ts');
const storeOption = async (store: string | undefined) => (await import('../postgres/lab-store.ts')).storeOption(store);
const isStoreWord = (word: string) => word === '--store' || word === '--follow' || word.startsWith('--store=');

/** The prompt's lines: from the terminal (with line editing) when both ends are one, else read plainly from stdin. */
const promptInterface = () => {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, terminal: true } : { terminal: false }) });
  return { rl, interactive };
};

/** One prompt line run: its answer printed, or its error reported; 'broken' when the error is the log's own (reported once, at the end). */
const runLine = async (
  session: TravelSession,
  command: string,
  to: { io: Io; json: boolean; progress: Progress },
  isBroken: (error: unknown) => boolean,
): Promise<'done' | 'failed' | 'broken'> => {
  to.progress.resume();
  try {
    const answer = await session.run(command);
    to.progress.clear();
    print(to.io, to.json)(answer);
    return 'done';
  } catch (error) {
    to.progress.clear();
    if (isBroken(error)) return 'broken';
    reportFailure(to.io, 'travel', error, to.json);
    return 'failed';
  }
};

/**
 * The prompt: one command a line. On a terminal it shows `travel @cursor/events>` (`events+` while the rest of the
 * log is still being checked); from a pipe it prints no prompt at all, so the output is only the commands' (JSON
 * Lines with --json). Exit 2 if a piped command failed, or if the log turned out damaged further on: that error is
 * reported once, when it is reached, and ends the prompt.
 */
const prompt = async (session: TravelSession, io: Io, json: boolean, progress: Progress, reading?: ChunkedLog): Promise<number> => {
  const { rl, interactive } = promptInterface();
  const done = reading ? reading.done : Promise.resolve();
  let broken: { error: unknown } | undefined;
  let quit = false;
  done.catch((error) => {
    if (quit) return;
    broken = { error };
    rl.close();
  });
  const show = () => {
    progress.pause();
    if (!interactive || broken) return;
    rl.setPrompt(`travel @${session.cursor}/${session.timeline.events.length}${session.reading ? '+' : ''}> `);
    rl.prompt();
  };
  let failed = false;
  show();
  for await (const line of rl) {
    const command = line.trim();
    if (command === 'quit' || command === 'exit') break;
    const result = command ? await runLine(session, command, { io, json, progress }, (error) => broken?.error === error) : 'done';
    if (result === 'broken') break;
    failed ||= result === 'failed';
    show();
  }
  rl.close();
  // Someone at a terminal who quits is done with the log; from a pipe the rest is checked before the exit code.
  quit = interactive && !broken;
  if (quit) reading?.stop();
  await done.catch(() => undefined);
  if (broken) return reportFailure(io, 'travel', broken.error, json);
  return failed && !interactive ? 2 : 0;
};

/** Bytes read at a time from a JSONL log; PKILAB_READ_CHUNK_BYTES makes them fewer (the tests read a small log in many chunks). */
const chunkBytes = (): number | undefined => {
  const n = Number(process.env.PKILAB_READ_CHUNK_BYTES);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The indicator's sink: stderr when it is a terminal (or PKILAB_PROGRESS=1 says to draw anyway); nothing with --json. */
const progressSink = (json: boolean): ProgressSink =>
  json
    ? { write: () => true }
    : {
        isTTY: Boolean(process.stderr.isTTY) || process.env.PKILAB_PROGRESS === '1',
        columns: process.stderr.columns,
        write: (text) => process.stderr.write(text),
      };

/**
 * Opens the lab and answers: one command, or a prompt. A log on disk is read in chunks, so the first answer comes
 * once the events it needs are checked; the rest is checked after it (exit 2 if that finds the log damaged).
 */
const answer = async (
  path: string,
  command: string[],
  options: { io: Io; json: boolean; store: string | undefined; progress: Progress; warn: (w: string) => void },
): Promise<number> => {
  const { io, json, progress, warn } = options;
  const source = path.endsWith('.jsonl')
    ? await openSourceInChunks(path, warn, chunkBytes())
    : await (await postgres()).openTravelSource(path, await storeOption(options.store), warn);
  progress.follow(source.reading);
  const session = createSession(source, warn);
  if (command.length === 0) return prompt(session, io, json, progress, source.reading);
  let out: Awaited<ReturnType<TravelSession['runWords']>>;
  try {
    out = await session.runWords(command);
  } catch (error) {
    source.reading?.stop(); // the command failed: the exit code is known, the rest need not be read
    throw error;
  }
  progress.clear();
  print(io, json, 2)(out);
  progress.resume();
  await source.reading?.done;
  return 0;
};

/** `pkilab travel`: one-shot commands, or a prompt when none is given. */
export const travelCommand = async (args: string[], io: Io): Promise<number> => {
  if (args.includes('--help') || args.includes('-h')) return (io.out(travelUsage), 0);
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const words = rest.some(isStoreWord) ? (await postgres()).storeWords(rest) : { rest, follow: false, store: undefined };
  const [path, ...command] = words.rest;
  if (!path) return (io.err(`pkilab travel: expected a lab log or an exported lab, found nothing.\n\n${travelUsage}`), 2);
  const progress = readingProgress(progressSink(json));
  const warn = (w: string) => {
    progress.clear();
    io.err(`warning: ${w}`);
  };
  try {
    if (/^--?[^-]/.test(path)) throw new TravelError(`unknown option ${path}; expected --json, --store VALUE, --follow or --help`);
    if (words.follow && (command.length > 0 || json)) {
      const found = JSON.stringify([...command, ...(json ? ['--json'] : [])].join(' '));
      throw new TravelError(`--follow prints events as they land and takes no COMMAND or --json, found ${found}`);
    }
    if (words.follow) {
      const { followTravel, untilInterrupted } = await postgres();
      return await followTravel(path, await storeOption(words.store), io.out, untilInterrupted(), warn);
    }
    return await answer(path, command, { io, json, store: words.store, progress, warn });
  } catch (error) {
    progress.pause();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return reportFailure(io, 'travel', new TravelError(`no file at ${(error as NodeJS.ErrnoException).path ?? path}`), json);
    return reportFailure(io, 'travel', error, json);
  }
};
