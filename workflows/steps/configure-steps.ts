import { altNameKinds, subjectFormats, templateRights, type SubjectNameSetting, type TemplateRight } from '../../domain/index.ts';
import { z } from 'zod';
import { choiceOf, text, wording } from '../kit/choices.ts';
import type { ProcedureContext, StepDefinition } from '../kit/procedure.ts';
import { templateOf } from './template-steps.ts';

// The tabs of the template's properties a procedure edits after duplicating it (its configure phase).
/** The Subject Name tab: supply in the request, or build from AD with a subject format and alternative names. */
export const subjectNameSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('supply-in-request') }),
  z.strictObject({
    source: z.literal('build-from-ad'),
    format: z.enum(subjectFormats).default('none'),
    altNames: z.array(z.enum(altNameKinds)).default([]),
  }),
]) satisfies z.ZodType<SubjectNameSetting>;

export const subjectNameStep = (
  seed: string,
  setting: SubjectNameSetting,
  purpose: string,
): StepDefinition<{ subjectName: SubjectNameSetting }> => ({
  id: 'subject-name',
  title: 'Set the Subject Name tab',
  purpose,
  seed,
  minutes: 1,
  skippable: false,
  seedChoice: () => ({ subjectName: setting }),
  dialog: () => [
    { label: 'Supply in the request', choice: { subjectName: { source: 'supply-in-request' } } },
    ...subjectFormats.map((format) => ({
      label: `Build from AD: subject ${format}, no alternative name`,
      choice: { subjectName: { source: 'build-from-ad' as const, format, altNames: [] } },
    })),
    ...altNameKinds.map((kind) => ({
      label: `Build from AD: common name, alternative name ${kind.toUpperCase()}`,
      choice: { subjectName: { source: 'build-from-ad' as const, format: 'common-name' as const, altNames: [kind] } },
    })),
    {
      label: 'Build from AD: common name, alternative names DNS and UPN',
      choice: { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: ['dns', 'upn'] } },
    },
  ],
  variants: () => [
    setting.source === 'supply-in-request'
      ? {
          label: 'Build from this Active Directory information (common name)',
          choice: { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] } },
        }
      : { label: 'Supply in the request', choice: { subjectName: { source: 'supply-in-request' } } },
  ],
  ...choiceOf(z.strictObject({ subjectName: subjectNameSchema })),
  commands: (choice, context) => [{ type: 'ChangeSubjectName', template: templateOf(context), subjectName: choice.subjectName }],
});

interface PermissionEdit {
  readonly principal: string;
  readonly allow?: readonly TemplateRight[];
  readonly remove?: readonly TemplateRight[];
  readonly deny?: readonly TemplateRight[];
}

/**
 * The seed's usual Security tab edit: take Enroll away from the administrator groups named, and give
 * the enrolling group Read and Enroll.
 */
export const enrollOnlyFor =
  (grantee: (context: ProcedureContext) => string, admins: readonly string[] = ['Domain Admins', 'Enterprise Admins']) =>
  (context: ProcedureContext): PermissionEdit[] => [
    ...admins.map((principal) => ({ principal, remove: ['Enroll'] as TemplateRight[] })),
    { principal: grantee(context), allow: ['Read', 'Enroll'] },
  ];

const rights = z.array(z.enum(templateRights)).optional();

/** One principal's line on the Security tab: rights to allow, to clear, or to deny (at least one of them). */
const permissionEditSchema = z
  .strictObject({ principal: text, allow: rights, remove: rights, deny: rights })
  .refine((edit) => edit.allow || edit.remove || edit.deny, { error: 'at least one of allow, remove, deny next to the principal' })
  .register(wording, { expected: 'a mapping with a principal and the rights to allow, remove or deny', items: 'permission changes' });

