import { suite } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error plain JavaScript module of the lint script, without type declarations
import { compare, countDeadExports, countErrors, mergeCounts } from '../scripts/lint/baseline.mjs';

const ratchet = suite('lint ratchet (scripts/lint/baseline.mjs)');

const output = [
  'domain/a.ts:3:141: Line 3 is 150 characters long; at most 140 are allowed. [Error/pkilab(max-len)]',
  'domain/a.ts:9:141: Line 9 is 142 characters long; at most 140 are allowed. [Error/pkilab(max-len)]',
  'domain/a.ts:20:1: Prefer String#startsWith over a regex with a caret. [Warning/unicorn(prefer-string-starts-ends-with)]',
  'domain/b.ts:1:1: File has too many lines (230). [Error/eslint(max-lines)]',
  '',
  '3 problems',
].join('\n');

ratchet('errors are counted by file and rule, and warnings are not', () => {
  assert.equal(countErrors(output), { 'domain/a.ts': { 'pkilab(max-len)': 2 }, 'domain/b.ts': { 'eslint(max-lines)': 1 } });
});

ratchet('offences the baseline holds pass', () => {
  assert.equal(compare(countErrors(output), { 'domain/a.ts': { 'pkilab(max-len)': 2 }, 'domain/b.ts': { 'eslint(max-lines)': 1 } }), []);
});

ratchet('an offence in a file the baseline does not list fails, naming file and rule', () => {
  const problems = compare(countErrors(output), { 'domain/a.ts': { 'pkilab(max-len)': 2 } });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /domain\/b\.ts: eslint\(max-lines\) 1 offence\(s\), the baseline allows 0/);
});

ratchet('one offence more than the baseline holds fails', () => {
  const problems = compare(countErrors(output), { 'domain/a.ts': { 'pkilab(max-len)': 1 }, 'domain/b.ts': { 'eslint(max-lines)': 1 } });
  assert.match(problems.join('\n'), /domain\/a\.ts: pkilab\(max-len\) 2 offence\(s\), the baseline allows 1/);
});

ratchet('a fixed offence still in the baseline fails until the baseline is lowered', () => {
  const problems = compare(countErrors(output), {
    'domain/a.ts': { 'pkilab(max-len)': 2 },
    'domain/b.ts': { 'eslint(max-lines)': 1 },
    'domain/c.ts': { 'max-params': 1 },
  });
  assert.equal(problems, ['domain/c.ts: max-params down to 0 from 1 — lower the baseline (npm run lint -- --update-baseline)']);
});

const finder = [
  'adapters/a.ts: helper (used only in its own file)',
  'adapters/a.ts: Shape (used nowhere)',
  'domain/c.ts: $old (used nowhere)',
  '3 dead exports',
].join('\n');

ratchet("the dead-export finder's lines are counted by file under pkilab(dead-export), beside oxlint's", () => {
  const counts = mergeCounts(countErrors(output), countDeadExports(finder));
  assert.equal(counts['adapters/a.ts'], { 'pkilab(dead-export)': 2 });
  assert.equal(counts['domain/c.ts'], { 'pkilab(dead-export)': 1 });
  assert.equal(counts['domain/a.ts'], { 'pkilab(max-len)': 2 });
});

ratchet('a new dead export fails like a new offence, and one removed must leave the baseline', () => {
  const baseline = mergeCounts(countErrors(output), {
    'adapters/a.ts': { 'pkilab(dead-export)': 1 },
    'domain/c.ts': { 'pkilab(dead-export)': 2 },
  });
  assert.equal(compare(mergeCounts(countErrors(output), countDeadExports(finder)), baseline), [
    'adapters/a.ts: pkilab(dead-export) 2 offence(s), the baseline allows 1 — fix the new one',
    'domain/c.ts: pkilab(dead-export) down to 1 from 2 — lower the baseline (npm run lint -- --update-baseline)',
  ]);
});

ratchet.run();
