import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  addMinutes,
  caSetupChoices,
  decide,
  timed,
  editionIssues,
  issuedSerial,
  requestIdOfSerial,
  setupRefusal,
  type CaOs,
} from '../../domain/index.ts';
import { accepted, at } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const setup = suite('domain/ca setup: provider, hash, edition by OS');

const versionTwoOn = (os: CaOs) => {
  const version = os === 'windows-server-2012' ? {} : { version: 'windows-server-2003-enterprise' as const };
  const compatibility =
    os === 'windows-server-2012'
      ? {
          compatibility: {
            certificationAuthority: 'windows-server-2003' as const,
            certificateRecipient: 'windows-xp-server-2003' as const,
          },
        }
      : {};
  return accepted(givenNetwork('standard', os), {
    type: 'DuplicateTemplate',
    source: 'Web Server',
    displayName: 'ConfigMgr Web Server Certificate',
    ...version,
    ...compatibility,
  });
};
const issue = (os: CaOs) =>
  decide(timed({ type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: 'ConfigMgr Web Server Certificate' }, at), versionTwoOn(os));

setup('a Windows Server 2008 Standard Edition CA refuses a version 2 template, naming the 2008 limit', () => {
  const decision = issue('windows-server-2008');
  assert.is(decision.kind, 'rejected');
  if (decision.kind !== 'rejected') return;
  assert.is(decision.rejection.code, '0x80094800');
  assert.match(decision.rejection.reason, /Windows Server 2008 Standard Edition, which issues only version 1 templates/);
});

setup('2008 R2 and 2012 Standard Edition CAs issue version 2 templates', () => {
  for (const os of ['windows-server-2008-r2', 'windows-server-2012'] as const) assert.is(issue(os).kind, 'accepted', os);
});

setup('the edition rule: Enterprise issues every version, Standard on 2008 only version 1', () => {
  assert.ok(editionIssues({ edition: 'enterprise', os: 'windows-server-2008' }, 3));
  assert.ok(editionIssues({ edition: 'standard', os: 'windows-server-2008' }, 1));
  assert.not.ok(editionIssues({ edition: 'standard', os: 'windows-server-2008' }, 2));
  assert.ok(editionIssues({ edition: 'standard', os: 'windows-server-2008-r2' }, 3));
});

setup('the setup wizard proposes a CSP and SHA-1 on 2008 and 2008 R2, a KSP and SHA-1 on 2012', () => {
  assert.equal(caSetupChoices({ edition: 'enterprise', os: 'windows-server-2008' }), {
    provider: 'csp',
    hashAlgorithm: 'sha1',
    sidUpdate: true,
  });
  assert.equal(caSetupChoices({ edition: 'enterprise', os: 'windows-server-2008-r2' }).provider, 'csp');
  assert.equal(caSetupChoices({ edition: 'enterprise', os: 'windows-server-2012' }).provider, 'ksp');
});

setup('SHA-256 is refused with a CSP key and accepted with a KSP', () => {
  assert.match(setupRefusal({ provider: 'csp', hashAlgorithm: 'sha256' }) ?? '', /SHA-256 needs a KSP/);
  assert.is(setupRefusal({ provider: 'ksp', hashAlgorithm: 'sha256' }), undefined);
  assert.is(setupRefusal({ provider: 'csp', hashAlgorithm: 'sha1' }), undefined);
});

setup('the CA records its setup choices and signs issued certificates with its hash', () => {
  const authority = givenNetwork().ca.authorities['contoso-CA1-CA']!;
  assert.is(authority.provider, 'csp');
  assert.is(authority.hashAlgorithm, 'sha1');
  assert.is(authority.sidUpdate, true);
});

setup('property: any tick base, request id and time give a positive 10-byte serial whose last four bytes are the request id', () => {
  const authority = givenNetwork().ca.authorities['contoso-CA1-CA']!;
  const tickBase = fc.integer({ min: 0, max: 0x7eff_ffff });
  const requestIds = fc.integer({ min: 1, max: 0x7fff_ffff });
  const minutesIn = fc.integer({ min: 0, max: 5 * 365 * 24 * 60 });
  fc.assert(
    fc.property(tickBase, requestIds, minutesIn, (serialTickBase, requestId, minutes) => {
      const serial = issuedSerial({ ...authority, serialTickBase }, requestId, addMinutes(authority.notBefore, minutes));
      return /^(0[1-9a-f]|[1-7][0-9a-f])[0-9a-f]{6}0000[0-9a-f]{8}$/.test(serial) && requestIdOfSerial(serial) === requestId;
    }),
  );
});

setup.run();
