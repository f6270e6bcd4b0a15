import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

/** ARCHITECTURE.md's folder table, as rules: which packages and top-level folders each folder may import. */
const rules: Record<string, { folders: string[]; packages: string[] }> = {
  domain: { folders: ['domain'], packages: ['ts-pattern'] },
  projections: { folders: ['projections', 'domain'], packages: ['immer', 'ts-pattern', 'rxjs'] },
  workflows: { folders: ['workflows', 'domain', 'projections'], packages: ['xstate', 'ts-pattern', 'rxjs', 'zod'] },
  adapters: { folders: ['adapters', 'workflows', 'domain', 'projections'], packages: ['*'] },
};
/** What a pure folder must never do: read the clock, draw randomness, touch the process or crypto. */
const impure = [/\bDate\.now\(/, /new Date\(\)/, /Math\.random\(/, /\bprocess\./, /\bcrypto\./, /\bfetch\(/];

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(path) ? [path] : [];
  });

const imports = (source: string): string[] => [...source.matchAll(/(?:import|export)\s[^;]*?from\s+'([^']+)'|import\s+'([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

const boundaries = suite('import boundaries (ARCHITECTURE.md)');

for (const [folder, rule] of Object.entries(rules)) {
  boundaries(`${folder}/ imports only what the architecture allows`, () => {
    const problems: string[] = [];
    for (const file of files(folder)) {
      for (const specifier of imports(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = relative(process.cwd(), resolve(dirname(file), specifier));
          const top = target.split('/')[0]!;
          if (!rule.folders.includes(top)) problems.push(`${file} imports ${specifier} (${top}/ is not allowed here)`);
          else if (top !== folder && !target.endsWith('/index.ts')) problems.push(`${file} reaches into ${target}; import ${top}/index.ts instead`);
        } else {
          const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
          if (!rule.packages.includes('*') && !rule.packages.includes(pkg)) problems.push(`${file} imports the package ${specifier}`);
        }
      }
    }
    assert.equal(problems, []);
  });
}

for (const folder of ['domain', 'projections', 'workflows']) {
  boundaries(`${folder}/ reads no clock, randomness, process state or crypto`, () => {
    const problems = files(folder).flatMap((file) =>
      readFileSync(file, 'utf8').split('\n').flatMap((line, i) => impure.filter((re) => re.test(line)).map((re) => `${file}:${i + 1} matches ${re}`)),
    );
    assert.equal(problems, []);
  });
}

boundaries('the rules catch a forbidden import (the checker is not vacuous)', () => {
  assert.equal(imports("import { readFile } from 'node:fs';\nimport type { X } from '../adapters/x.ts';"), ['node:fs', '../adapters/x.ts']);
});

boundaries.run();
