import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';

const seed = suite('the whole seed deployment (pkilab run --all)');
const out = await tempDir();
const run = await cli('run', '--all', '--out', out, '--json');
const report = JSON.parse(run.out);
type Cert = { host: string; store: string; template: string; pem: string; der: string; thumbprint: string };
const certificate = (host: string, template: string): Cert => {
  const found = (report.certificates as Cert[]).find((c) => c.host === host && c.template === template);
  if (!found) throw new Error(`no ${template} on ${host}`);
  return found;
};
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });
const verify = (pem: string, purpose: string) => openssl('verify', '-CAfile', report.caCertificate, '-purpose', purpose, pem);
const text = (pem: string) => openssl('x509', '-in', pem, '-noout', '-text');

seed('runs every procedure in one lab with no rejection', () => {
  assert.is(run.code, 0, run.err);
  assert.ok(report.ok);
  assert.equal(report.rejections, []);
  assert.is(report.expectations.filter((e: { name: string }) => e.name.startsWith('procedure ')).length, 9);
});

const expected: Array<[host: string, template: string, purpose: 'sslserver' | 'sslclient']> = [
  ['SERVER1', 'ConfigMgr Web Server Certificate', 'sslserver'],
  ['SERVER1', 'ConfigMgr Cloud-Based Distribution Point Certificate', 'sslserver'],
  ['CLIENT1', 'ConfigMgr Client Certificate', 'sslclient'],
  ['SERVER1', 'ConfigMgr Client Certificate', 'sslclient'],
  ['SERVER1', 'ConfigMgr Client Distribution Point Certificate', 'sslclient'],
  ['ADELEV-PHONE', 'ConfigMgr Mobile Device Enrollment Certificate', 'sslclient'],
  ['SERVER1', 'ConfigMgr AMT Provisioning', 'sslserver'],
  ['AMT1', 'ConfigMgr AMT Web Server Certificate', 'sslserver'],
  ['AMT1', 'ConfigMgr AMT 802.1X Client Authentication Certificate', 'sslclient'],
  ['MEGANB-MAC', 'ConfigMgr Mac Client Certificate', 'sslclient'],
];

for (const [host, template, purpose] of expected) {
  seed(`${host}'s "${template}" verifies against the lab CA with -purpose ${purpose}`, () => {
    assert.match(verify(certificate(host, template).pem, purpose), /: OK/);
  });
}

seed('every certificate carries the template information of its version 2 template and the application policies', () => {
  for (const [host, template] of expected) {
    const t = text(certificate(host, template).pem);
    assert.match(t, /1\.3\.6\.1\.4\.1\.311\.21\.7/, template);
    assert.match(t, /1\.3\.6\.1\.4\.1\.311\.21\.10/, template);
  }
});

seed('the AMT provisioning certificate has Server Authentication and the AMT Provisioning OID, with the service point FQDN as CN', () => {
  const cert = certificate('SERVER1', 'ConfigMgr AMT Provisioning');
  const t = text(cert.pem);
  assert.match(t, /TLS Web Server Authentication, 2\.16\.840\.1\.113741\.1\.2\.3/);
  assert.match(t, /Subject: CN = server1\.internal\.contoso\.com/);
  const policies = openssl('asn1parse', '-in', cert.pem);
  assert.match(policies, /1\.3\.6\.1\.4\.1\.311\.21\.10/);
});

seed('the 802.1X certificate carries the UPN and no DNS name in its SAN; the AMT ones live in the management controller', () => {
  const cert = certificate('AMT1', 'ConfigMgr AMT 802.1X Client Authentication Certificate');
  assert.is(cert.store, 'amt-firmware');
  const san = new X509Certificate(openssl('x509', '-in', cert.pem)).subjectAltName ?? '';
  assert.match(text(cert.pem), /othername: UPN::amt1\$@contoso\.com/);
  assert.not.match(san, /DNS:/);
});

seed('the Mac certificate has a common name from AD and no subject alternative name at all', () => {
  const t = text(certificate('MEGANB-MAC', 'ConfigMgr Mac Client Certificate').pem);
  assert.match(t, /Subject: CN = MeganB/);
  assert.not.match(t, /Subject Alternative Name/);
});

