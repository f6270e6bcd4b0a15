// Dead exports: names a file exports that no other file imports. Run it to list them:
//   node --import tsx scripts/lint/dead-exports.ts
// A name used in its own file only needs no `export`; a name used nowhere is dead code. Re-exports (index.ts)
// count as a use only while the name they pass on is itself used, so a chain through an index is followed.
import { pathToFileURL } from 'node:url';
import { type Import, readGraph, type SourceGraph } from './imports.ts';

/** Every folder whose files may import a source file (the uses); exports are looked for in `sourceFolders`. */
export const usingFolders = ['domain', 'projections', 'workflows', 'adapters', 'scripts', 'test', 'bin'] as const;

export interface DeadExport {
  readonly file: string;
  readonly name: string;
  /** Whether the file itself uses the name (then only `export` goes), or it is used nowhere (the code goes). */
  readonly usedInFile: boolean;
}

const declared =
  /^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+(\w+)/gm;
const listed = /^export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/gm;

/** The names a source text declares as exports, and those it exports from a local list (`export { a as b }`). */
const exportedNames = (source: string): string[] => [
  ...[...source.matchAll(declared)].map((m) => m[1]!),
  ...[...source.matchAll(listed)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((part) => part.trim().replace(/^type\s+/, ''))
      .filter(Boolean)
      .map((part) => part.split(/\s+as\s+/).pop()!),
  ),
];

/** `export { a as b } from './x.ts'`: b passes on x's a. */
const reExports = (source: string, imports: readonly Import[]): Map<string, string> => {
  const passed = new Map<string, string>();
  for (const m of source.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}\s*from\s+'([^']+)'/gm)) {
    for (const part of m[1]!
      .split(',')
      .map((p) => p.trim().replace(/^type\s+/, ''))
      .filter(Boolean)) {
      const [inner, outer = inner] = part.split(/\s+as\s+/);
      passed.set(outer!, `${imports.find((i) => i.specifier === m[2])?.target}#${inner}`);
    }
  }
  return passed;
};

const usedIn = (source: string, name: string): boolean => (source.match(new RegExp(`\\b${name}\\b`, 'g')) ?? []).length > 1;

/**
 * A bounded context's events and commands are its published language (STYLE: one union per context, each member's
 * type alias named like its `type` string): their aliases stay exported though only the union is imported.
 */
const publishedLanguage = /^domain\/.*(?:^|\/|-)(?:events|commands)\.ts$/;

/** Type-level agreement checks: exported only so that an unused alias is not reported; tsc checks them. */
const compileTimeChecks = new Set(['adapters/schemas/events.ts#SchemasMatchTypes', 'adapters/travel/bundle.ts#BundleMatchesSource']);

/** The exports of `exportFolders` that no other file of the graph imports (by name, star or dynamic import). */
export const deadExports = (graph: SourceGraph, exportFolders: readonly string[]): DeadExport[] => {
  const exports = new Map<string, string>(); // `file#name` → file
  const passes = new Map<string, string>(); // `index#outer` → `file#inner`
  for (const file of graph.files) {
    const source = graph.sources.get(file)!;
    for (const name of exportedNames(source)) exports.set(`${file}#${name}`, file);
    for (const [outer, inner] of reExports(source, graph.imports.get(file)!)) {
      exports.set(`${file}#${outer}`, file);
      passes.set(`${file}#${outer}`, inner);
    }
  }
  const starred = new Set(
    graph.files.flatMap((file) =>
      graph.imports
        .get(file)!
        .filter((i) => i.star && i.target)
        .map((i) => i.target!),
    ),
  );
  const used = new Set<string>();
  const use = (key: string): void => {
    if (used.has(key)) return;
    used.add(key);
    const inner = passes.get(key);
    if (inner) use(inner);
  };
  for (const file of graph.files) {
    for (const { target, names, reExport } of graph.imports.get(file)!) {
      // A re-export is not a use by itself: it becomes one when the name it passes on is used (see `use`).
      if (target && !reExport) for (const name of names) use(`${target}#${name}`);
    }
  }
  for (const key of exports.keys()) if (starred.has(exports.get(key)!)) use(key);
  return [...exports.keys()]
    .filter(
      (key) =>
        !used.has(key) &&
        exportFolders.includes(key.split('/')[0]!) &&
        !publishedLanguage.test(exports.get(key)!) &&
        !compileTimeChecks.has(key),
    )
    .map((key) => {
      const [file, name] = key.split('#') as [string, string];
      return { file, name, usedInFile: usedIn(graph.sources.get(file)!, name) };
    });
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dead = deadExports(readGraph(process.cwd(), usingFolders), ['domain', 'projections', 'workflows', 'adapters']);
  for (const { file, name, usedInFile } of dead)
    console.log(`${file}: ${name} (${usedInFile ? 'used only in its own file' : 'used nowhere'})`);
  console.log(`${dead.length} dead exports`);
}
