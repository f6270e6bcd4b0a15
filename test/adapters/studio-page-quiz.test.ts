import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { StepView } from '../../adapters/studio/api.ts';
import { shownOptions } from '../../adapters/studio/web/quiz.ts';
import { noRestartLabs, studioOn } from '../support/studio-server.ts';

/** The stepper's options in and out of quiz mode, from the step views the real studio server answers (no-restart lab). */
const test = suite("studio page: the stepper's options in quiz mode");
const { root } = await noRestartLabs();
const s = await studioOn([root]);
test.after(() => s.studio.close());
const stepView = async (quiz: 0 | 1) =>
  (await s.json<StepView>(`/api/labs/${s.lab('no-restart')}/step/iis-web-server-certificate?quiz=${quiz}`)).body.step!;
const plain = await stepView(0);
const quiz = await stepView(1);

test("outside a quiz the options keep the server's order and labels, the seed's first", () => {
  assert.ok(plain.options.length >= 3, JSON.stringify(plain.options));
  assert.equal(
    shownOptions(plain.options, false),
    plain.options.map((o, index) => ({ index, label: o.label })),
  );
  assert.ok(plain.options[0]!.seed);
});

test("in a quiz no option says it is the seed's: each reads as its dialog fields, the seed's as the names it requests", () => {
  const shown = shownOptions(quiz.options, true);
  assert.not.ok(
    shown.some((o) => /seed/i.test(o.label)),
    JSON.stringify(shown),
  );
  assert.match(shown.find((o) => o.index === 0)!.label, /Computer: SERVER1 · .*server1\.internal\.contoso\.com.*server\.contoso\.com/);
  assert.is(new Set(shown.map((o) => o.index)).size, quiz.options.length);
});

test('in a quiz the options are in the order of their words, so the first place does not point at the seed', () => {
  const labels = shownOptions(quiz.options, true).map((o) => o.label);
  assert.equal(
    labels,
    [...labels].sort((a, b) => a.localeCompare(b)),
  );
});

test.run();
