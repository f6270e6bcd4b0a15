import type { RecordedEvent } from '../../domain/index.ts';
import { isFileLab, readLabEvents, storeOption } from '../postgres/lab-store.ts';
import { openSource } from '../travel/source.ts';
import { reportModel, reportPage, writeReport } from '../report/index.ts';
import { UsageError, parseOptions, usageFailure } from './args.ts';
import { reportFailure } from './errors.ts';
import { reportHelp } from './help.ts';
import type { Io } from './run.ts';

/** A lab's events: a log or a bundle on disk, or a lab in a store named by --store (or PKILAB_STORE). */
const labEvents = async (lab: string, store: string | undefined, io: Io): Promise<readonly RecordedEvent[]> => {
  const warn = (w: string) => io.err(`warning: ${w}`);
  if (isFileLab(lab) || !store) return (await openSource(lab, warn)).events;
  return readLabEvents(lab, store, warn);
};

/**
 * `pkilab report <lab.jsonl|bundle.json|NAME --store URL> --html OUT [--force]`: one self-contained HTML file
 * with the lab's timeline, findings, changes per procedure and world at the end. It reads the lab, writes only OUT.
 */
export const reportCommand = async (args: string[], io: Io): Promise<number> => {
  let lab: string;
  let out: string;
  let force: boolean;
  let store: string | undefined;
  try {
    const parsed = parseOptions(args, {
      html: { type: 'string' },
      store: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    });
    if (parsed.values.help) return (io.out(reportHelp), 0);
    const [first, ...extra] = parsed.positionals;
    if (!first || extra.length)
      throw new UsageError(
        `expected one lab (a lab.jsonl, an exported .json, or a name with --store), found ${first ? `also ${extra.join(' ')}` : 'nothing'}`,
      );
    if (!parsed.values.html)
      throw new UsageError('expected --html OUT, the file to write (the only report format for now), found no --html');
    [lab, out, force, store] = [first, parsed.values.html, parsed.values.force, storeOption(parsed.values.store)];
  } catch (error) {
    return usageFailure(io, 'report', error, args);
  }
  try {
    const events = await labEvents(lab, store, io);
    if (events.length === 0) throw new UsageError(`${lab} holds no events (is the name right?)`);
    const model = reportModel(lab, events);
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
