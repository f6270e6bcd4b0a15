import type { ReactNode } from 'react';

/** A table with a row of headings; the rows are the children. */
export const Table = ({ head, children }: { head: string[]; children: ReactNode }) => (
  <table>
    <thead>
      <tr>
        {head.map((h) => (
          <th key={h}>{h}</th>
        ))}
      </tr>
    </thead>
    <tbody>{children}</tbody>
  </table>
);

/** A list, or a quiet "none" when it is empty. */
export const Listed = <T,>({ items, render, none = 'none' }: { items: T[]; render: (item: T) => ReactNode; none?: string }) =>
  items.length === 0 ? <p className="quiet">{none}</p> : <ul>{items.map(render)}</ul>;

/** `2026-11-24T23:00:00.000Z` as `2026-11-24 23:00`. */
export const minute = (iso: string): string => iso.replace('T', ' ').slice(0, 16);
