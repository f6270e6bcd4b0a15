import { parse } from 'shell-quote';
import { TravelError } from './source.ts';

/**
 * A prompt line split into words the way a POSIX shell splits a command line (shell-quote): quotes are
 * removed, a backslash escapes, `#` starts a comment, `$NAME` is kept as typed (the prompt expands nothing)
 * and a glob stays the pattern it is. A shell operator (`|`, `>`, `;`, `&&`…) is refused: nothing runs a shell.
 */
export const commandWords = (line: string): string[] => {
  const open = unclosedQuote(line);
  if (open)
    throw new TravelError(`expected a closing ${open.quote} for the quote opened at column ${open.column}, found the end of the line`);
  const words: string[] = [];
  for (const entry of parse(line, (name) => `$${name}`)) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry) break;
    else if (entry.op === 'glob') words.push((entry as { pattern: string }).pattern);
    else throw new TravelError(`expected a travel command and its words, found the shell operator "${entry.op}" (quote it: '${entry.op}')`);
  }
  return words;
};

/** The quote a line leaves open, if any, with its column (1-based): shell-quote itself accepts an unterminated quote. */
const unclosedQuote = (line: string): { quote: string; column: number } | undefined => {
  let open: { quote: string; column: number } | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (open?.quote === "'") {
      if (c === "'") open = undefined;
    } else if (c === '\\') i += 1;
    else if (open?.quote === '"') {
      if (c === '"') open = undefined;
    } else if (c === '"' || c === "'") open = { quote: c, column: i + 1 };
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
  }
  return open;
};