seed('the mobile enrollment certificate is also written as DER, which openssl reads as a Client Authentication certificate', () => {
  const cert = certificate('ADELEV-PHONE', 'ConfigMgr Mobile Device Enrollment Certificate');
  const t = openssl('x509', '-inform', 'DER', '-in', cert.der, '-noout', '-text');
  assert.match(t, /TLS Web Client Authentication/);
  assert.match(t, /Subject: CN = AdeleV/);
  assert.not.match(t, /UPN/);
});

seed("Windows client certificates have an empty subject and the computer's DNS name in the SAN", () => {
  const t = text(certificate('CLIENT1', 'ConfigMgr Client Certificate').pem);
  assert.match(t, /DNS:client1\.contoso\.com/);
  assert.match(t, /Subject: \n/);
});

type Pfx = { host: string; template: string; path: string; thumbprint: string };
const pfxFiles = report.pfx as Pfx[];
const passwords: Record<string, string> = { 'clouddp1.pfx': 'Pa55w.rd-CloudDP', 'dp-client.pfx': 'Pa55w.rd-DPClient' };

seed('the report lists both exported PFX files with absolute paths', () => {
  assert.equal(pfxFiles.map((p) => p.template).sort(), [
    'ConfigMgr Client Distribution Point Certificate',
    'ConfigMgr Cloud-Based Distribution Point Certificate',
  ]);
  for (const p of pfxFiles) assert.ok(p.path.startsWith('/'), p.path);
});

for (const name of Object.keys(passwords)) {
  seed(
    `${name}, exported on Windows Server 2008 R2, is TripleDES-SHA1: it opens with its password and -legacy, fails with another, and its key matches its certificate`,
    () => {
      const path = pfxFiles.find((p) => p.path.endsWith(name))!.path;
      const info = spawnSync('openssl', ['pkcs12', '-info', '-legacy', '-in', path, '-passin', `pass:${passwords[name]}`, '-noenc'], {
        encoding: 'utf8',
      });
      assert.is(info.status, 0, info.stderr);
      assert.match(info.stderr, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000/);
      assert.match(info.stderr, /MAC: sha1, Iteration 2000/);
      const wrong = spawnSync('openssl', ['pkcs12', '-info', '-legacy', '-in', path, '-passin', 'pass:not-the-password', '-noenc'], {
        encoding: 'utf8',
      });
      assert.is.not(wrong.status, 0);
      const key = createPrivateKey(info.stdout.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0]);
      const leaf = new X509Certificate(info.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]);
      assert.ok(leaf.checkPrivateKey(key));
      assert.is(
        createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64'),
        leaf.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      );
      assert.is(leaf.fingerprint.replace(/:/g, ''), pfxFiles.find((p) => p.path.endsWith(name))!.thumbprint);
    },
  );
}

seed(
  "leaves the CA's base and delta CRLs in artifacts/CertEnroll, accepted by openssl crl -verify, and every certificate passes -crl_check",
  () => {
    const files = report.certEnroll as { kind: string; path: string }[];
    assert.equal(files.map((f) => f.path.split('/').slice(-2).join('/')).sort(), [
      'CertEnroll/ca1.contoso.com_contoso-CA1-CA.crt',
      'CertEnroll/contoso-CA1-CA+.crl',
      'CertEnroll/contoso-CA1-CA.crl',
    ]);
    const base = files.find((f) => f.kind === 'base-crl')!.path;
    for (const crl of files.filter((f) => f.kind !== 'ca-certificate')) {
      const checked = spawnSync('openssl', ['crl', '-in', crl.path, '-CAfile', report.caCertificate, '-verify', '-noout'], {
        encoding: 'utf8',
      });
      assert.match(checked.stderr + checked.stdout, /verify OK/, crl.path);
    }
    const lastStep = (report.steps as { at: string | null }[])
      .map((s) => s.at)
      .filter(Boolean)
      .pop()!;
    const attime = String(Math.floor(Date.parse(lastStep) / 1000));
    for (const c of report.certificates as Cert[]) {
      assert.match(
        openssl('verify', '-crl_check', '-attime', attime, '-CAfile', report.caCertificate, '-CRLfile', base, c.pem),
        /: OK/,
        c.template,
      );
    }
  },
);

seed.run();
