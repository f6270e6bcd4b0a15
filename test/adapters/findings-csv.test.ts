import { join } from 'node:path';
import * as fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../../domain/index.ts';
import { csvField, findingColumns, findingsCsv } from '../../adapters/report/csv.ts';
import { cli, runJson } from '../support/cli.ts';

/**
 * An RFC 4180 reader written for this test (no library shared with the writer): records end with CRLF,
 * a quoted field may hold commas, CRLF and doubled quotes; anything else after a closing quote is an error.
 */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] !== '"') {
      const end = text.slice(i).search(/,|\r\n/);
      const value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (value.includes('"') || value.includes('\r') || value.includes('\n'))
        throw new Error(`unquoted field with a quote or line break at ${i}`);
      i += value.length;
      return value;
    }
    let value = '';
    for (i += 1; ; i += 1) {
      if (i >= text.length) throw new Error('unclosed quote');
      if (text[i] === '"' && text[i + 1] !== '"') {
        i += 1;
        return value;
      }
      if (text[i] === '"') i += 1; // a doubled quote stands for one
      value += text[i];
    }
  };
  while (i < text.length) {
    record.push(field());
    if (text.startsWith(',', i)) i += 1;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 5))}`);
  }
  if (record.length) throw new Error('the last record has no CRLF');
  return records;
};

const csv = suite('adapters/report findings as CSV');

const finding = (subject: string, message: string, command?: string): Finding => ({
  id: `OP-PENDING-RESTART:${subject}`,
  rule: 'OP-PENDING-RESTART',
  family: 'operational',
  severity: 'high',
  subject,
  message,
  fix: { procedure: 'Restart the computer', ...(command === undefined ? {} : { command }) },
  causedBy: [3, 14],
});

csv('gives back any subject and message, commas, quotes, line breaks and all, to an RFC 4180 reader', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const tricky = fc.stringMatching(/^[ ,"\r\na-z]{0,12}$/);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.oneof(text, tricky), fc.oneof(text, tricky), fc.option(tricky, { nil: undefined })), { maxLength: 5 }),
      (rows) => {
        const findings = rows.map(([subject, message, command]) => finding(subject, message, command));
        const [header, ...records] = parseCsv(findingsCsv(findings));
        assert.equal(header, [...findingColumns]);
        assert.equal(
          records.map((r) => [r[4], r[5], r[7], r[8]]),
          findings.map((f) => [f.subject, f.message, f.fix.command ?? '', '3 14']),
        );
      },
    ),
    { numRuns: 300 },
  );
});

csv('quotes a field only when it must', () => {
  assert.is(csvField('plain text'), 'plain text');
  assert.is(csvField('a, b'), '"a, b"');
  assert.is(csvField('say "hi"'), '"say ""hi"""');
  assert.is(csvField('two\r\nlines'), '"two\r\nlines"');
  assert.is(csvField(' padded'), '" padded"');
});

csv("pkilab findings --format csv prints a header and the no-restart lab's pending restart, each line ended by CRLF", async () => {
  const { out } = await runJson('scenarios/iis-no-restart.yaml');
  const result = await cli('findings', join(out, 'lab.jsonl'), '--format', 'csv');
  assert.is(result.code, 0, result.err);
  const text = `${result.out}\n`;
  assert.not.match(text.replace(/\r\n/g, ''), /\n/);
  const [header, ...records] = parseCsv(text);
  assert.equal(header, [...findingColumns]);
  const pending = records.find((r) => r[1] === 'OP-PENDING-RESTART');
  assert.ok(pending, text);
  assert.is(pending![4], 'principal:SERVER1');
  assert.match(pending![8]!, /^\d+( \d+)*$/);
  const json = JSON.parse((await cli('findings', join(out, 'lab.jsonl'), '--format', 'json')).out) as { findings: { id: string }[] };
  assert.equal(
    records.map((r) => r[0]),
    json.findings.map((f) => f.id),
  );
});

csv('refuses a format it does not write, and --json beside another format, with exit 2', async () => {
  const { out } = await runJson('scenarios/iis-no-restart.yaml');
  const xml = await cli('findings', join(out, 'lab.jsonl'), '--format', 'xml');
  assert.is(xml.code, 2);
  assert.match(xml.err, '--format expects text, json or csv, found "xml"');
  const both = await cli('findings', join(out, 'lab.jsonl'), '--format', 'csv', '--json');
  assert.is(both.code, 2);
  assert.match(both.err, '--json with --format csv');
});

csv.run();
