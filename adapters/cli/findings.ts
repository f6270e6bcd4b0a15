import { basename, dirname } from 'node:path';
import { evaluateFindings, severities, severityRank, type Finding, type Severity } from '../../domain/index.ts';
import { didYouMean } from '../../workflows/index.ts';
import { findingJson } from '../json-shapes.ts';
import { parseOptions, usageFailure } from './args.ts';
import { fold } from '../../projections/index.ts';
import { jsonlEventStore } from '../eventstore/jsonl.ts';
import { readLabEvents, storeOption } from '../postgres/lab-store.ts';
import { findingsHelp } from './help.ts';
import { findingsCsv } from '../report/csv.ts';
import { findingLines } from './report.ts';
import type { Io } from './run.ts';
import { reportFailure } from './errors.ts';

/** Bad input to `pkilab findings`: exit 2. */
class FindingsInputError extends Error {
  readonly code = 'FINDINGS_INPUT';
}

/** What is wrong with the command line beyond its options' syntax, if anything: the lab, --format, --fail-on. */
const inputRefusal = (
  log: string | undefined,
  extra: readonly string[],
  store: string | undefined,
  values: { format: string; json: boolean; failOn?: string },
): FindingsInputError | undefined => {
  if (!log || (!log.endsWith('.jsonl') && !store) || extra.length) {
    const found = !log ? 'nothing' : extra.length ? `also ${extra.join(' ')}` : log;
    return new FindingsInputError(
      `expected the path of one lab log (lab.jsonl), or a lab name with --store, found ${found} (pkilab help findings)`,
    );
  }
  const { format, json, failOn } = values;
  if (!['text', 'json', 'csv'].includes(format) || (json && format !== 'json')) {
    return new FindingsInputError(`--format expects text, json or csv, found ${json ? `--json with --format ${format}` : `"${format}"`}`);
  }
  if (failOn !== undefined && !severities.includes(failOn as Severity)) {
    const hint = didYouMean(failOn, severities);
    return new FindingsInputError(`--fail-on expects a severity (${severities.join(', ')}), found "${failOn}"${hint ? `; ${hint}` : ''}`);
  }
  return undefined;
};

interface FindingsReport {
  log: string;
  at: number;
  total: number;
  now: string;
  findings: readonly Finding[];
  failOn?: string;
  failing: readonly Finding[];
}

/** Prints the findings as text, JSON or CSV (RFC 4180 ends each record with CRLF: the last LF is the one io.out adds). */
const printFindings = (io: Io, format: string, r: FindingsReport): void => {
  if (format === 'csv') return io.out(findingsCsv(r.findings).slice(0, -1));
  if (format === 'json') {
    const gate = r.failOn ? { failOn: r.failOn, failing: r.failing.map((f) => f.id) } : {};
    return io.out(JSON.stringify({ log: r.log, position: r.at, time: r.now, findings: r.findings.map(findingJson), ...gate }, null, 2));
  }
  io.out(`${r.log} at position ${r.at} of ${r.total} (${r.now}): ${r.findings.length} finding(s)`);
  io.out(findingLines(r.findings).join('\n'));
  if (r.failOn)
    io.out(r.failing.length ? `${r.failing.length} finding(s) at ${r.failOn} or above: exit 1` : `no finding at ${r.failOn} or above`);
};

/** The position --at names (default: the end), or why it names none. */
const positionOf = (raw: string | undefined, total: number): number | FindingsInputError => {
  if (raw === undefined) return total;
  if (/^\d+$/.test(raw) && Number(raw) <= total) return Number(raw);
  return new FindingsInputError(`--at expects a position from 0 to ${total} (N: the world after event N), found ${raw}`);
};

/** `pkilab findings <log> [--at N] [--json | --format F]`: the findings of a lab log at a position (default: its end). */
export const findingsCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, {
      at: { type: 'string' },
      store: { type: 'string' },
      'fail-on': { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    });
  } catch (error) {
    return usageFailure(io, 'findings', error, args);
  }
  if (parsed.values.help) return (io.out(findingsHelp), 0);
  const format = parsed.values.format ?? (parsed.values.json ? 'json' : 'text');
  const json = parsed.values.json || format === 'json';
  const [log, ...extra] = parsed.positionals;
  const store = storeOption(parsed.values.store);
  const failOn = parsed.values['fail-on'];
  const refusal = inputRefusal(log, extra, store, { format, json: parsed.values.json, ...(failOn === undefined ? {} : { failOn }) });
  if (refusal || !log) return reportFailure(io, 'findings', refusal, json);
  const events = log.endsWith('.jsonl')
    ? await jsonlEventStore(dirname(log), { onWarning: (w) => io.err(`warning: ${w}`) }).read(basename(log, '.jsonl'))
    : await readLabEvents(log, store, (w) => io.err(`warning: ${w}`));
  if (events.length === 0)
    return reportFailure(io, 'findings', new FindingsInputError(`${log} holds no events (is the path right?)`), json);
  const at = positionOf(parsed.values.at, events.length);
  if (at instanceof FindingsInputError) return reportFailure(io, 'findings', at, json);
  const world = fold(events.slice(0, at));
  const findings = evaluateFindings(world);
  const failing = failOn === undefined ? [] : findings.filter((f) => severityRank(f.severity) >= severityRank(failOn as Severity));
  printFindings(io, format, {
    log,
    at,
    total: events.length,
    now: world.now,
    findings,
    failing,
    ...(failOn === undefined ? {} : { failOn }),
  });
  return failing.length ? 1 : 0;
};