export const securityStep = (
  seed: string,
  edits: (context: ProcedureContext) => PermissionEdit[],
  purpose: string,
): StepDefinition<{ edits: PermissionEdit[] }> => ({
  id: 'security',
  title: 'Set permissions on the Security tab',
  purpose,
  seed,
  minutes: 2,
  skippable: false,
  seedChoice: (context) => ({ edits: edits(context) }),
  dialog: (context) => [
    {
      label: 'also let Domain Users enroll',
      choice: { edits: [...edits(context), { principal: 'Domain Users', allow: ['Read', 'Enroll'] }] },
    },
    {
      label: 'also let Domain Computers enroll and autoenroll',
      choice: { edits: [...edits(context), { principal: 'Domain Computers', allow: ['Read', 'Enroll', 'Autoenroll'] }] },
    },
    {
      label: 'also take Read away from Authenticated Users',
      choice: { edits: [...edits(context), { principal: 'Authenticated Users', remove: ['Read'] }] },
    },
    {
      label: 'also deny Enroll to Domain Computers',
      choice: { edits: [...edits(context), { principal: 'Domain Computers', deny: ['Enroll'] }] },
    },
    {
      label: 'also give Authenticated Users Full Control',
      choice: { edits: [...edits(context), { principal: 'Authenticated Users', allow: ['FullControl'] }] },
    },
    { label: 'change nothing on the Security tab', choice: { edits: [{ principal: 'Authenticated Users', allow: ['Read'] }] } },
  ],
  variants: (context) => [{ label: 'leave out the last permission change', choice: { edits: edits(context).slice(0, -1) } }],
  ...choiceOf(z.strictObject({ edits: z.array(permissionEditSchema) })),
  commands: (choice, context) =>
    choice.edits.map((edit) => ({ type: 'ChangeTemplatePermissions', template: templateOf(context), ...edit })),
});

export const requestHandlingStep = (seed: string): StepDefinition<{ exportableKey: boolean; managerApproval: boolean }> => ({
  id: 'request-handling',
  title: 'Allow the private key to be exported (Request Handling tab)',
  purpose:
    'This certificate must travel as a PFX file, so its private key has to be exportable. Allow export only on templates that need it: an exportable key can be copied off the computer.',
  seed,
  minutes: 1,
  skippable: false,
  seedChoice: () => ({ exportableKey: true, managerApproval: false }),
  dialog: () => [
    { label: 'export allowed, CA certificate manager approval required', choice: { exportableKey: true, managerApproval: true } },
    { label: 'export not allowed, approval required', choice: { exportableKey: false, managerApproval: true } },
  ],
  variants: () => [{ label: 'private key not exportable', choice: { exportableKey: false, managerApproval: false } }],
  ...choiceOf(z.strictObject({ exportableKey: z.boolean(), managerApproval: z.boolean().default(false) })),
  commands: (choice, context) => [
    {
      type: 'ChangeRequestHandling',
      template: templateOf(context),
      exportableKey: choice.exportableKey,
      managerApproval: choice.managerApproval,
    },
  ],
});

const oidSchema = z
  .string()
  .regex(/^\d+(\.\d+)+$/)
  .register(wording, { expected: 'an object identifier such as 2.16.840.1.113741.1.2.3' });

export const applicationPolicyStep = (
  seed: string,
  name: string,
  policyOid: string,
): StepDefinition<{ policies: { name: string; oid: string }[] }> => ({
  id: 'application-policies',
  title: 'Add an application policy (Extensions tab)',
  purpose: `Add the "${name}" application policy (${policyOid}) next to Server Authentication, so AMT recognizes the certificate as one it may be provisioned with.`,
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => ({ policies: [{ name, oid: policyOid }] }),
  ...choiceOf(z.strictObject({ policies: z.array(z.strictObject({ name: text, oid: oidSchema })) })),
  commands: (choice, context) =>
    choice.policies.map((policy) => ({ type: 'AddApplicationPolicy', template: templateOf(context), ...policy })),
});
