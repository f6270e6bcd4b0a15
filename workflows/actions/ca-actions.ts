import { z } from 'zod';
import { choiceOf, text } from '../kit/choices.ts';
import { defineAction } from './definition.ts';

const request = z.strictObject({
  requestId: z.int().min(1).describe('the Request ID column of Pending Requests'),
  ca: text.optional().describe("the CA's name; left out, the lab's CA"),
});
const onCa = z.strictObject({ template: text.describe("the template's name or display name"), ca: text.optional() });

const approveRequest = defineAction({
  id: 'approve-request',
  title: 'Issue a pending request (CA certificate manager approval)',
  purpose:
    'A template that requires CA certificate manager approval leaves requests pending; issuing one puts the certificate in the CA database, ' +
    'and the requester retrieves it (autoenrollment does on its next pass).',
  group: 'certification authority',
  tool: 'Certification Authority › Pending Requests › All Tasks › Issue (certutil -resubmit)',
  example: { requestId: 1 },
  ...choiceOf(request),
  minutes: 1,
  commands: (choice) => [{ type: 'ApproveRequest', requestId: choice.requestId, ...(choice.ca ? { ca: choice.ca } : {}) }],
});

const denyRequest = defineAction({
  id: 'deny-request',
  title: 'Deny a pending request',
  purpose: 'Closes a pending request without issuing it; the requester never receives a certificate for it.',
  group: 'certification authority',
  tool: 'Certification Authority › Pending Requests › All Tasks › Deny (certutil -deny)',
  example: { requestId: 1 },
  ...choiceOf(request),
  minutes: 1,
  commands: (choice) => [{ type: 'DenyRequest', requestId: choice.requestId, ...(choice.ca ? { ca: choice.ca } : {}) }],
});

const removeTemplateFromCa = defineAction({
  id: 'remove-template-from-ca',
  title: 'Take a template off the CA (Certificate Templates to Issue › Delete)',
  purpose:
    'The CA stops issuing the template: requests fail with 0x80094800 and autoenrollment logs event 47. Certificates already issued stay valid.',
  group: 'certification authority',
  tool: 'Certification Authority › Certificate Templates › Delete (certutil -SetCATemplates -Name)',
  example: { template: 'WebServer' },
  ...choiceOf(onCa),
  minutes: 1,
  commands: (choice) => [{ type: 'RemoveTemplateFromCa', template: choice.template, ...(choice.ca ? { ca: choice.ca } : {}) }],
});

const issueTemplate = defineAction({
  id: 'issue-template',
  title: 'Put a template on the CA (Certificate Template to Issue)',
  purpose:
    "Adds the template to the CA's Certificate Templates to Issue, so the CA issues it (refused for a v2/v3 template on a 2008 Standard Edition CA).",
  group: 'certification authority',
  tool: 'Certification Authority › Certificate Templates › New › Certificate Template to Issue (certutil -SetCATemplates +Name)',
  example: { template: 'WebServer' },
  ...choiceOf(onCa),
  minutes: 1,
  commands: (choice, world) => [
    { type: 'IssueTemplate', template: choice.template, ca: choice.ca ?? Object.keys(world.ca.authorities)[0] ?? '' },
  ],
});

export const caActions = [approveRequest, denyRequest, removeTemplateFromCa, issueTemplate];
