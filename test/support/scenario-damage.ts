// Scenario files damaged as text (where the data-level mutations of scenario-torture.ts cannot reach): YAML
// syntax, control characters, huge numbers, aliases (bombs and honest ones), and random text.
import fc from 'fast-check';
import { pick, validScenario, type ScenarioSample } from './scenario-arbitraries.ts';

/** Text-level damage to a valid file: a character inserted, a control character, a cut, a huge number. */
const onText = (kind: string, damage: fc.Arbitrary<(text: string) => string>): fc.Arbitrary<ScenarioSample> =>
  fc.tuple(validScenario, damage).map(([sample, hurt]) => ({ kind, text: hurt(sample.text), valid: false }));

const insertAt = (at: number, piece: string) => (text: string) =>
  `${text.slice(0, at % (text.length + 1))}${piece}${text.slice(at % (text.length + 1))}`;

const indicators = [':', '[', ']', '{', '}', '- ', '&', '*', '!', '|', '>', "'", '"', '#', '%', '@', '`', '\t', '\n', '? ', ',', '---\n'];
export const syntax = onText(
  'YAML syntax',
  fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom(...indicators)).map(([at, c]) => insertAt(at, c)),
    fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  ),
);

const controls = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\ud800', '\r'];
export const control = onText(
  'control characters',
  fc.tuple(fc.nat(), fc.constantFrom(...controls)).map(([at, c]) => insertAt(at, c)),
);

const huge = [
  '1'.repeat(400),
  '1e400',
  '-1e400',
  `0x${'f'.repeat(300)}`,
  '0o777777777777777777777',
  '.inf',
  '-.nan',
  '9007199254740993',
  '-0',
];
export const hugeNumber = onText(
  'huge number',
  fc.tuple(fc.nat(), fc.constantFrom(...huge)).map(([at, n]) => (text: string) => {
    const values = [...text.matchAll(/: ([^\n{[]+)/g)];
    if (values.length === 0) return `${text}minutes: ${n}\n`;
    const m = pick(values, at);
    return `${text.slice(0, m.index + 2)}${n}${text.slice(m.index + m[0].length)}`;
  }),
);

/** Aliases used as intended: a valid file. */
const reused = 'scenario: &n aliased\ntitle: *n\nprocedures: [&p iis-web-server-certificate]\nexpect: { completed: [*p] }\n';
export const aliases: fc.Arbitrary<ScenarioSample> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 9 })).map(([width, depth]) => {
    const level = (i: number) =>
      `l${i}: &l${i} [${Array(width)
        .fill(i === 0 ? 'lol' : `*l${i - 1}`)
        .join(', ')}]`;
    return { kind: 'alias bomb', text: `${Array.from({ length: depth }, (_, i) => level(i)).join('\n')}\n`, valid: false };
  }),
  fc.constant({ kind: 'aliases', text: reused, valid: true }),
  fc.constant({ kind: 'aliases', text: 'a: &x [*x]\n', valid: false }),
  fc.constant({ kind: 'aliases', text: 'scenario: *nowhere\nprocedures: [iis-web-server-certificate]\n', valid: false }),
);

const tokens = [
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '\n',
  '  ',
  'scenario',
  'procedures',
  'expect',
  '|',
  '>',
  '"',
  "'",
  '#',
  '%YAML 1.1\n',
  '---',
  '...',
  '? ',
  ', ',
  '\t',
];
export const randomText: fc.Arbitrary<ScenarioSample> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((parts) => parts.join('')),
    fc.integer({ min: 1, max: 3000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  )
  .map((text) => ({ kind: 'random text', text, valid: false }));
