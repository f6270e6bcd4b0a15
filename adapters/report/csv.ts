import type { Finding } from '../../domain/index.ts';
import { findingJson } from '../json-shapes.ts';

/**
 * One field as RFC 4180 writes it: quoted when it holds a comma, a double quote, a line break or a
 * leading or trailing space (a quote inside doubled); as it is otherwise.
 */
export const csvField = (value: string): string => (/[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Rows as RFC 4180 text: a header line, then one record per row, every line ended by CRLF. */
const csvText = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');

export const findingColumns = ['id', 'rule', 'family', 'severity', 'subject', 'message', 'fix', 'command', 'caused_by'] as const;

/** Findings as CSV, one per line in the JSON shape's fields; `caused_by` lists event positions separated by spaces. */
export const findingsCsv = (findings: readonly Finding[]): string =>
  csvText(
    findingColumns,
    findings
      .map(findingJson)
      .map((f) => [f.id, f.rule, f.family, f.severity, f.subject, f.message, f.fix.procedure, f.fix.command ?? '', f.causedBy.join(' ')]),
  );
