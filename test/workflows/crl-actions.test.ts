import { SimTime } from '../../domain/index.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ChoiceError, findAction } from '../../workflows/index.ts';
import { givenNetwork } from '../support/world.ts';

const actions = suite('workflows/actions revocation and CRL actions');
const revoke = findAction('revoke-certificate')!;
const at = SimTime('2026-11-02T10:00:00.000Z');
const commands = (choice: unknown) => revoke.commands(revoke.parse(choice, 'actions[0]'), givenNetwork(), at);

actions('revoke-certificate names the certificate by serial, Request ID, or computer with template or thumbprint', () => {
  assert.equal(commands({ serialNumber: '1a2b', reason: 'superseded' }), [
    { type: 'RevokeCertificate', reason: 'superseded', serialNumber: '1a2b' },
  ]);
  assert.equal(commands({ requestId: 3 }), [{ type: 'RevokeCertificate', reason: 'unspecified', requestId: 3 }]);
  assert.equal(commands({ computer: 'SERVER1', template: 'Web Server', ca: 'contoso-CA1-CA' }), [
    {
      type: 'RevokeCertificate',
      reason: 'unspecified',
      holder: { host: 'SERVER1', certificate: { template: 'Web Server' } },
      ca: 'contoso-CA1-CA',
    },
  ]);
  assert.equal(commands({ computer: 'SERVER1', thumbprint: 'AB' })[0], {
    type: 'RevokeCertificate',
    reason: 'unspecified',
    holder: { host: 'SERVER1', certificate: { thumbprint: 'AB' } },
  });
});

actions('the parsed choice parses again to itself: the log records it and a re-decision reads it back', () => {
  for (const written of [
    { requestId: 1, reason: 'keyCompromise' },
    { computer: 'CLIENT1', template: 'ConfigMgr Client Certificate' },
  ]) {
    const once = revoke.parse(written, 'actions[0]');
    assert.equal(revoke.parse(JSON.parse(JSON.stringify(once)), 'actions[0]'), once);
  }
});

actions('refuses a choice that names no certificate, or names it twice, saying what it expected', () => {
  const refusal = (choice: unknown) => {
    try {
      revoke.parse(choice, 'actions[0]');
    } catch (error) {
      if (error instanceof ChoiceError) return error.message;
      throw error;
    }
    return undefined;
  };
  assert.match(refusal({ reason: 'keyCompromise' })!, /exactly one of serialNumber, requestId or computer/);
  assert.match(refusal({ requestId: 1, serialNumber: '1a' })!, /found "serialNumber and requestId"/);
  assert.match(refusal({ computer: 'SERVER1' })!, /actions\[0\]\.computer.*either template or thumbprint/);
  assert.match(refusal({ requestId: 1, template: 'Web Server' })!, /actions\[0\]\.template/);
  assert.match(refusal({ requestId: 1, reason: 'stolen' })!, /reason/);
});

actions('publish-crl publishes a base CRL unless told delta, as the administrator', () => {
  const publish = findAction('publish-crl')!;
  const published = (choice: unknown) => publish.commands(publish.parse(choice, 'p'), givenNetwork(), at);
  assert.equal(published({}), [{ type: 'PublishCrl', kind: 'base', trigger: 'administrator' }]);
  assert.equal(published({ kind: 'delta' }), [{ type: 'PublishCrl', kind: 'delta', trigger: 'administrator' }]);
});

actions.run();
