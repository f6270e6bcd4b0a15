import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

/** The real oxlint binary with the project's own configuration (.oxlintrc.json and its line-width plugin). */
const config = resolve('.oxlintrc.json');
const oxlint = resolve('node_modules/oxlint/bin/oxlint');
const biome = resolve('node_modules/@biomejs/biome/bin/biome');

/** Runs `bin` with `args` in a throwaway folder holding `files`; the folder is removed afterwards. */
const inFolder = (files: Record<string, string>, bin: string, args: (dir: string) => string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'pkilab-lint-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const run = spawnSync(process.execPath, [bin, ...args(dir)], { cwd: dir, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const lint = (files: Record<string, string>) => inFolder(files, oxlint, () => ['-c', config, '--format', 'unix', '.']);

const limits = suite('the linter (npm run lint)');

const longFunction = [
  'export const long = (n: number): number => {',
  '  let total = n;',
  ...Array.from({ length: 61 }, (_, i) => `  total += ${i};`),
  '  return total;',
  '};',
  '',
].join('\n');

limits('fails on a 300-character line of code and names the file, the line and the limit', () => {
  const run = lint({ 'wide.ts': `export const sum = [${Array.from({ length: 100 }, (_, i) => i % 10).join(', ')}];\n` });
  assert.is(run.status, 1);
  assert.match(run.output, /wide\.ts:1:141: Line 1 is 3\d\d characters long; at most 140 are allowed\. \[Error\/pkilab\(max-len\)\]/);
});

limits('fails on a function with six parameters', () => {
  const run = lint({ 'params.ts': 'export const f = (a: 1, b: 2, c: 3, d: 4, e: 5, f: 6): number => a + b + c + d + e + f;\n' });
  assert.is(run.status, 1);
  assert.match(run.output, /params\.ts:1:\d+: .*too many parameters \(6\)\. Maximum allowed is 5\. \[Error\/eslint\(max-params\)\]/);
});

limits('fails on a function of more than 60 lines', () => {
  const run = lint({ 'long.ts': longFunction });
  assert.is(run.status, 1);
  assert.match(run.output, /long\.ts:1:\d+: .*too many lines \(65\)\. Maximum allowed is 60\. \[Error\/eslint\(max-lines-per-function\)\]/);
});

limits('fails on a file of 201 lines and on a function of complexity 16', () => {
  const branches = Array.from({ length: 15 }, (_, i) => `  if (n === ${i}) return ${i};`).join('\n');
  const run = lint({
    'big.ts': Array.from({ length: 201 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n',
    'branchy.ts': `export const pick = (n: number): number => {\n${branches}\n  return -1;\n};\n`,
  });
  assert.is(run.status, 1);
  assert.match(run.output, /big\.ts:\d+:\d+: .*File has too many lines \(201\)\. \[Error\/eslint\(max-lines\)\]/);
  assert.match(run.output, /branchy\.ts:1:\d+: .*complexity of 16\. Maximum allowed is 15\. \[Error\/eslint\(complexity\)\]/);
});

limits('passes a file within the limits, and lets a long message string stand on its own line', () => {
  const message = `export const why =\n  '${'a long message the formatter cannot cut '.repeat(5)}';\n`;
  const run = lint({ 'fine.ts': 'export const add = (a: number, b: number): number => a + b;\n', 'message.ts': message });
  assert.is(run.status, 0, run.output);
});

limits('the format check (npm run lint, Biome) fails on a line the formatter would wrap, and passes it once formatted', () => {
  const wide = `export const sum = [${Array.from({ length: 100 }, (_, i) => i % 10).join(', ')}];\n`;
  // The project's formatter settings, without its file list (which names the project's folders).
  const { formatter, javascript } = JSON.parse(readFileSync('biome.json', 'utf8'));
  const config = { 'biome.json': JSON.stringify({ formatter, javascript }) };
  const unformatted = inFolder({ ...config, 'wide.ts': wide }, biome, () => ['format', '.']);
  assert.is(unformatted.status, 1);
  assert.match(unformatted.output, /wide\.ts/);
  const rewritten = inFolder({ ...config, 'wide.ts': wide }, biome, () => ['format', '--write', '.']);
  assert.is(rewritten.status, 0, rewritten.output);
});

limits.run();
