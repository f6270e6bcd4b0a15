import fc from 'fast-check';
import { produce } from 'immer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { recordView } from '../../projections/record-view.ts';

const view = suite('projections/record-view');

const of = (plain: Record<string, number>) => {
  const reads: string[] = [];
  const record = recordView<number>({
    get: (key) => {
      reads.push(key);
      return Object.hasOwn(plain, key) ? plain[key] : undefined;
    },
    keys: () => Object.keys(plain),
  });
  return { record, reads };
};

view('a record view reads as the plain record it stands for: keys, in, spread, JSON, entries, deep equality', () => {
  const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in Object.prototype));
  fc.assert(
    fc.property(fc.dictionary(key, fc.integer(), { noNullPrototype: true }), (plain) => {
      const { record } = of(plain);
      assert.equal(Object.keys(record), Object.keys(plain));
      assert.equal(record, plain);
      assert.equal({ ...record }, plain);
      assert.is(JSON.stringify(record), JSON.stringify(plain));
      assert.equal(Object.entries(record), Object.entries(plain));
      for (const k of Object.keys(plain)) assert.ok(k in record && Object.hasOwn(record, k));
    }),
    { numRuns: 200, seed: 1126 },
  );
});

view('an entry is read only when asked, and names of Object.prototype read as on a plain record', () => {
  const { record, reads } = of({ PC1: 1, PC2: 2 });
  assert.is(record.PC2, 2);
  assert.equal(reads, ['PC2']);
  assert.is(record.constructor, Object);
  assert.ok(!Object.hasOwn(record, 'toString') && 'toString' in record);
  assert.is(record.nothing, undefined);
});

view('it refuses writes, and an immer draft of it copies it on its first write', () => {
  const { record } = of({ PC1: 1, PC2: 2 });
  assert.throws(() => {
    record.PC1 = 5;
  }, /read-only/);
  assert.throws(() => delete record.PC1, /read-only/);
  const changed = produce({ record }, (draft) => {
    draft.record.PC3 = 3;
  });
  assert.equal(changed.record, { PC1: 1, PC2: 2, PC3: 3 });
  assert.equal(record, { PC1: 1, PC2: 2 });
});

view.run();
