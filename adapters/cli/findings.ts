import { basename, dirname } from 'node:path';
import { evaluateFindings, severities, severityRank, type Severity } from '../../domain/index.ts';
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

/** What is wrong with the --format asked for, if anything: a format pkilab does not write, or --json beside another. */
const formatRefusal = (format: string, json: boolean): FindingsInputError | undefined => {
  if (['text', 'json', 'csv'].includes(format) && (!json || format === 'json')) return undefined;
  return new FindingsInputError(`--format expects text, json or csv, found ${json ? `--json with --format ${format}` : `"${format}"`}`);
};

/** `pkilab findings <log> [--at N] [--json]`: the findings of a lab log at a position (default: its end). */
export const findingsCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, {
      at: { type: 'string' }, store: { type: 'string' }, 'fail-on': { type: 'string' }, format: { type: 'string' },
      json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    });
  } catch (error) {
    return usageFailure(io, 'findings', error, args);
  }
  if (parsed.values.help) return io.out(findingsHelp), 0;
  const format = parsed.values.format ?? (parsed.values.json ? 'json' : 'text');
  const json = parsed.values.json || format === 'json';
  const formatProblem = formatRefusal(format, parsed.values.json);
  const [log, ...extra] = parsed.positionals;
  const store = storeOption(parsed.values.store);
  if (!log || (!log.endsWith('.jsonl') && !store) || extra.length) {
    const found = !log ? 'nothing' : extra.length ? `also ${extra.join(' ')}` : log;
    return reportFailure(io, 'findings', new FindingsInputError(`expected the path of one lab log (lab.jsonl), or a lab name with --store, found ${found} (pkilab help findings)`), json);
  }
  if (formatProblem) return reportFailure(io, 'findings', formatProblem, json);
  const failOn = parsed.values['fail-on'];
  if (failOn !== undefined && !severities.includes(failOn as Severity)) {
    const hint = didYouMean(failOn, severities);
    return reportFailure(io, 'findings', new FindingsInputError(`--fail-on expects a severity (${severities.join(', ')}), found "${failOn}"${hint ? `; ${hint}` : ''}`), json);
  }
  const events = log.endsWith('.jsonl')
    ? await jsonlEventStore(dirname(log), { onWarning: (w) => io.err(`warning: ${w}`) }).read(basename(log, '.jsonl'))
    : await readLabEvents(log, store, (w) => io.err(`warning: ${w}`));
  if (events.length === 0) return reportFailure(io, 'findings', new FindingsInputError(`${log} holds no events (is the path right?)`), json);
  const at = parsed.values.at === undefined ? events.length : Number(parsed.values.at);
  if (!/^\d+$/.test(parsed.values.at ?? '0') || at > events.length) {
    return reportFailure(io, 'findings', new FindingsInputError(`--at expects a position from 0 to ${events.length} (N: the world after event N), found ${parsed.values.at}`), json);
  }
  const world = fold(events.slice(0, at));
  const findings = evaluateFindings(world);
  const failing = failOn === undefined ? [] : findings.filter((f) => severityRank(f.severity) >= severityRank(failOn as Severity));
  // RFC 4180 ends each record with CRLF: the last one's LF is the one io.out adds.
  if (format === 'csv') io.out(findingsCsv(findings).slice(0, -1));
  else if (json) io.out(JSON.stringify({ log, position: at, time: world.now, findings: findings.map(findingJson), ...(failOn ? { failOn, failing: failing.map((f) => f.id) } : {}) }, null, 2));
  else {
    io.out(`${log} at position ${at} of ${events.length} (${world.now}): ${findings.length} finding(s)`);
    io.out(findingLines(findings).join('\n'));
    if (failOn) io.out(failing.length ? `${failing.length} finding(s) at ${failOn} or above: exit 1` : `no finding at ${failOn} or above`);
  }
  return failing.length ? 1 : 0;
};
