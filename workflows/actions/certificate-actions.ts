import { HostName, Thumbprint } from '../../domain/index.ts';
import { z } from 'zod';
import { hostNameText, choiceOf, names, text } from '../kit/choices.ts';
import { defineAction } from './definition.ts';

const requestCertificate = defineAction({
  id: 'request-certificate',
  title: 'Request a certificate with certreq (a key size of your choosing)',
  purpose:
    'Submits a request for a computer from a template, as certreq -new with an INF does: the key length is yours to pick, ' +
    "so a key below the template's minimum reaches the CA and is refused with 0x80094811.",
  group: 'certificates',
  tool: 'certreq -new request.inf / certreq -submit',
  example: { computer: 'SERVER1', template: 'WebServer', keySize: 1024, dnsNames: ['server1.internal.contoso.com'] },
  ...choiceOf(
    z.strictObject({
      computer: hostNameText,
      template: text,
      keySize: z.int().min(384).max(16384).optional(),
      commonName: text.optional(),
      dnsNames: names.default([]),
    }),
  ),
  minutes: 2,
  commands: (choice) => [
    {
      type: 'RequestCertificate',
      requester: choice.computer,
      store: 'personal',
      template: choice.template,
      dnsNames: choice.dnsNames,
      ...(choice.commonName ? { commonName: choice.commonName } : {}),
      ...(choice.keySize ? { keySize: choice.keySize } : {}),
    },
  ],
});

const modes = ['renew-same-key', 'renew-new-key', 're-enroll'] as const;

const renewCertificate = defineAction({
  id: 'renew-certificate',
  title: 'Renew or re-enroll a certificate of a computer',
  purpose:
    "Requests a new certificate from the same template for a certificate in the computer's personal store (with the same key, a new key, " +
    'or as a fresh enrollment); the old certificate is archived. Bindings that use the old one are not moved.',
  group: 'certificates',
  tool: 'Certificates (Local Computer) › Personal › All Tasks › Renew Certificate with Same Key / New Key',
  example: { computer: 'SERVER1', template: 'ConfigMgr Web Server Certificate', mode: 'renew-new-key' as (typeof modes)[number] },
  ...choiceOf(
    z.strictObject({
      computer: hostNameText,
      template: text.optional(),
      thumbprint: text.optional(),
      mode: z.enum(modes).default('renew-new-key'),
    }),
  ),
  minutes: 3,
  commands: (choice) => [
    {
      type: 'RenewCertificate',
      host: HostName(choice.computer),
      mode: choice.mode,
      certificate: choice.thumbprint ? { thumbprint: Thumbprint(choice.thumbprint) } : { template: choice.template ?? '' },
    },
  ],
});

export const certificateActions = [requestCertificate, renewCertificate];
