// The import graph of the source tree, read from the text of each file: what the boundary, cycle and
// dead-export checks walk. Relative specifiers are resolved to paths relative to the root.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** The folders that hold pkilab's sources (test/ and scripts/ may import anything and are not part of the graph). */
export const sourceFolders = ['domain', 'projections', 'workflows', 'adapters'] as const;

export interface Import {
  readonly specifier: string;
  /** The file it names, relative to the root, for a relative specifier; undefined for a package. */
  readonly target: string | undefined;
  readonly names: readonly string[];
  readonly star: boolean;
  /** `export … from`: the names pass on to this file's importers. */
  readonly reExport: boolean;
}

/** Every .ts, .tsx and .mjs file under `folder` (relative to `root`), as root-relative paths. */
export const filesUnder = (root: string, folder: string): string[] => {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' ? [] : walk(path);
      return /\.(tsx?|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
  return existsSync(join(root, folder)) ? walk(folder) : [];
};

const statement =
  /(import|export)\s+(?:type\s+)?(\*(?:\s+as\s+\w+)?|\{[^}]*\}|\w+(?:\s*,\s*\{[^}]*\})?)\s+from\s+'([^']+)'|import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

const namesIn = (clause: string): string[] =>
  [...clause.matchAll(/(?:^|[{,])\s*(?:type\s+)?(\w+)/g)].map((m) => m[1]!).filter((name) => name !== 'as');

/** The imports and re-exports of one source text; `file` (root-relative) resolves the relative ones. */
export const importsOf = (source: string, file: string): Import[] =>
  [...source.matchAll(statement)].map((m) => {
    const specifier = m[3] ?? m[4] ?? m[5]!;
    const clause = m[2] ?? '';
    const target = specifier.startsWith('.') ? normalize(join(dirname(file), specifier)) : undefined;
    const dynamic = m[5] !== undefined;
    const named = clause.startsWith('{') ? namesIn(clause) : ['default', ...namesIn(clause).slice(1)];
    const names = clause === '' || clause.startsWith('*') ? [] : named;
    return { specifier, target, names, star: clause.startsWith('*') || dynamic, reExport: m[1] === 'export' };
  });

export interface SourceGraph {
  readonly files: readonly string[];
  readonly sources: ReadonlyMap<string, string>;
  readonly imports: ReadonlyMap<string, readonly Import[]>;
}

/** Reads every file of `folders` under `root` once. */
export const readGraph = (root: string, folders: readonly string[] = sourceFolders): SourceGraph => {
  const files = folders.flatMap((folder) => filesUnder(root, folder));
  const sources = new Map(files.map((file) => [file, readFileSync(join(root, file), 'utf8')] as const));
  const imports = new Map(files.map((file) => [file, importsOf(sources.get(file)!, file)] as const));
  return { files, sources, imports };
};
