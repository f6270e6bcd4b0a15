import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:https';
import { connect } from 'node:tls';
import { dirname, join } from 'node:path';
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateTemplate } from '@peculiar/asn1-x509-microsoft';
import * as x509 from '@peculiar/x509';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { fold } from '../../projections/index.ts';
import { openLab, type LabPorts } from '../../workflows/index.ts';
import { runJson } from '../support/cli.ts';

const iis = suite('IIS web server certificate, end to end');
const seed = await runJson('scenarios/iis-web-server-certificate.yaml');
const report = seed.report;
const certificate = report.certificates[0];
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });

iis("the run exits 0 and reports one certificate in SERVER1's personal store", () => {
  assert.is(seed.code, 0, seed.err);
  assert.is(report.certificates.length, 1);
  assert.is(certificate.host, 'SERVER1');
  assert.is(certificate.template, 'ConfigMgr Web Server Certificate');
});

iis('openssl verifies the certificate against the lab CA for TLS server use', () => {
  assert.match(openssl('verify', '-CAfile', report.caCertificate, '-purpose', 'sslserver', certificate.pem), /: OK/);
});

iis('the certificate carries both DNS names, Server Authentication and the template information of the new template', async () => {
  const text = openssl('x509', '-in', certificate.pem, '-noout', '-text');
  assert.match(text, /DNS:server1\.internal\.contoso\.com, DNS:server\.contoso\.com/);
  assert.match(text, /TLS Web Server Authentication/);
  assert.match(text, /1\.3\.6\.1\.4\.1\.311\.21\.7/);
  assert.match(text, /X509v3 CRL Distribution Points:[\s\S]*URI:http:\/\/ca1\.contoso\.com\/CertEnroll\/contoso-CA1-CA\.crl/);
  assert.match(text, /Authority Information Access:[\s\S]*CA Issuers - URI:ldap:\/\/\/CN=contoso-CA1-CA,CN=AIA,CN=Public Key Services/);
  const parsed = new x509.X509Certificate(readFileSync(certificate.pem, 'utf8'));
  const info = AsnConvert.parse(parsed.getExtension('1.3.6.1.4.1.311.21.7')!.value, CertificateTemplate);
  const lab = await openLab({ events: jsonlEventStore(dirname(report.log)) } as LabPorts, 'lab');
  const template = lab.world.ca.templates.ConfigMgrWebServerCertificate!;
  assert.is(info.templateID, template.oid);
  assert.is(info.templateMajorVersion, 100);
});

iis('the CA certificate is self-signed with the DN AD CS writes (DC=com, DC=contoso, CN=...)', () => {
  const text = openssl('x509', '-in', report.caCertificate, '-noout', '-subject', '-issuer', '-ext', 'basicConstraints');
  assert.match(text, /subject=DC = com, DC = contoso, CN = contoso-CA1-CA/);
  assert.match(text, /CA:TRUE/);
});

iis("the https binding of Default Web Site names the certificate's thumbprint", () => {
  assert.equal(report.bindings, [
    { host: 'SERVER1', site: 'Default Web Site', protocol: 'https', port: 443, thumbprint: certificate.thumbprint },
  ]);
  const der = Buffer.from(readFileSync(certificate.pem, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
  assert.is(new x509.X509Certificate(der).subject, '');
  assert.match(
    openssl('x509', '-in', certificate.pem, '-noout', '-fingerprint', '-sha1'),
    new RegExp(certificate.thumbprint.match(/../g).join(':')),
  );
});

/** A TLS client trusting the lab CA; `ciphers` DEFAULT:@SECLEVEL=0 lets OpenSSL 3 accept SHA-1 signatures as a 2008-era client did. */
const handshake = (port: number, servername: string, ciphers?: string) =>
  new Promise<void>((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port, servername, ca: readFileSync(report.caCertificate), ...(ciphers ? { ciphers } : {}) },
      () => {
        socket.end();
        resolve();
      },
    );
    socket.on('error', reject);
  });

iis(
  'the 2008 CA signs SHA-1: a TLS client of today refuses the chain, one of the era accepts both names and rejects a name not in the SAN',
  async () => {
    const era = 'DEFAULT:@SECLEVEL=0';
    const server = createServer({ cert: readFileSync(certificate.pem), key: readFileSync(certificate.keyFile), ciphers: era }, (_, res) =>
      res.end('ok'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await handshake(port, 'server1.internal.contoso.com').then(
        () => assert.unreachable('OpenSSL 3 at its default security level accepts no SHA-1 signature'),
        (error: Error) => assert.match(error.message, /CA signature digest algorithm too weak/),
      );
      await handshake(port, 'server1.internal.contoso.com', era);
      await handshake(port, 'server.contoso.com', era);
      try {
        await handshake(port, 'intruder.contoso.com', era);
        assert.unreachable('a name outside the SAN must fail');
      } catch (error) {
        assert.is((error as NodeJS.ErrnoException).code, 'ERR_TLS_CERT_ALTNAME_INVALID');
      }
    } finally {
      server.close();
    }
  },
);

iis('private keys live in the key store with mode 0600 and never in the log', async () => {
  const log = await readFile(report.log, 'utf8');
  const keyDir = dirname(certificate.keyFile);
  const files = await readdir(keyDir);
  assert.is(files.length, 2, "the CA key and SERVER1's key");
  for (const file of files) {
    const path = join(keyDir, file);
    assert.is((await stat(path)).mode & 0o777, 0o600);
    const body = (await readFile(path, 'utf8')).replace(/-----[^-]+-----|\s/g, '');
    // the tail of a PKCS#8 RSA key is private (primes, exponents, coefficient); the head holds the public modulus
    assert.not.ok(log.includes(body.slice(-180, -100)), `${file} appears in the log`);
  }
  assert.not.match(log, /PRIVATE KEY|pkcs8|"d":"/);
});

iis('reopening the JSONL log yields identical projections without any crypto operation', async () => {
  const refuse = () => {
    throw new Error('reopening a lab must not touch keys or sign');
  };
  const ports = {
    events: jsonlEventStore(dirname(report.log)),
    keys: { generate: refuse, privateKey: refuse, has: refuse },
    signer: { sign: refuse },
  } as unknown as LabPorts;
  const first = await openLab(ports, 'lab');
  const second = await openLab({ ...ports, events: jsonlEventStore(dirname(report.log)) }, 'lab');
  assert.equal(first.world, second.world);
  assert.equal(fold(first.events), first.world);
  assert.is(first.world.hosts.iis.SERVER1!['Default Web Site']!.bindings[0]!.thumbprint, certificate.thumbprint);
});

iis.run();
