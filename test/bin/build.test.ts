import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error plain JavaScript modules without declarations (they run before any TypeScript tooling)
import { freshEntry } from '../../bin/build-state.mjs';
// @ts-expect-error see above
import { buildCli } from '../../scripts/build.mjs';

const build = suite('the CLI build (scripts/build.mjs, bin/build-state.mjs)');

const tree = () => {
  const root = mkdtempSync(join(tmpdir(), 'pkilab-build-'));
  for (const file of ['package.json', 'tsconfig.json', 'src/a.ts'])
    mkdirSync(join(root, file, '..'), { recursive: true }), writeFileSync(join(root, file), '{}');
  const startedAt = Date.now() + 10_000; // every file above is older than this build
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist/manifest.json'), JSON.stringify({ startedAt, entry: 'main.mjs', inputs: ['src/a.ts'] }));
  writeFileSync(join(root, 'dist/main.mjs'), '');
  return {
    root,
    startedAt,
    later: (file: string) => utimesSync(join(root, file), new Date(startedAt + 5_000), new Date(startedAt + 5_000)),
  };
};

build('a build newer than all its sources runs', () => {
  const { root } = tree();
  assert.is(freshEntry(root), join(root, 'dist/main.mjs'));
  rmSync(root, { recursive: true });
});

build('a source, package.json or tsconfig.json changed after the build sends pkilab back to the sources', () => {
  for (const file of ['src/a.ts', 'package.json', 'tsconfig.json']) {
    const { root, later } = tree();
    later(file);
    assert.is(freshEntry(root), undefined, file);
    rmSync(root, { recursive: true });
  }
});

build('a missing source, manifest or unreadable manifest means no build', () => {
  const { root } = tree();
  rmSync(join(root, 'src/a.ts'));
  assert.is(freshEntry(root), undefined);
  writeFileSync(join(root, 'dist/manifest.json'), '{"startedAt": "soon"');
  assert.is(freshEntry(root), undefined);
  rmSync(join(root, 'dist/manifest.json'));
  assert.is(freshEntry(root), undefined);
  rmSync(root, { recursive: true });
});

build('a build with a file of its own missing (a chunk, the entry) sends pkilab back to the sources, not to a stack trace', () => {
  for (const gone of ['dist/chunks/c.mjs', 'dist/main.mjs']) {
    const { root, startedAt } = tree();
    mkdirSync(join(root, 'dist/chunks'));
    for (const file of ['dist/main.mjs', 'dist/chunks/c.mjs']) writeFileSync(join(root, file), '');
    writeFileSync(
      join(root, 'dist/manifest.json'),
      JSON.stringify({ startedAt, entry: 'main.mjs', inputs: ['src/a.ts'], outputs: ['main.mjs', 'chunks/c.mjs'] }),
    );
    assert.is(freshEntry(root), join(root, 'dist/main.mjs'), 'whole');
    rmSync(join(root, gone));
    assert.is(freshEntry(root), undefined, gone);
    rmSync(root, { recursive: true });
  }
});

build('the built entry imports no package and no command module before a command runs', async () => {
  const out = mkdtempSync(join(tmpdir(), 'pkilab-dist-'));
  const meta = await buildCli(join(out, 'dist'));
  const entry = meta.outputs[Object.keys(meta.outputs).find((path: string) => path.endsWith('/main.mjs'))!];
  const eager = (output: { imports: { path: string; kind: string; external?: boolean }[] }): string[] =>
    output.imports.filter((i) => i.kind !== 'dynamic-import').flatMap((i) => (i.external ? [i.path] : eager(meta.outputs[i.path])));
  assert.equal(eager(entry), []);
  const lazy = entry.imports.filter((i: { kind: string }) => i.kind === 'dynamic-import');
  assert.ok(lazy.length >= 5, `expected a lazy chunk per command, found ${lazy.length}`);
  assert.ok(Object.keys(meta.inputs).includes('adapters/cli/run.ts'), 'the run command is part of the build');
  const { outputs } = JSON.parse(readFileSync(join(out, 'dist/manifest.json'), 'utf8')) as { outputs: string[] };
  assert.ok(
    outputs.includes('main.mjs') && outputs.filter((o) => o.startsWith('chunks/')).length >= 5,
    "the manifest lists the build's files",
  );
  assert.ok(
    outputs.every((o) => existsSync(join(out, 'dist', o))),
    'each of them is there',
  );
  rmSync(out, { recursive: true });
});

build.run();
