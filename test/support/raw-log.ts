// What a run acknowledged on stdout, and a lab log read line by line without pkilab's own reader.
import { readFile } from 'node:fs/promises';

/** A step a run printed as taken: it printed the line only after the step's append returned. */
export interface PrintedStep {
  readonly procedure: string;
  readonly title: string;
  readonly outcome: 'done' | 'skipped' | 'rejected';
  readonly time: string;
}

/**
 * The steps a `pkilab run` (text output, one scenario) printed, from complete lines only (a run killed
 * mid-write may leave a partial last line). "Not reached" steps were never taken and are left out.
 */
export const printedSteps = (stdout: string): PrintedStep[] => {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n');
  const steps: PrintedStep[] = [];
  let procedure = '';
  for (const line of complete) {
    if (/^(Findings \(|Expectations:|PASS:|FAIL:)/.test(line)) break;
    const header = line.match(/^ {2}([a-z0-9][a-z0-9-]*)$/);
    if (header) {
      procedure = header[1]!;
      continue;
    }
    const step = line.match(/^ {2}([✓–✗]) (\d\d:\d\d) {2}(.+?)( \(skipped\))?$/u);
    if (step)
      steps.push({
        procedure,
        title: step[3]!,
        time: step[2]!,
        outcome: step[1] === '✓' ? 'done' : step[1] === '✗' ? 'rejected' : 'skipped',
      });
  }
  return steps;
};

/** The input events of a lab log as `pkilab travel LOG log --json` lists them: `step` is "procedure › step-id". */
export interface LoggedAction {
  readonly position: number;
  readonly procedure: string;
  readonly step: string;
}

export const actionsOfTravelLog = (json: string): LoggedAction[] =>
  (JSON.parse(json) as { events: Array<{ position: number; type: string; procedure: string | null; step: string | null }> }).events
    .filter((e) => e.type === 'ActionTaken')
    .map((e) => ({ position: e.position, procedure: e.procedure ?? '', step: e.step ?? '' }));

let titles: Map<string, string> | undefined;
/** Step titles by "procedure/step-id", from the catalog pkilab itself uses. */
export const stepTitles = async (): Promise<Map<string, string>> => {
  if (titles) return titles;
  const { procedures } = await import('../../workflows/index.ts');
  titles = new Map(procedures.flatMap((p) => p.steps.map((s) => [`${p.id}/${s.id}`, s.title] as const)));
  return titles;
};

/**
 * The acknowledged steps missing from a log: the printed steps must be, in order, the first ActionTaken
 * entries of the log (the log may hold more: steps whose line the run did not get to print).
 */
export const lostSteps = async (printed: readonly PrintedStep[], logged: readonly LoggedAction[]): Promise<PrintedStep[]> => {
  const names = await stepTitles();
  let i = 0;
  for (; i < printed.length && i < logged.length; i += 1) {
    const p = printed[i]!;
    const l = logged[i]!;
    if (p.procedure !== l.procedure || p.title !== names.get(`${l.procedure}/${l.step}`)) break;
  }
  return printed.slice(i);
};

// ————————————————————————————————————————————— the log, read without pkilab's reader

export interface RawLog {
  readonly exists: boolean;
  /** Complete lines, parsed. */
  readonly events: ReadonlyArray<{ type: string; position: number; data?: Record<string, unknown>; at?: string }>;
  /** Bytes after the last newline (an append cut short). */
  readonly tornBytes: number;
  /** Complete lines that are not JSON, or positions that do not count 1, 2, 3… */
  readonly problems: readonly string[];
  /** The complete lines as written, to compare a log before and after a resume. */
  readonly lines: readonly string[];
}

/** Reads a lab log line by line, independently of pkilab's reader: the harness's own opinion of the file. */
export const readRawLog = async (path: string): Promise<RawLog> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, events: [], tornBytes: 0, problems: [], lines: [] };
    throw error;
  }
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').slice(0, -1);
  const problems: string[] = [];
  const events: RawLog['events'][number][] = [];
  lines.forEach((line, i) => {
    try {
      const event = JSON.parse(line) as RawLog['events'][number];
      if (event.position !== i + 1) problems.push(`${path}:${i + 1}: position ${event.position}, expected ${i + 1}`);
      events.push(event);
    } catch {
      problems.push(`${path}:${i + 1}: not JSON: ${line.slice(0, 80)}`);
    }
  });
  return { exists: true, events, tornBytes: Buffer.byteLength(text.slice(end)), problems, lines };
};

export const actionsOfRawLog = (log: RawLog): LoggedAction[] =>
  log.events
    .filter((e) => e.type === 'ActionTaken')
    .map((e) => ({ position: e.position, procedure: String(e.data?.procedure ?? ''), step: String(e.data?.step ?? '') }));

/** The procedure a lab was in last (the last one started), to continue it. */
export const lastProcedureOf = (log: RawLog): string | undefined =>
  [...log.events].reverse().find((e) => e.type === 'ProcedureStarted')?.data?.procedure as string | undefined;
