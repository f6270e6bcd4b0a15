import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WorldAnswer } from '../../adapters/studio/api.ts';
import { boundCertificateName, issuedTo } from '../../adapters/studio/web/issued-to.ts';
import { cli, tempDir } from '../support/cli.ts';
import { studioOn } from '../support/studio-server.ts';

/** How the world's IIS bindings name their certificate, from the world the real studio server answers. */
const test = suite('studio page: the certificate of an IIS binding');
const root = await tempDir('pkilab-studio-binding-');
const run = await cli('run', 'scenarios/iis-web-server-certificate.yaml', '--out', join(root, 'iis'));
if (run.code !== 0) throw new Error(`pkilab run iis-web-server-certificate exited ${run.code}: ${run.err}`);
const s = await studioOn([root]);
test.after(() => s.studio.close());
const { world } = (await s.json<WorldAnswer>(`/api/labs/${s.lab('iis')}/world`)).body;
const binding = world.iis.find((b) => b.host === 'SERVER1' && b.thumbprint !== null)!;

test("SERVER1's https binding names its empty-subject certificate by the DNS name its store shows, not '(empty subject)'", () => {
  assert.ok(binding, JSON.stringify(world.iis));
  assert.is(binding.subject || '', '');
  const held = world.stores.flatMap((st) => st.certs).find((c) => c.thumbprint === binding.thumbprint)!;
  assert.is(boundCertificateName(world, binding.thumbprint!, binding.subject), issuedTo(held));
  assert.is(boundCertificateName(world, binding.thumbprint!, binding.subject), 'server1.internal.contoso.com');
});

test("a binding to a certificate no store holds keeps the binding's own subject, or says the subject is empty", () => {
  const none = { stores: [] };
  assert.is(boundCertificateName(none, 'AB'.repeat(20), 'CN=web.contoso.com'), 'CN=web.contoso.com');
  assert.is(boundCertificateName(none, 'AB'.repeat(20), null), '(empty subject)');
});

test.run();
