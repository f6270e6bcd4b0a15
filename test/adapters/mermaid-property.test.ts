import * as fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createMachine } from 'xstate';
import { mermaid, procedureChart } from '../../adapters/charts/index.ts';
import { checkMermaid } from '../support/mermaid-check.ts';

/** Any machine text could hold (step titles, state keys) drawn as Mermaid: the output must stay well formed. */
const property = suite('adapters/charts mermaid on any labels and keys');

/** Pieces Mermaid's lexer treats as syntax, mixed with ordinary text. */
const tricky = fc.constantFrom(
  '"',
  ':',
  ';',
  '#',
  '%%',
  '%%{init}',
  '\n',
  '\r\n',
  ' ',
  '{',
  '}',
  '-->',
  '[*]',
  'direction TB',
  'Direction lr',
  '<<fork>>',
  '[[choice]]',
  'default',
  'state',
  'class',
  'as',
  'classDef',
  ':::',
  'é',
  '✓',
);
const text = fc.array(fc.oneof(tricky, fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join(''));
/** State keys: anything but the dot, hash and backslash xstate reads as paths, ids and escapes; not empty. */
const key = fc.oneof(text, fc.constantFrom('a-b', 'a_b', 'a b', 'default')).map((k) => k.replace(/[.#\\]/g, '') || 'k');

const chain = fc.uniqueArray(fc.tuple(key, text), { minLength: 1, maxLength: 6, selector: ([k]) => k });

property('every state appears once with a non-empty one-line description, every transition is kept, in valid syntax', () => {
  fc.assert(
    fc.property(chain, text, fc.nat(), ([...steps], phaseTitle, lit) => {
      const keys = steps.map(([k]) => k);
      const inner = Object.fromEntries(
        steps.map(([k, title], i) => [
          k,
          { description: title, on: { [`GO ${title}`]: { target: i + 1 < steps.length ? keys[i + 1]! : 'end' } } },
        ]),
      );
      const machine = createMachine({
        id: 'generated',
        initial: 'phase',
        states: { phase: { description: phaseTitle, initial: keys[0]!, states: { ...inner, end: { type: 'final' } } } },
      });
      const current = keys[lit % keys.length]!;
      const chart = procedureChart(machine, { value: { phase: current }, choices: {}, rejected: [] });
      const shape = checkMermaid(mermaid(chart));
      assert.equal(shape.problems, []);
      assert.is(shape.states.size, chart.nodes.length);
      assert.is(shape.transitions.filter((t) => t.from !== '[*]' && t.to !== '[*]').length, chart.edges.length);
      assert.is(shape.classes.get('current')!.length, 1);
    }),
    { numRuns: 300 },
  );
});

property.run();
