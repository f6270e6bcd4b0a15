import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  HostName,
  KeyRef,
  Thumbprint,
  decide,
  timed,
  defaultPfxEncryption,
  issuanceEvents,
  offersAes,
  type LabCommand,
} from '../../domain/index.ts';
import { accepted, at, webServerTemplateIssued } from '../support/steps.ts';
import { given, givenNetwork } from '../support/world.ts';

const pfx = suite('domain/hosts PFX encryption by the exporting Windows');

pfx('Windows before 10 1709 and Server 2019 has no Encryption list; later ones offer AES256-SHA256 first', () => {
  for (const os of ['Windows Server 2008 R2', 'Windows Vista SP2', 'Windows Server 2016', 'Windows 10 1703', 'Windows 7']) {
    assert.not.ok(offersAes(os), os);
    assert.is(defaultPfxEncryption(os), 'TripleDES-SHA1', os);
  }
  for (const os of ['Windows Server 2019', 'Windows Server 2022', 'Windows 10 1709', 'Windows 10 22H2', 'Windows 11']) {
    assert.ok(offersAes(os), os);
    assert.is(defaultPfxEncryption(os), 'AES256-SHA256', os);
  }
});

pfx('property: any OS text gets an answer, and the default is AES256-SHA256 exactly where the list is offered', () => {
  fc.assert(fc.property(fc.string(), (os) => defaultPfxEncryption(os) === (offersAes(os) ? 'AES256-SHA256' : 'TripleDES-SHA1')));
  fc.assert(fc.property(fc.integer({ min: 2000, max: 2018 }), (year) => !offersAes(`Windows Server ${year}`)));
  fc.assert(fc.property(fc.integer({ min: 2019, max: 2099 }), (year) => offersAes(`Windows Server ${year} Datacenter`)));
});

const exportable = () => {
  const world = accepted(
    webServerTemplateIssued(givenNetwork()),
    { type: 'RestartComputer', computer: HostName('SERVER1') },
    { type: 'ChangeRequestHandling', template: 'ConfigMgr Web Server Certificate', exportableKey: true },
  );
  const decision = decide(
    timed(
      {
        type: 'RequestCertificate',
        requester: 'SERVER1',
        store: 'personal',
        template: 'ConfigMgr Web Server Certificate',
        dnsNames: ['server1.internal.contoso.com'],
      },
      at,
    ),
    world,
  );
  if (decision.kind !== 'sign') throw new Error(`the request was ${decision.kind}`);
  return given(
    world,
    ...issuanceEvents({ ...decision.draft, keyRef: KeyRef('server1') }, 'AA==', Thumbprint('0A1B2C3D4E5F60718293A4B5C6D7E8F901234567')),
  );
};
const exportOn2008R2 = (encryption?: 'TripleDES-SHA1' | 'AES256-SHA256'): LabCommand => ({
  type: 'ExportCertificate',
  host: HostName('SERVER1'),
  certificate: { template: 'ConfigMgr Web Server Certificate' },
  file: 'server1.pfx',
  password: 'Pa55w.rd-test',
  ...(encryption ? { encryption } : {}),
});

pfx('an export on Windows Server 2008 R2 writes TripleDES-SHA1 with the SChannel provider named', () => {
  const decision = decide(timed(exportOn2008R2(), at), exportable());
  assert.is(decision.kind, 'export');
  if (decision.kind !== 'export') return;
  assert.is(decision.draft.encryption, 'TripleDES-SHA1');
  assert.is(decision.draft.providerName, 'Microsoft RSA SChannel Cryptographic Provider');
  assert.match(decision.draft.friendlyName, /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
});

pfx('asking Windows Server 2008 R2 for AES256-SHA256 is refused: its wizard has no such choice', () => {
  const decision = decide(timed(exportOn2008R2('AES256-SHA256'), at), exportable());
  assert.is(decision.kind === 'rejected' && decision.rejection.name, 'INVALID_CHOICE');
  assert.match(decision.kind === 'rejected' ? decision.rejection.reason : '', /Windows Server 2008 R2 has no Encryption list/);
});

pfx('the site server (Windows Server 2008 R2) cannot import an AES256-SHA256 PFX: the wizard calls the password incorrect', () => {
  const facts = {
    readable: true,
    thumbprint: Thumbprint('AB'),
    subject: 'CN=clouddp1.contoso.com',
    dnsNames: [],
    ekus: [],
    hasPrivateKey: true,
    keyMatchesCertificate: true,
    keySize: 2048,
  } as const;
  const create = (encryption: 'TripleDES-SHA1' | 'AES256-SHA256'): LabCommand => ({
    type: 'CreateCloudDistributionPoint',
    serviceFqdn: 'clouddp1.contoso.com',
    pfx: { file: 'clouddp1.pfx', password: 'x', facts: { ...facts, encryption } },
  });
  const aes = decide(timed(create('AES256-SHA256'), at), givenNetwork());
  assert.is(aes.kind === 'rejected' && aes.rejection.name, 'PFX_WRONG_PASSWORD');
  assert.match(aes.kind === 'rejected' ? aes.rejection.reason : '', /AES256-SHA256, which Windows Server 2008 R2 cannot decrypt/);
  const legacy = decide(timed(create('TripleDES-SHA1'), at), givenNetwork());
  assert.is.not(
    legacy.kind === 'rejected' && legacy.rejection.name,
    'PFX_WRONG_PASSWORD',
    'a TripleDES-SHA1 file passes the password check',
  );
});

pfx.run();
