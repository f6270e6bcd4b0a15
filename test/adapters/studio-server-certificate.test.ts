import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateAnswer, WorldAnswer } from '../../adapters/studio/api.ts';
import { cli, tempDir } from '../support/cli.ts';
import { studioOn } from '../support/studio-server.ts';

/** A certificate's details as the studio server reads them from the DER of SERVER1's web server certificate. */
const test = suite("studio server: a certificate's extensions");
const root = await tempDir('pkilab-studio-certificate-');
const run = await cli('run', 'scenarios/iis-web-server-certificate.yaml', '--out', join(root, 'iis'));
if (run.code !== 0) throw new Error(`pkilab run iis-web-server-certificate exited ${run.code}: ${run.err}`);
const s = await studioOn([root]);
test.after(() => s.studio.close());
const id = s.lab('iis');
const { world } = (await s.json<WorldAnswer>(`/api/labs/${id}/world`)).body;
const thumbprint = world.stores.flatMap((st) => st.certs).find((c) => c.sans.includes('DNS:server.contoso.com'))!.thumbprint;
const { body } = await s.json<CertificateAnswer>(`/api/labs/${id}/certificate/${thumbprint}`);
const extension = (name: string) => body.extensions.find((e) => e.name === name)?.text ?? '';

test('the CRL distribution points read as the URLs the CA wrote (LDAP and the CertEnroll http one), not hex', () => {
  assert.match(extension('CRL Distribution Points'), /^URL=ldap:\/\/\/CN=contoso-CA1-CA,CN=CA1,CN=CDP,/);
  assert.match(extension('CRL Distribution Points'), /, URL=http:\/\/ca1\.contoso\.com\/CertEnroll\/contoso-CA1-CA\.crl$/);
});

test("the authority information access reads as the CA certificate's URLs", () => {
  assert.match(extension('Authority Information Access'), /^CA Issuers: URL=ldap:\/\/\/CN=contoso-CA1-CA,CN=AIA,/);
  assert.match(
    extension('Authority Information Access'),
    /CA Issuers: URL=http:\/\/ca1\.contoso\.com\/CertEnroll\/ca1\.contoso\.com_contoso-CA1-CA\.crt$/,
  );
});

test.run();
