import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commandWords } from '../../adapters/travel/words.ts';

/** The travel prompt's tokenizer: a line is split into words as a POSIX shell splits it. */
const words = suite('travel prompt words');

/** POSIX quoting: in single quotes, with each single quote closed, escaped and reopened. */
const singleQuoted = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
/** POSIX quoting without quotes: a backslash before every character that is not a letter or a digit. */
const escaped = (w: string) => w.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);
const word = fc.string({ minLength: 1, maxLength: 12 }).filter((w) => !/[\0\r\n]/.test(w));

words('any words, quoted in single quotes as a POSIX shell reads them, come back as the same words', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (list) => {
      assert.equal(commandWords(list.map(singleQuoted).join(' ')), list);
    }),
    { numRuns: 300 },
  );
});

words('any words with every special character escaped by a backslash come back as the same words', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (list) => {
      assert.equal(commandWords(list.map(escaped).join(' ')), list);
    }),
    { numRuns: 300 },
  );
});

words("the README's examples: double quotes, single quotes around JSON, a comment, a kept $NAME", () => {
  assert.equal(commandWords('why "ConfigMgr Web Server Certificate"'), ['why', 'ConfigMgr Web Server Certificate']);
  assert.equal(commandWords(`what-if change 45 '{"computer":"SERVER1"}'`), ['what-if', 'change', '45', '{"computer":"SERVER1"}']);
  assert.equal(commandWords('log 1 5 # the start'), ['log', '1', '5']);
  assert.equal(commandWords('why $HOME'), ['why', '$HOME']);
});

words('an unclosed quote and a shell operator are refused with where and what', () => {
  assert.throws(() => commandWords('why "ConfigMgr'), /expected a closing " for the quote opened at column 5, found the end of the line/);
  assert.throws(() => commandWords('log > out.txt'), /found the shell operator ">"/);
});

words.run();
