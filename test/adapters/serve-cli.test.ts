import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';
import { servedLab } from '../support/served.ts';

const serve = suite('pkilab serve on the command line: --check, and bad input refused with exit 2');
const sha256 = await servedLab('scenarios/ca-ksp-sha256.yaml');
const tmp = await tempDir('pkilab-serve-cli-');

/** Every file under a folder with its size and modification time: what "reading never writes" compares. */
const snapshot = async (folder: string): Promise<string[]> => {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return Promise.all(files.map(async (f) => `${f} ${(await stat(f)).size} ${(await stat(f)).mtimeMs}`));
};

serve(
  'pkilab serve --check prints the map, the curl and chromium lines, probes every name and file, and leaves the lab untouched',
  async () => {
    const before = await snapshot(sha256.folder);
    const { code, out, err } = await cli('serve', sha256.folder, '--check');
    assert.is(code, 0, `${out}\n${err}`);
    assert.match(out, /https:\/\/server1\.internal\.contoso\.com\/ {2}→ {2}127\.0\.0\.1:\d+ {3}SERVER1 "Default Web Site"/);
    assert.match(out, /https:\/\/server\.contoso\.com\/ {2}→/);
    assert.match(out, /http:\/\/ca1\.contoso\.com\/CertEnroll\/ {2}→ {2}127\.0\.0\.1:\d+ {3}.*ca1\.contoso\.com_contoso-CA1-CA\.crt/);
    assert.match(out, /curl --cacert \S+ca\.pem --resolve server1\.internal\.contoso\.com:\d+:127\.0\.0\.1/);
    assert.match(
      out,
      /chromium --host-resolver-rules="MAP server1\.internal\.contoso\.com 127\.0\.0\.1:\d+, .*MAP ca1\.contoso\.com 127\.0\.0\.1:\d+"/,
    );
    assert.match(
      out,
      /ok {3}https:\/\/server1\.internal\.contoso\.com\/ {2}TLS verified against the lab CA, HTTP 200; today's OpenSSL accepts it too/,
    );
    assert.not.match(out, /FAIL/);
    assert.equal(await snapshot(sha256.folder), before);
  },
);

serve('pkilab serve refuses a folder without a lab (exit 2) and explains the options (--help)', async () => {
  const empty = await cli('serve', tmp);
  assert.is(empty.code, 2);
  assert.match(empty.err, /holds no lab/);
  assert.match((await cli('serve', '--help')).out, /--check/);
  assert.is((await cli('serve', sha256.folder, '--https-port', 'x')).code, 2);
  const taken = await cli('serve', sha256.folder, '--https-port', String(sha256.httpsPort), '--check');
  assert.is(taken.code, 2, 'a port already in use is bad input, not a crash');
  assert.match(taken.err, /cannot listen on 127\.0\.0\.1 \(https port \d+, http port any\): .*EADDRINUSE/);
});

serve('pkilab serve names a path that does not exist or is not a lab, and an unknown option, as the other commands do', async () => {
  const missing = await cli('serve', join(tmp, 'no-such-lab'), '--check');
  assert.is(missing.code, 2);
  assert.match(missing.err, /no-such-lab: no such folder or file; give the folder pkilab run --out wrote, or its lab\.jsonl/);
  const yaml = join(tmp, 'scenario.yaml');
  await writeFile(yaml, 'scenario: x\n');
  const file = await cli('serve', yaml, '--check');
  assert.is(file.code, 2);
  assert.match(file.err, /scenario\.yaml is a file, not a lab: give the folder pkilab run --out wrote, or its lab\.jsonl/);
  const unknown = await cli('serve', sha256.folder, '--bogus');
  assert.is(unknown.code, 2);
  assert.match(unknown.err, /^pkilab serve: unknown option --bogus; expected --host VALUE, .*--check or --help/);
});

serve.after(async () => {
  await sha256.running.close();
});

serve.run();
