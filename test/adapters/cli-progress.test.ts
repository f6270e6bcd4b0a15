import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issuanceProgress } from '../../adapters/cli/progress.ts';
import type { LabPorts } from '../../workflows/index.ts';

const progress = suite('adapters/cli run progress');

const signing = () =>
  ({ signer: { sign: async () => ({ der: 'MII', thumbprint: 'AB' }), signCrl: async () => ({ der: 'MII' }) } }) as unknown as LabPorts;

const run = async (isTTY: boolean, signatures: number, msPerSignature: number, columns = 120) => {
  let clock = 0;
  const written: string[] = [];
  const bar = issuanceProgress({ isTTY, columns, write: (t) => written.push(t) }, 40, () => clock);
  const ports = bar.ports(signing());
  for (let i = 0; i < signatures; i += 1) {
    clock += msPerSignature;
    await ports.signer.sign({} as never);
  }
  await ports.signer.signCrl({} as never);
  bar.done();
  return written;
};

progress('a long run on a terminal draws certificates so far and their rate, then clears its line', async () => {
  const written = await run(true, 30, 200);
  assert.ok(written.length > 1);
  assert.match(written.at(-2)!, /^\r {2}█+░+ 30 certificates \(40 computers\), 5\/s\x1b\[K$/);
  assert.is(written.at(-1), '\r\x1b[K');
});

progress('a terminal of no known width (a pseudo-terminal without a size) gets the whole line', async () => {
  const written = await run(true, 30, 200, 0);
  assert.match(written.at(-2)!, /30 certificates \(40 computers\), 5\/s\x1b\[K$/);
});

progress('nothing is drawn off a terminal, nor in a run shorter than a second', async () => {
  assert.equal(await run(false, 30, 200), []);
  assert.equal(await run(true, 5, 100), []);
});

progress.run();
