// How far into the log a travel command reads, so that a session over a log still being read waits for those events only.

/** A position a word names; a word that is not a position (an ISO time, a typo) needs the whole log to be answered as it is today. */
const position = (word: string | undefined): number => (word !== undefined && /^\d+$/.test(word) ? Number(word) : Number.POSITIVE_INFINITY);

/** The words of `show` without `--section S`. */
const withoutSection = (args: readonly string[]): string[] => {
  const i = args.indexOf('--section');
  return i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 2)];
};

/**
 * The last position a command reads, given its words and the cursor (undefined while the cursor is at an end not
 * read yet). Infinity: the whole log (bisect, why, what-if, fork, export, an ISO time, anything unparsed); a
 * position that turns out to be past the end is refused once the whole log is read, with the log's true end.
 */
export const reachOf = (command: string, args: readonly string[], cursor: number | undefined): number => {
  const here = cursor ?? Number.POSITIVE_INFINITY;
  switch (command) {
    case 'help':
      return 0;
    case 'show': {
      const [n] = withoutSection(args);
      return n === undefined ? here : position(n);
    }
    case 'goto':
      return position(args[0]);
    case 'next':
      return here + 1;
    case 'prev':
      return here;
    case 'log':
      return args[1] === undefined ? Number.POSITIVE_INFINITY : Math.max(position(args[0]), position(args[1]));
    case 'diff':
      return Math.max(position(args[0]), position(args[1]));
    default:
      return Number.POSITIVE_INFINITY;
  }
};
