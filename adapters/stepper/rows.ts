/** A piece of a screen row with its style, and the helpers that lay rows out to an exact width and height. */
interface Seg {
  readonly text: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
  readonly color?: string;
}
export type Row = readonly Seg[];

export const plain = (text: string, style: Omit<Seg, 'text'> = {}): Row => [{ text, ...style }];

/** A row cut (with …) or padded with spaces to exactly `cols` characters: no row ever wraps on the terminal. */
export const fit = (row: Row, cols: number): Row => {
  const out: Seg[] = [];
  let left = cols;
  for (const seg of row) {
    if (left <= 0) break;
    const chars = [...seg.text];
    if (chars.length <= left) out.push(seg);
    else out.push({ ...seg, text: `${chars.slice(0, Math.max(0, left - 1)).join('')}…` });
    left -= Math.min(chars.length, left);
  }
  if (left > 0) out.push({ text: ' '.repeat(left) });
  return out;
};

/** Text broken into lines of at most `cols` characters at spaces (a long word is cut), each line indented by `indent`. */
export const wrap = (text: string, cols: number, prefix = ''): string[] => {
  // The text's own leading spaces stay in front of every line it wraps into.
  const indent = prefix + (text.match(/^ */)?.[0] ?? '');
  const room = Math.max(8, cols - indent.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
    while (line.length > room) {
      lines.push(line.slice(0, room));
      line = line.slice(room);
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l) => indent + l);
};

/** At most `height` rows of `rows`, from `offset` (clamped), with "more above/below" marks in place of the first/last row. */
export const windowOf = (rows: readonly Row[], height: number, offset = 0): Row[] => {
  if (height <= 0) return [];
  if (rows.length <= height) return [...rows];
  const start = Math.max(0, Math.min(offset, rows.length - height));
  const shown = rows.slice(start, start + height);
  if (start > 0) shown[0] = plain(`  ↑ ${start + 1} more above`, { dim: true });
  const below = rows.length - start - height;
  if (below > 0) shown[shown.length - 1] = plain(`  ↓ ${below + 1} more below`, { dim: true });
  return shown;
};

/** The first row offset that keeps row `index` visible in a window of `height` rows, centred where it can be. */
export const offsetFor = (index: number, height: number, total: number) =>
  Math.max(0, Math.min(index - Math.floor(height / 2), total - height));

/** Columns side by side: each column fitted to its width and padded to the tallest. */
export const beside = (columns: ReadonlyArray<{ rows: readonly Row[]; cols: number }>, gap = 2): Row[] => {
  const height = Math.max(...columns.map((c) => c.rows.length));
  return Array.from({ length: height }, (_, i) =>
    columns.flatMap((c, k) => [...fit(c.rows[i] ?? [], c.cols), ...(k < columns.length - 1 ? [{ text: ' '.repeat(gap) }] : [])]),
  );
};

/** Rows padded with empty rows (or cut) to exactly `height`. */
export const toHeight = (rows: readonly Row[], height: number): Row[] => [
  ...rows.slice(0, height),
  ...Array.from({ length: Math.max(0, height - rows.length) }, () => plain('')),
];
