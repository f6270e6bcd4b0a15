// Opening a log from disk: the JSONL store reads every line, verifies its integrity mark and checks it (schemas,
// positions, time, references, certificates against their DER), beside a bare JSON.parse of the same lines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLine } from '../../adapters/eventstore/jsonl-format.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { largeLog } from '../../test/support/large-log.ts';
import { computers, passes } from './lab-log.ts';
import { figure, fmt, header, ratios, repeat, timed, type BenchSection } from './measure.ts';

export const section: BenchSection = {
  name: 'open-log',
  title: 'open a JSONL log',
  order: 50,
  async run(context) {
    // The same shape of lab with real certificates (the checks compare each with its DER), signed once here.
    const events = await largeLog(Math.min(computers, 2000), passes);
    const dir = mkdtempSync(join(tmpdir(), 'pkilab-bench-'));
    try {
      let chain = 0;
      writeFileSync(
        join(dir, 'lab.jsonl'),
        events
          .map((e) => {
            const line = formatLine(e, chain);
            chain = line.chain;
            return line.line;
          })
          .join(''),
      );
      header(context, this.title, `${fmt(events.length)} events with real certificates`);
      const rate = (ms: number) => (events.length / ms) * 1000;
      const runs = await repeat(context.runs, async () => {
        const parse = () =>
          readFileSync(join(dir, 'lab.jsonl'), 'utf8')
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l) as unknown).length;
        const [, bare] = await timed(parse);
        const [read, open] = await timed(() => jsonlEventStore(dir).read('lab'));
        if (read.length !== events.length) throw new Error(`the store read ${read.length} events of ${events.length}`);
        return { pkilab: rate(open), baseline: rate(bare) };
      });
      context.out(
        figure(
          'pkilab store (integrity marks and checks)',
          runs.map((r) => r.pkilab),
          'events/s',
        ),
      );
      context.out(
        figure(
          'baseline JSON.parse of each line',
          runs.map((r) => r.baseline),
          'events/s',
        ),
      );
      context.out(
        ratios(
          'ratio pkilab / baseline',
          runs.map((r) => r.pkilab),
          runs.map((r) => r.baseline),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
