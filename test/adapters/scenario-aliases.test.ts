import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDocument } from 'yaml';
import { aliasExpansion, aliasProblem, maxExpansion } from '../../adapters/scenario/yaml-aliases.ts';
import { scenarioProblem as problem } from '../support/scenario-problem.ts';

const aliases = suite('adapters/scenario yaml-aliases: the expansion measured on the nodes');

/** A YAML tree to write out: a scalar, an alias to an anchor written earlier, or a collection that may carry an anchor. */
type Tree = { kind: 'scalar' } | { kind: 'alias'; pick: number } | { kind: 'seq' | 'map'; anchored: boolean; items: Tree[] };

const tree = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Tree>({ kind: 'scalar' }),
    fc.nat().map((pick): Tree => ({ kind: 'alias', pick })),
    fc.record({
      kind: fc.constantFrom<'seq' | 'map'>('seq', 'map'),
      anchored: fc.boolean(),
      items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
    }),
  ),
})).node;

/** Flow-style YAML; an alias names one of the anchors already closed (none closed yet: a scalar instead). */
const yamlOf = (root: Tree): string => {
  const closed: string[] = [];
  let next = 0;
  const write = (node: Tree): string => {
    if (node.kind === 'scalar') return 'v';
    if (node.kind === 'alias') return closed.length === 0 ? 'v' : `*${closed[node.pick % closed.length]}`;
    const name = node.anchored ? `a${next++}` : undefined;
    const items = node.items.map((item, i) => (node.kind === 'seq' ? write(item) : `k${i}: ${write(item)}`));
    if (name) closed.push(name);
    const body = node.kind === 'seq' ? `[${items.join(', ')}]` : `{${items.join(', ')}}`;
    return name ? `&${name} ${body}` : body;
  };
  return `${write(root)}\n`;
};

/** The oracle: the nodes of the value the YAML library builds, walked through every shared reference. */
const walked = (value: unknown): number => {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + walked(item), 1);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + 1 + walked(item), 1);
  return 1;
};

aliases('counts as many nodes as walking the value the YAML library builds, aliases expanded (fast-check)', () => {
  fc.assert(
    fc.property(tree, (root) => {
      const doc = parseDocument(yamlOf(root));
      assert.equal(doc.errors, []);
      const { expanded, cycleAt, unresolved } = aliasExpansion(doc);
      assert.is(cycleAt, undefined);
      assert.is(unresolved, undefined);
      assert.is(expanded, walked(doc.toJS({ maxAliasCount: -1 })));
    }),
    { numRuns: 300 },
  );
});

aliases('counts the written nodes once each, an alias as one node', () => {
  const { written, expanded } = aliasExpansion(parseDocument('a: &x [1, 2]\nb: *x\n'));
  assert.is(written, 7); // the root map, keys a and b, the sequence, 1, 2, the alias
  assert.is(expanded, 9);
});

aliases(`refuses a document its aliases grow past ${maxExpansion} times its written size, and no smaller one`, () => {
  const nine = (item: string) => `[${Array(9).fill(item).join(', ')}]`;
  const three = `a: &a ${nine('x')}\nb: &b ${nine('*a')}\nc: ${nine('*b')}\n`;
  const four = `a: &a ${nine('x')}\nb: &b ${nine('*a')}\nc: &c ${nine('*b')}\nd: ${nine('*c')}\n`;
  assert.is(aliasProblem(parseDocument(three)), undefined);
  const bomb = aliasProblem(parseDocument(four));
  assert.match(bomb?.problem ?? '', /alias bomb/);
  assert.is(bomb?.at, four.indexOf('*a'));
});

aliases('accepts one anchor reused many times (the YAML library alone would refuse it past 100 uses)', () => {
  const text = `v: &v x\nlist: [${Array(150).fill('*v').join(', ')}]\n`;
  assert.throws(() => parseDocument(text).toJS({ maxAliasCount: 100 }), /alias/i);
  assert.is(aliasProblem(parseDocument(text)), undefined);
});

aliases('refuses an alias inside its own anchor, at the alias, instead of building a value that contains itself', () => {
  for (const text of ['a: &x [*x]\n', 'a: &x { b: *x }\n']) {
    const found = aliasProblem(parseDocument(text));
    assert.match(found?.problem ?? '', /inside its own anchor/);
    assert.is(found?.at, text.indexOf('*x'));
  }
});

aliases('a scenario file names the line of the alias it refuses: an unknown anchor, a cycle', () => {
  const unknown = problem('scenario: x\ntitle: *nowhere\nprocedures: [iis-web-server-certificate]\n');
  assert.is(unknown.line, 2);
  assert.is(unknown.problem, 'the alias *nowhere names no anchor &nowhere before it');
  const cycle = problem('scenario: x\nlab: &l\n  computers: [*l]\nprocedures: [iis-web-server-certificate]\n');
  assert.is(cycle.line, 3);
});

aliases.run();
