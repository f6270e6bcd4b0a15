import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkLog } from '../../adapters/eventstore/validate.ts';
import { codes, logEdits, only } from '../support/log-edits.ts';
import { realLog } from '../support/log-torture.ts';

const der = suite("adapters/eventstore/validate: a log's certificates and CRLs are checked against their DER");
const { edited, index } = logEdits(await realLog());

der("garbage where a certificate's DER should be is an error", () => {
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('CertificateIssued')]!.data.certificate.der = 'MIIBAAAA')),
    ),
    'LOG_CERTIFICATE_MISMATCH',
    /data\.certificate\.der: expected a DER certificate, found bytes that are not a DER certificate/,
  );
});

der('stated fields the DER contradicts are errors, each naming what the DER says', () => {
  const names = checkLog(
    'lab.jsonl',
    edited((log) => log[index('CertificateIssued')]!.data.certificate.dnsNames.push('evil.example.com')),
  );
  only(
    names,
    'LOG_CERTIFICATE_MISMATCH',
    /data\.certificate\.dnsNames: expected \["server1\.internal\.contoso\.com","server\.contoso\.com"\] \(as the DER says\), found .*evil/,
  );
  const swapped = checkLog(
    'lab.jsonl',
    edited((log) => {
      const [a, b] = [log[index('CertificateIssued', 0)]!.data.certificate, log[index('CertificateIssued', 1)]!.data.certificate];
      [a.der, b.der] = [b.der, a.der];
    }),
  );
  assert.ok(codes(swapped).length >= 4 && codes(swapped).every((c) => c === 'LOG_CERTIFICATE_MISMATCH'));
  assert.ok(swapped.errors.some((p) => /thumbprint/.test(p.message)) && swapped.errors.some((p) => /subject/.test(p.message)));
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('CaInstalled')]!.data.authority.notAfter = '2040-01-01T00:00:00.000Z')),
    ),
    'LOG_CERTIFICATE_MISMATCH',
    /CaInstalled: data\.authority\.notAfter: expected 20\d\d-.* \(as the DER says\), found 2040-01-01/,
  );
});

der('a CRL event is checked against its DER: number, dates and revoked entries', () => {
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('CrlPublished')]!.data.crlNumber = 9)),
    ),
    'LOG_CERTIFICATE_MISMATCH',
    /CrlPublished: data\.crlNumber: expected 1 \(as the DER says\), found 9/,
  );
  only(
    checkLog(
      'lab.jsonl',
      edited((log) =>
        log[index('CrlPublished')]!.data.entries.push({
          serialNumber: '61000000000000000001',
          revokedAt: '2026-11-02T09:00:00.000Z',
          reason: 'keyCompromise',
        }),
      ),
    ),
    'LOG_CERTIFICATE_MISMATCH',
    /CrlPublished: data\.entries: expected \[\] \(as the DER says\)/,
  );
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('CrlPublished', 1)]!.data.nextUpdate = '2040-01-01T00:00:00.000Z')),
    ),
    'LOG_CERTIFICATE_MISMATCH',
    /CrlPublished: data\.nextUpdate: expected 20\d\d-.* \(as the DER says\), found 2040-01-01/,
  );
  only(
    checkLog(
      'lab.jsonl',
      edited((log) => (log[index('CrlPublished')]!.data.der = 'MIIBAAAA')),
    ),
    'LOG_CERTIFICATE_MISMATCH',
    /CrlPublished: data\.der: expected a DER CRL, found bytes that are not a DER CRL/,
  );
});

der.run();
