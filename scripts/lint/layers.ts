// ARCHITECTURE.md's layer rules as a check: which folders and packages each top-level folder may import, and
// what a pure folder must never touch.
import type { SourceGraph } from './imports.ts';

/** Which packages and top-level folders each folder may import. */
export const layerRules: Readonly<Record<string, { folders: readonly string[]; packages: readonly string[] }>> = {
  domain: { folders: ['domain'], packages: ['ts-pattern'] },
  projections: { folders: ['projections', 'domain'], packages: ['immer', 'ts-pattern', 'rxjs'] },
  workflows: { folders: ['workflows', 'domain', 'projections'], packages: ['xstate', 'ts-pattern', 'rxjs', 'zod'] },
  adapters: { folders: ['adapters', 'workflows', 'domain', 'projections'], packages: ['*'] },
};

/** The folders that decide and fold: no clock, randomness, process state, crypto or network. */
export const pureFolders = ['domain', 'projections', 'workflows'] as const;
const impure = [/\bDate\.now\(/, /new Date\(\)/, /Math\.random\(/, /\bprocess\./, /\bcrypto\./, /\bfetch\(/];

const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** Each import that breaks the layer rules, as `file imports X (why)`. */
export const layerProblems = (graph: SourceGraph): string[] =>
  graph.files.flatMap((file) => {
    const folder = file.split('/')[0]!;
    const rule = layerRules[folder];
    if (!rule) return [];
    return graph.imports.get(file)!.flatMap(({ specifier, target }) => {
      if (target === undefined) {
        const allowed = rule.packages.includes('*') || rule.packages.includes(packageOf(specifier));
        return allowed ? [] : [`${file} imports the package ${specifier} (${folder}/ may import ${rule.packages.join(', ')})`];
      }
      const top = target.split('/')[0]!;
      if (!rule.folders.includes(top)) return [`${file} imports ${specifier} (${top}/ is not allowed in ${folder}/)`];
      if (top !== folder && target !== `${top}/index.ts`) return [`${file} reaches into ${target}; import ${top}/index.ts instead`];
      return [];
    });
  });

/** Each line of a pure folder that reads the clock, randomness, the process, crypto or the network. */
export const purityProblems = (graph: SourceGraph): string[] =>
  graph.files
    .filter((file) => (pureFolders as readonly string[]).includes(file.split('/')[0]!))
    .flatMap((file) =>
      graph.sources
        .get(file)!
        .split('\n')
        .flatMap((line, i) => impure.filter((re) => re.test(line)).map((re) => `${file}:${i + 1} matches ${re}`)),
    );
