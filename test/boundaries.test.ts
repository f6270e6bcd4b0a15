import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileCycles, folderCycles } from '../scripts/lint/cycles.ts';
import { importsOf, readGraph } from '../scripts/lint/imports.ts';
import { layerProblems, purityProblems } from '../scripts/lint/layers.ts';

/**
 * Folders still in an import cycle: none now. The check fails when any folder joins a cycle, and when one listed here
 * leaves every cycle: then delete its line, so the list only shrinks.
 */
const foldersStillInCycles: readonly string[] = [];

/** Files still in an import cycle, on the same terms. */
const filesStillInCycles: readonly string[] = [];

/** The members of each cycle that are not listed, and the listed members that are in no cycle any more. */
const unlisted = (cycles: readonly string[], listed: readonly string[]) => {
  const members = cycles.map((cycle) => cycle.split(': ')[0]!.split(', '));
  return {
    newCycles: cycles.filter((_, i) => members[i]!.some((member) => !listed.includes(member))),
    broken: listed.filter((member) => !members.some((part) => part.includes(member))),
  };
};

const tree = readGraph(process.cwd());

/** A throwaway tree holding `files` (path → text), handed to `check`, removed afterwards. */
const planted = <T>(files: Record<string, string>, check: (root: string) => T): T => {
  const root = mkdtempSync(join(tmpdir(), 'pkilab-boundaries-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

const boundaries = suite('import boundaries, purity and cycles (ARCHITECTURE.md)');

boundaries('every folder imports only the folders and packages the architecture allows', () => {
  assert.equal(layerProblems(tree), []);
});

boundaries('domain, projections and workflows read no clock, randomness, process state, crypto or network', () => {
  assert.equal(purityProblems(tree), []);
});

boundaries('no two source files import each other, except those still listed to be taken out of their cycles', () => {
  assert.equal(unlisted(fileCycles(tree), filesStillInCycles), { newCycles: [], broken: [] });
});

boundaries('no two folders import each other, except those still listed to be taken out of their cycles', () => {
  // `broken` names a listed folder no longer in a cycle: delete it from foldersStillInCycles.
  assert.equal(unlisted(folderCycles(tree), foldersStillInCycles), { newCycles: [], broken: [] });
});

boundaries('the layer rule reports domain/ importing an adapter, a deep path and a package it may not use', () => {
  const problems = planted(
    {
      'domain/ca/decide.ts': "import { readLog } from '../../adapters/eventstore/jsonl.ts';\nimport { produce } from 'immer';\n",
      'adapters/eventstore/jsonl.ts': 'export const readLog = 1;\n',
      'projections/ca.ts': "import type { World } from '../domain/lab/world.ts';\n",
      'domain/lab/world.ts': 'export type World = 1;\n',
    },
    (root) => layerProblems(readGraph(root)),
  );
  assert.equal(problems, [
    'domain/ca/decide.ts imports ../../adapters/eventstore/jsonl.ts (adapters/ is not allowed in domain/)',
    'domain/ca/decide.ts imports the package immer (domain/ may import ts-pattern)',
    'projections/ca.ts reaches into domain/lab/world.ts; import domain/index.ts instead',
  ]);
});

boundaries('the purity rule reports Date.now() in projections/ and Math.random() in workflows/, with file and line', () => {
  const problems = planted(
    {
      'projections/clock.ts': 'export const stamp = (): number =>\n  Date.now();\n',
      'workflows/dice.ts': 'export const roll = () => Math.random();\n',
      'adapters/clock.ts': 'export const now = () => Date.now();\n',
    },
    (root) => purityProblems(readGraph(root)),
  );
  assert.equal(problems, ['projections/clock.ts:2 matches /\\bDate\\.now\\(/', 'workflows/dice.ts:1 matches /Math\\.random\\(/']);
});

boundaries('the file cycle check reports two files that import each other through a third', () => {
  const cycles = planted(
    {
      'domain/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'domain/b.ts': "import type { C } from './c.ts';\nexport const b: C = 1;\n",
      'domain/c.ts': "export type { a } from './a.ts';\nexport type C = number;\n",
      'domain/d.ts': "import { a } from './a.ts';\n",
    },
    (root) => fileCycles(readGraph(root)),
  );
  assert.equal(cycles, ['domain/a.ts, domain/b.ts, domain/c.ts: domain/a.ts → domain/b.ts → domain/c.ts → domain/a.ts']);
});

boundaries('the folder cycle check reports two folders whose files import each other without a file cycle', () => {
  const files = {
    'domain/lab/world.ts': "import type { CaState } from '../ca/model.ts';\nexport type World = { ca: CaState };\n",
    'domain/ca/model.ts': 'export type CaState = 1;\n',
    'domain/ca/decide.ts': "import type { World } from '../lab/world.ts';\nexport const decide = (w: World) => w;\n",
    'domain/hosts/model.ts': "import type { CaState } from '../ca/model.ts';\n",
  };
  assert.equal(
    planted(files, (root) => fileCycles(readGraph(root))),
    [],
  );
  assert.equal(
    planted(files, (root) => folderCycles(readGraph(root))),
    ['domain/ca, domain/lab: domain/ca → domain/lab → domain/ca'],
  );
});

boundaries('the list of cycles still to break fails on a cycle with an unlisted member and on a listed one that is gone', () => {
  const cycles = [
    'domain/ca, domain/lab: domain/ca → domain/lab → domain/ca',
    'adapters/a, adapters/b: adapters/a → adapters/b → adapters/a',
  ];
  assert.equal(unlisted(cycles, ['domain/ca', 'domain/lab', 'adapters/a', 'workflows']), {
    newCycles: ['adapters/a, adapters/b: adapters/a → adapters/b → adapters/a'],
    broken: ['workflows'],
  });
});

boundaries('imports are read from every form: named, type-only, star, side effect, re-export and dynamic', () => {
  const source = [
    "import { readFile, type Stats } from 'node:fs';",
    "import type { X } from '../adapters/x.ts';",
    "import * as assert from 'uvu/assert';",
    "import 'reflect-metadata';",
    "export { a as b, c } from './a.ts';",
    "const step = await import('./step.ts');",
  ].join('\n');
  const found = importsOf(source, 'domain/ca/y.ts').map(({ specifier, target, names }) => [specifier, target ?? '', names.join(',')]);
  assert.equal(found, [
    ['node:fs', '', 'readFile,Stats'],
    ['../adapters/x.ts', 'domain/adapters/x.ts', 'X'],
    ['uvu/assert', '', ''],
    ['reflect-metadata', '', ''],
    ['./a.ts', 'domain/ca/a.ts', 'a,c'],
    ['./step.ts', 'domain/ca/step.ts', ''],
  ]);
});

boundaries.run();
