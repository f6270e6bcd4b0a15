import { readdirSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { redecisionPorts } from '../adapters/travel/redecision-ports.ts';
import { openSource } from '../adapters/travel/source.ts';
import { normalize, redecide } from '../workflows/index.ts';

/**
 * Replay as regression tests (Temporal's replayer): every recorded lab in test/recorded/ is decided again
 * from its inputs; a change to the rules that alters an outcome fails here, naming the first position.
 * Regenerate the folder with `npm run record` only when that change is intended.
 */
const recorded = suite('recorded logs decide again to the recorded outcomes');

for (const file of readdirSync('test/recorded')
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  recorded(`${file} re-decides identically`, async () => {
    const source = await openSource(`test/recorded/${file}`, () => undefined);
    const standIns: string[] = [];
    const { lab, divergedAt } = await redecide(
      redecisionPorts(source, (ref) => standIns.push(ref)),
      source.events,
    );
    assert.equal(standIns, [], 'the bundle carries every key it needs');
    if (divergedAt !== undefined) {
      const [was, now] = [normalize(source.events)[divergedAt - 1], normalize(lab.events)[divergedAt - 1]];
      assert.unreachable(`${file} diverges at position ${divergedAt}:\n  recorded:   ${was}\n  re-decided: ${now}`);
    }
    assert.is(lab.events.length, source.events.length);
  });
}

recorded('a changed rule is caught: a re-decision with one input changed diverges at that input', async () => {
  const source = await openSource('test/recorded/iis-web-server-certificate.json', () => undefined);
  const restart = source.events.find((e) => e.type === 'ActionTaken' && e.data.step === 'restart')!;
  const { divergedAt } = await redecide(
    redecisionPorts(source, () => undefined),
    source.events,
    { kind: 'skip', position: restart.position },
  );
  assert.is(divergedAt, restart.position);
});

recorded.run();
