import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, Thumbprint, decide, timed, type PfxFacts } from '../../domain/index.ts';
import { at } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const configmgr = suite('domain/configmgr imports');
const serverAuth = '1.3.6.1.5.5.7.3.1';
const clientAuth = '1.3.6.1.5.5.7.3.2';
const good: PfxFacts = {
  readable: true,
  thumbprint: Thumbprint('AB'),
  subject: 'CN=clouddp1.contoso.com',
  dnsNames: [],
  ekus: [serverAuth],
  hasPrivateKey: true,
  keyMatchesCertificate: true,
  keySize: 2048,
};
const cloudDp = (facts: PfxFacts | undefined) =>
  decide(
    timed(
      {
        type: 'CreateCloudDistributionPoint',
        serviceFqdn: 'clouddp1.contoso.com',
        pfx: { file: 'c.pfx', password: 'p', ...(facts ? { facts } : {}) },
      },
      at,
    ),
    givenNetwork(),
  );
const code = (decision: ReturnType<typeof decide>) => (decision.kind === 'rejected' ? decision.rejection.code : decision.kind);

configmgr('creates the cloud distribution point from a PFX that meets the requirements', () => {
  const decision = cloudDp(good);
  assert.is(decision.kind, 'accepted');
  assert.equal(decision.kind === 'accepted' && decision.events[0], {
    type: 'CloudDistributionPointCreated',
    data: { serviceFqdn: 'clouddp1.contoso.com', thumbprint: Thumbprint('AB'), file: 'c.pfx' },
  });
});

configmgr('refuses a file that is not a PFX, a wrong password, and a PFX without its key', () => {
  assert.is(code(cloudDp({ readable: false, problem: 'not-pfx', detail: 'x' })), 'pfx-unreadable');
  assert.is(code(cloudDp({ readable: false, problem: 'wrong-password', detail: 'x' })), 'pfx-wrong-password');
  assert.is(code(cloudDp({ ...good, hasPrivateKey: false })), 'pfx-no-private-key');
  assert.is(code(cloudDp(undefined)), 'pfx-unreadable');
});

configmgr('refuses a cloud DP certificate without Server Authentication, naming the purposes it has', () => {
  const decision = cloudDp({ ...good, ekus: [clientAuth] });
  assert.is(code(decision), 'configmgr-requirements');
  assert.match(
    decision.kind === 'rejected' ? decision.rejection.reason : '',
    /lacks Server Authentication \(purposes: Client Authentication\)/,
  );
});

configmgr('refuses a cloud DP certificate whose CN is not the service FQDN, or whose key is not 2048 bits', () => {
  assert.match(JSON.stringify(cloudDp({ ...good, subject: 'CN=clouddp1' })), /is not an FQDN/);
  assert.match(JSON.stringify(cloudDp({ ...good, subject: 'CN=other.contoso.com' })), /is not the service FQDN/);
  assert.match(JSON.stringify(cloudDp({ ...good, keySize: 4096 })), /4096 bits/);
});

configmgr('a distribution point takes a Client Authentication certificate of at most 2048 bits', () => {
  const dp = (facts: PfxFacts) =>
    decide(
      timed(
        {
          type: 'ImportDistributionPointCertificate',
          host: HostName('SERVER1'),
          pfx: { file: 'd.pfx', password: 'p', facts },
          pxe: true,
          bootMedia: true,
        },
        at,
      ),
      givenNetwork(),
    );
  assert.is(dp({ ...good, ekus: [clientAuth] }).kind, 'accepted');
  assert.is(code(dp(good)), 'configmgr-requirements');
  assert.is(code(dp({ ...good, ekus: [clientAuth], keySize: 4096 })), 'configmgr-requirements');
});

configmgr('device enrollment needs an enrollment profile in client settings', () => {
  assert.is(
    code(decide(timed({ type: 'EnrollDevice', user: 'AdeleV', device: HostName('PHONE'), platform: 'mobile' }, at), givenNetwork())),
    'not-configured',
  );
});

configmgr('AMT provisioning needs the AMT group of the out of band management component', () => {
  assert.is(
    code(decide(timed({ type: 'ProvisionAmtComputer', computer: HostName('AMT1'), fqdn: 'amt1.contoso.com' }, at), givenNetwork())),
    'not-configured',
  );
});

configmgr.run();
