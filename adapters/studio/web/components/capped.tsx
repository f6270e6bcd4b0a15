import { type ReactNode, useState } from 'react';

/**
 * The first `limit` items of a long list (a lab of 10,000 computers has 10,000 rows), and a button that shows
 * them all; a list within the limit is shown whole with no button.
 */
export const useCapped = <T,>(items: readonly T[], what: string, limit = 50): { shown: readonly T[]; more: ReactNode } => {
  const [all, setAll] = useState(false);
  if (all || items.length <= limit) return { shown: items, more: null };
  return {
    shown: items.slice(0, limit),
    more: (
      <button type="button" className="small" onClick={() => setAll(true)}>
        show all {items.length.toLocaleString('en-US')} {what} (the first {limit} are shown)
      </button>
    ),
  };
};
