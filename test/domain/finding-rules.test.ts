import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findingRules } from '../../domain/index.ts';

const rules = suite('domain/findings rule catalogue');

rules('lists exactly the rule ids the findings code emits', () => {
  const emitted = new Set(
    readdirSync('domain/findings')
      .filter((f) => f.endsWith('.ts') && f !== 'rules.ts')
      .flatMap((f) =>
        [...readFileSync(`domain/findings/${f}`, 'utf8').matchAll(/'(ESC\d+|CM-[A-Z0-9-]+|OP-[A-Z0-9-]+)'/g)].map((m) => m[1]!),
      ),
  );
  assert.equal([...findingRules].sort(), [...emitted].sort());
});

rules.run();
