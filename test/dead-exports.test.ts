import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deadExports } from '../scripts/lint/dead-exports.ts';
import { readGraph } from '../scripts/lint/imports.ts';

/** The dead exports of a throwaway tree holding `files` (path → text). */
const deadIn = (files: Record<string, string>) => {
  const root = mkdtempSync(join(tmpdir(), 'pkilab-dead-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const graph = readGraph(root, ['domain', 'adapters', 'test']);
    return deadExports(graph, ['domain', 'adapters']).map(
      ({ file, name, usedInFile }) => `${file}: ${name}${usedInFile ? ' (own file)' : ''}`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

const dead = suite('dead exports (scripts/lint/dead-exports.ts)');

dead('reports an export used only in its own file, and one used nowhere', () => {
  const found = deadIn({
    'domain/ca/lookup.ts': [
      'export const findTemplate = (name: string) => helper(name);',
      'export const helper = (name: string) => name;',
      'export interface Unused { readonly x: number }',
    ].join('\n'),
    'adapters/cli/run.ts': "import { findTemplate } from '../../domain/ca/lookup.ts';\nfindTemplate('x');\n",
  });
  assert.equal(found, ['domain/ca/lookup.ts: helper (own file)', 'domain/ca/lookup.ts: Unused']);
});

dead('follows a name through an index: a re-export nobody imports is dead, and so is what it passes on', () => {
  const found = deadIn({
    'domain/ca/model.ts': 'export const emptyCa = {};\nexport const defaults = {};\n',
    'domain/index.ts': "export { emptyCa, defaults as caDefaults } from './ca/model.ts';\n",
    'adapters/run.ts': "import { emptyCa } from '../domain/index.ts';\nconsole.log(emptyCa);\n",
  });
  assert.equal(found, ['domain/ca/model.ts: defaults', 'domain/index.ts: caDefaults']);
});

dead('counts imports from tests, star imports and dynamic imports as uses', () => {
  const found = deadIn({
    'adapters/a.ts': 'export const fromTest = 1;\nexport const starred = 2;\nexport const loaded = 3;\n',
    'adapters/b.ts': 'export const alsoStarred = 4;\n',
    'test/a.test.ts':
      "import { fromTest } from '../adapters/a.ts';\nimport * as b from '../adapters/b.ts';\nawait import('../adapters/a.ts');\n",
  });
  assert.equal(found, []);
});

dead("keeps a bounded context's event and command aliases exported, as its published language", () => {
  const found = deadIn({
    'domain/ca/events.ts': "export type TemplateIssued = { type: 'TemplateIssued' };\nexport type CaEvent = TemplateIssued;\n",
    'adapters/log.ts': "import type { CaEvent } from '../domain/ca/events.ts';\nexport const log = (e: CaEvent) => e;\n",
    'test/log.test.ts': "import { log } from '../adapters/log.ts';\n",
  });
  assert.equal(found, []);
});

dead.run();
