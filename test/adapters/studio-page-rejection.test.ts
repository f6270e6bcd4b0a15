import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WhatIfAnswer } from '../../adapters/studio/api.ts';
import { rejectionText } from '../../adapters/studio/web/rejection-text.ts';
import { noRestartLabs, studioOn } from '../support/studio-server.ts';

/** The what-if sides' line for a refused step, from a what-if the real studio server runs on the no-restart lab. */
const test = suite("studio page: a what-if's refused step");
const { root } = await noRestartLabs();
const s = await studioOn([root]);
test.after(() => s.studio.close());
const id = s.lab('no-restart');
const restart = (await s.json(`/api/labs/${id}/timeline?limit=500`)).body.rows.find((r: any) => r.step === 'restart').position;

test('a restart with the Computer field left empty says which field and what it expected, not only INVALID_CHOICE', async () => {
  const { status, body } = await s.post(`/api/labs/${id}/what-if`, { edits: [{ input: restart, op: 'change', choice: { computer: '' } }] });
  assert.is(status, 200, JSON.stringify(body));
  const [refused] = (body as WhatIfAnswer).changed.rejections;
  const line = rejectionText(refused!);
  assert.match(line, /^restart: invalid-choice INVALID_CHOICE — /);
  assert.match(line, /restart\.computer: expected a computer's name \(letters, digits, '\.', '-' or '_'\), found ""/);
});

test('the recorded refusal keeps its Windows code and what the snap-in said', async () => {
  const { body } = await s.post(`/api/labs/${id}/what-if`, { edits: [{ input: restart, op: 'change', choice: { computer: 'SERVER1' } }] });
  const [recorded] = (body as WhatIfAnswer).original.rejections;
  assert.match(rejectionText(recorded!), /^request-certificate: 0x80094012 CERTSRV_E_TEMPLATE_DENIED — \S/);
});

test.run();
