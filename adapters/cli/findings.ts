import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateFindings } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { jsonlEventStore } from '../eventstore/jsonl.ts';
import { findingsHelp } from './help.ts';
import { findingLines } from './report.ts';
import type { Io } from './run.ts';
import { reportFailure } from './errors.ts';

/** Bad input to `pkilab findings`: exit 2. */
class FindingsInputError extends Error {
  readonly code = 'FINDINGS_INPUT';
}

/** `pkilab findings <log> [--at N] [--json]`: the findings of a lab log at a position (default: its end). */
export const findingsCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { at: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`pkilab findings: ${(error as Error).message}\n\n${findingsHelp}`);
    return 2;
  }
  if (parsed.values.help) return io.out(findingsHelp), 0;
  const [log] = parsed.positionals;
  if (!log || !log.endsWith('.jsonl')) {
    io.err(`pkilab findings: expected the path of a lab log (lab.jsonl), found ${log ?? 'nothing'}.\n\n${findingsHelp}`);
    return 2;
  }
  const events = await jsonlEventStore(dirname(log), { onWarning: (w) => io.err(`warning: ${w}`) }).read(basename(log, '.jsonl'));
  const json = parsed.values.json;
  if (events.length === 0) return reportFailure(io, 'findings', new FindingsInputError(`${log} holds no events (is the path right?)`), json);
  const at = parsed.values.at === undefined ? events.length : Number(parsed.values.at);
  if (!Number.isInteger(at) || at < 1 || at > events.length) {
    return reportFailure(io, 'findings', new FindingsInputError(`--at expects a position from 1 to ${events.length}, found ${parsed.values.at}`), json);
  }
  const world = fold(events.slice(0, at));
  const findings = evaluateFindings(world);
  if (parsed.values.json) io.out(JSON.stringify({ log, position: at, time: world.now, findings }, null, 2));
  else {
    io.out(`${log} at position ${at} of ${events.length} (${world.now}): ${findings.length} finding(s)`);
    io.out(findingLines(findings).join('\n'));
  }
  return 0;
};
