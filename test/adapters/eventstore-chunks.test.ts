import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cutOf, readLogInChunks } from '../../adapters/eventstore/jsonl-chunks.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { chainedLines, writeLog } from '../support/chained-log.ts';
import { largeLog } from '../support/large-log.ts';

const chunks = suite('a JSONL log read in chunks');
const events = await largeLog(3, 4);

/** What a read gives: its events, its warnings in order, and the error that refused the log. */
const outcome = async (read: (warn: (w: string) => void) => Promise<unknown>) => {
  const warnings: string[] = [];
  const result = await read((w) => warnings.push(w)).then(
    (events) => ({ events }),
    (e: { code: string; message: string }) => ({ error: `${e.code}: ${e.message}` }),
  );
  return { ...result, warnings };
};

const unmarked = (line: string) => line.replace(/,"(chain|commit)":"[0-9a-f]{8}"\}\n$/, '}\n');

const logs = fc.record({
  appends: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 12 }),
  chunkBytes: fc.integer({ min: 1, max: 6000 }),
  olderLines: fc.integer({ min: 0, max: 6 }),
  tail: fc.constantFrom('whole', 'torn line', 'append never committed', 'edited line', 'bad position'),
  at: fc.integer({ min: 0, max: events.length - 1 }),
});

chunks('gives the events, warnings and refusal of the store reading the log whole, however it is cut', async () => {
  await fc.assert(
    fc.asyncProperty(logs, async ({ appends, chunkBytes, olderLines, tail, at }) => {
      const source = tail === 'bad position' ? events.map((e, i) => (i === at ? { ...e, position: 0 } : e)) : events;
      const lines = chainedLines(source, appends).map((line, i) => (i < olderLines ? unmarked(line) : line));
      if (tail === 'torn line') lines.push(lines.at(-1)!.slice(0, 40));
      if (tail === 'append never committed') lines[lines.length - 1] = lines.at(-1)!.replace(',"commit":', ',"chain":');
      if (tail === 'edited line') lines[at] = lines[at]!.replace('"at":', '"at" :');
      const log = await writeLog(lines, 'pkilab-chunks-');
      const whole = await outcome((onWarning) => jsonlEventStore(log.slice(0, -'/lab.jsonl'.length), { onWarning }).read('lab'));
      const read = await outcome(async (onWarning) => {
        const chunked = readLogInChunks(log, { onWarning, chunkBytes });
        await chunked.done;
        return chunked.events;
      });
      assert.equal(read, whole);
    }),
    { numRuns: 40 },
  );
});

chunks('cuts after the last line that ends an append, never inside one', () => {
  const [a, b, c] = chainedLines(events.slice(0, 3), [2, 1]);
  assert.is(cutOf(''), 0);
  assert.is(cutOf(a!), 0, 'a chained line alone is an append still being read');
  assert.is(cutOf(`${a}${b}`), `${a}${b}`.length);
  assert.is(cutOf(`${a}${b}${c!.slice(0, 10)}`), `${a}${b}`.length, 'a line without its newline is not cut into');
  assert.is(cutOf(`${unmarked(a!)}${a}`), unmarked(a!).length, 'an older line without a mark stands alone');
});

chunks.run();
