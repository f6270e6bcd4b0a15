import { openSource } from '../travel/source.ts';
import { reportModel, reportPage, writeReport } from '../report/index.ts';
import { UsageError, parseOptions, usageFailure } from './args.ts';
import { reportFailure } from './errors.ts';
import { reportHelp } from './help.ts';
import type { Io } from './run.ts';

/**
 * `pkilab report <lab.jsonl|bundle.json> --html OUT [--force]`: one self-contained HTML file with the lab's
 * timeline, findings, changes per procedure and world at the end. It reads the lab and writes only OUT.
 */
export const reportCommand = async (args: string[], io: Io): Promise<number> => {
  let lab: string;
  let out: string;
  let force: boolean;
  try {
    const parsed = parseOptions(args, {
      html: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    });
    if (parsed.values.help) return (io.out(reportHelp), 0);
    const [first, ...extra] = parsed.positionals;
    if (!first || extra.length)
      throw new UsageError(`expected one lab (a lab.jsonl or an exported .json), found ${first ? `also ${extra.join(' ')}` : 'nothing'}`);
    if (!parsed.values.html)
      throw new UsageError('expected --html OUT, the file to write (the only report format for now), found no --html');
    [lab, out, force] = [first, parsed.values.html, parsed.values.force];
  } catch (error) {
    return usageFailure(io, 'report', error, args);
  }
  try {
    const source = await openSource(lab, (w) => io.err(`warning: ${w}`));
    const model = reportModel(lab, source.events);
    const page = reportPage(model);
    await writeReport(out, page, force);
    io.out(
      `wrote ${out}: ${model.events} events, ${model.runs.length} procedure run(s), ${model.findings.length} finding(s), ${Math.ceil(Buffer.byteLength(page) / 1024)} KiB`,
    );
    return 0;
  } catch (error) {
    return reportFailure(io, 'report', error, false);
  }
};
