import { z } from 'zod';
import {
  HostName,
  Thumbprint,
  revocationReasonNames,
  type CrlKind,
  type RevocationReason,
  type RevocationTarget,
} from '../../domain/index.ts';
import { hostNameText, ChoiceError, choiceOf, text } from '../kit/choices.ts';
import { defineAction } from './definition.ts';

const revokeFields = z.strictObject({
  serialNumber: text.optional().describe("the serial number as certutil -view or the certificate's Details tab shows it"),
  requestId: z.int().min(1).optional().describe('the Request ID column of Issued Certificates'),
  computer: hostNameText.optional().describe('the computer holding the certificate (with template or thumbprint)'),
  template: text.optional().describe('with computer: the newest certificate from this template in its personal store'),
  thumbprint: text.optional().describe('with computer: the certificate with this thumbprint'),
  reason: z.enum(revocationReasonNames as [RevocationReason, ...RevocationReason[]]).default('unspecified'),
  ca: text.optional().describe("the CA's name; left out, the lab's CA"),
});

type RevokeChoice = z.output<typeof revokeFields>;

/**
 * Exactly one way of naming the certificate: serialNumber, requestId, or computer with template or thumbprint.
 * The choice keeps the fields as written (the log records it, and a re-decision parses it again).
 */
const revokeChoice = (value: RevokeChoice, path: string): RevokeChoice => {
  const ways = (['serialNumber', 'requestId', 'computer'] as const).filter((k) => value[k] !== undefined);
  if (ways.length !== 1) {
    const found = ways.length === 0 ? 'none' : ways.join(' and ');
    throw new ChoiceError(path, 'exactly one of serialNumber, requestId or computer (with template or thumbprint)', found);
  }
  if (value.computer !== undefined && (value.template === undefined) === (value.thumbprint === undefined)) {
    throw new ChoiceError(`${path}.computer`, 'a computer with either template or thumbprint', value.template ? 'both' : 'neither');
  }
  if (value.computer === undefined && (value.template !== undefined || value.thumbprint !== undefined)) {
    throw new ChoiceError(`${path}.${value.template !== undefined ? 'template' : 'thumbprint'}`, 'it only with computer', 'it without');
  }
  return value;
};

/** The certificate a choice names, as the domain's revocation command takes it. */
const targetOf = (choice: RevokeChoice): RevocationTarget => {
  if (choice.serialNumber !== undefined) return { serialNumber: choice.serialNumber };
  if (choice.requestId !== undefined) return { requestId: choice.requestId };
  const certificate = choice.thumbprint !== undefined ? { thumbprint: Thumbprint(choice.thumbprint) } : { template: choice.template! };
  return { holder: { host: HostName(choice.computer!), certificate } };
};

const revokeCertificate = defineAction({
  id: 'revoke-certificate',
  title: 'Revoke a certificate',
  purpose:
    'Moves an issued certificate to Revoked Certificates with a reason (certificateHold can be revoked again for good). ' +
    'Clients see it only in the next CRL the CA publishes (the next delta, by default within a day; publish-crl makes it now).',
  group: 'certification authority',
  tool: 'Certification Authority › Issued Certificates › All Tasks › Revoke Certificate (certutil -revoke <serial> <reason>)',
  example: { requestId: 1, reason: 'keyCompromise' } as RevokeChoice,
  ...choiceOf(revokeFields, revokeChoice),
  minutes: 1,
  commands: (choice) => [
    { type: 'RevokeCertificate', reason: choice.reason, ...targetOf(choice), ...(choice.ca ? { ca: choice.ca } : {}) },
  ],
});

const publishFields = z.strictObject({
  kind: z
    .enum(['base', 'delta'])
    .default('base')
    .describe('base: a new CRL and, with deltas on, its delta (certutil -CRL); delta: a delta only'),
  ca: text.optional(),
});

const publishCrl = defineAction({
  id: 'publish-crl',
  title: 'Publish a CRL now',
  purpose:
    'Publishes a new base CRL (followed by its delta when deltas are on) or a delta CRL only, to CertEnroll and LDAP, instead of ' +
    "waiting for the CA's schedule; the next scheduled publication counts from it.",
  group: 'certification authority',
  tool: 'Certification Authority › Revoked Certificates › All Tasks › Publish (certutil -CRL, certutil -CRL delta)',
  example: { kind: 'base' as CrlKind },
  ...choiceOf(publishFields),
  minutes: 1,
  commands: (choice) => [{ type: 'PublishCrl', kind: choice.kind, trigger: 'administrator', ...(choice.ca ? { ca: choice.ca } : {}) }],
});

const onCa = z.strictObject({ ca: text.optional().describe("the CA's name; left out, the lab's CA") });

/** net stop / net start certsvc. */
const caService = (type: 'StopCaService' | 'StartCaService', about: { id: string; title: string; purpose: string; tool: string }) =>
  defineAction({
    ...about,
    group: 'certification authority',
    example: {},
    ...choiceOf(onCa),
    minutes: 1,
    commands: (choice) => [{ type, ...(choice.ca ? { ca: choice.ca } : {}) }],
  });

const stopCaService = caService('StopCaService', {
  id: 'stop-ca-service',
  title: 'Stop Certificate Services on the CA',
  purpose:
    'A stopped CA issues nothing (requests fail with 0x800706BA, autoenrollment logs event 13) and publishes no CRL: ' +
    'once its CRLs pass their next update, every client that checks revocation fails.',
  tool: 'net stop certsvc',
});

const startCaService = caService('StartCaService', {
  id: 'start-ca-service',
  title: 'Start Certificate Services on the CA',
  purpose: 'The CA runs again, and publishes at once any CRL whose time came while it was stopped.',
  tool: 'net start certsvc',
});

export const crlActions = [revokeCertificate, publishCrl, stopCaService, startCaService];
