import { type CertificatePurpose, altNameKinds, compatibilityAuthorities, compatibilityRecipients, contoso, duplicateVersions, type Compatibility, subjectFormats, templateRights, type DuplicateVersion, type SubjectNameSetting, type TemplateRight } from '../../domain/index.ts';
import { z } from 'zod';
import { ChoiceError, choiceOf, expects, names, optionalText, text, wording } from '../choices.ts';
import type { ProcedureContext, StepDefinition } from '../procedure.ts';

/** The display name the General tab gave the new template, as later steps need it. */
export const templateOf = (context: ProcedureContext): string => {
  const named = context.choices['name-template'] as { displayName?: string } | undefined;
  return named?.displayName ?? '(template not named yet)';
};

export const groupOf = (context: ProcedureContext): string => (context.choices['create-group'] as { name?: string } | undefined)?.name ?? '(no group)';

export interface GroupChoice { readonly name: string; readonly members: readonly string[] }

export const createGroupStep = (seed: string, name: string, members: readonly string[], purpose: string): StepDefinition<GroupChoice> => ({
  id: 'create-group',
  title: `Create the security group ${name}`,
  purpose,
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => ({ name, members }),
  ...choiceOf(z.strictObject({ name: text, members: names.default([]) })),
  commands: (choice) => [{ type: 'CreateGroup', name: choice.name }, ...choice.members.map((member) => ({ type: 'AddGroupMember' as const, group: choice.name, member }))],
});

export interface DuplicateChoice { readonly source: string; readonly version?: DuplicateVersion; readonly compatibility?: Compatibility }

const enumOf = <K extends string>(record: Record<K, unknown>) => z.enum(Object.keys(record) as [K, ...K[]]);
const versionSchema = enumOf(duplicateVersions);
const compatibilitySchema = z.strictObject({ certificationAuthority: enumOf(compatibilityAuthorities), certificateRecipient: enumOf(compatibilityRecipients) });

/** The Duplicate Template dialog: a template version, or (2012 console) the Compatibility tab, which wins when given. */
const duplicateChoice = (source: string) =>
  choiceOf(
    z.strictObject({ source: text.default(source), version: versionSchema.optional(), compatibility: compatibilitySchema.nullish() }),
    ({ source: chosen, version, compatibility }, path): DuplicateChoice => {
      if (compatibility) return { source: chosen, compatibility };
      if (!version) throw new ChoiceError(`${path}.version`, expects(versionSchema), version);
      return { source: chosen, version };
    },
  );

export const duplicateStep = (seed: string, source: string): StepDefinition<DuplicateChoice> => ({
  id: 'duplicate-template',
  title: `Duplicate the ${source} template`,
  purpose: `Start from the built-in ${source} template and choose the template version in the Duplicate Template dialog. Version 2 (Windows 2003 Server, Enterprise Edition) is what ConfigMgr can use; version 3 keeps keys in a CNG provider it cannot open.`,
  seed,
  minutes: 1,
  skippable: false,
  seedChoice: () => ({ source, version: 'windows-server-2003-enterprise' }),
  variants: () => [{ label: 'Windows 2008 Server, Enterprise Edition', choice: { source, version: 'windows-server-2008-enterprise' } }],
  ...duplicateChoice(source),
  commands: () => [],
});

export const nameStep = (seed: string, displayName: string, purpose: CertificatePurpose): StepDefinition<{ displayName: string }> => ({
  id: 'name-template',
  title: 'Name the new template (General tab)',
  purpose: 'Give the duplicate the display name administrators will look for in the Certificate Templates console and the enrollment wizard. Saving the dialog creates the template in the directory.',
  seed,
  minutes: 2,
  skippable: false,
  seedChoice: () => ({ displayName }),
  ...choiceOf(z.strictObject({ displayName: text })),
  commands: (choice, context) => {
    const duplicate = context.choices['duplicate-template'] as DuplicateChoice;
    return [{ type: 'DuplicateTemplate', source: duplicate.source, ...(duplicate.compatibility ? { compatibility: duplicate.compatibility } : { version: duplicate.version }), displayName: choice.displayName, purpose }];
  },
});

/** The Subject Name tab: supply in the request, or build from AD with a subject format and alternative names. */
export const subjectNameSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('supply-in-request') }),
  z.strictObject({ source: z.literal('build-from-ad'), format: z.enum(subjectFormats).default('none'), altNames: z.array(z.enum(altNameKinds)).default([]) }),
]) satisfies z.ZodType<SubjectNameSetting>;

export const subjectNameStep = (seed: string, setting: SubjectNameSetting, purpose: string): StepDefinition<{ subjectName: SubjectNameSetting }> => ({
  id: 'subject-name',
  title: 'Set the Subject Name tab',
  purpose,
  seed,
  minutes: 1,
  skippable: false,
  seedChoice: () => ({ subjectName: setting }),
  dialog: () => [
    { label: 'Supply in the request', choice: { subjectName: { source: 'supply-in-request' } } },
    ...subjectFormats.map((format) => ({ label: `Build from AD: subject ${format}, no alternative name`, choice: { subjectName: { source: 'build-from-ad' as const, format, altNames: [] } } })),
    ...altNameKinds.map((kind) => ({ label: `Build from AD: common name, alternative name ${kind.toUpperCase()}`, choice: { subjectName: { source: 'build-from-ad' as const, format: 'common-name' as const, altNames: [kind] } } })),
    { label: 'Build from AD: common name, alternative names DNS and UPN', choice: { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: ['dns', 'upn'] } } },
  ],
  variants: () => [
    setting.source === 'supply-in-request'
      ? { label: 'Build from this Active Directory information (common name)', choice: { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] } } }
      : { label: 'Supply in the request', choice: { subjectName: { source: 'supply-in-request' } } },
  ],
  ...choiceOf(z.strictObject({ subjectName: subjectNameSchema })),
  commands: (choice, context) => [{ type: 'ChangeSubjectName', template: templateOf(context), subjectName: choice.subjectName }],
});

export interface PermissionEdit { readonly principal: string; readonly allow?: readonly TemplateRight[]; readonly remove?: readonly TemplateRight[]; readonly deny?: readonly TemplateRight[] }

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
export const permissionEditSchema = z
  .strictObject({ principal: text, allow: rights, remove: rights, deny: rights })
  .refine((edit) => edit.allow || edit.remove || edit.deny, { error: 'at least one of allow, remove, deny next to the principal' })
  .register(wording, { expected: 'a mapping with a principal and the rights to allow, remove or deny', items: 'permission changes' });

export const securityStep = (seed: string, edits: (context: ProcedureContext) => PermissionEdit[], purpose: string): StepDefinition<{ edits: PermissionEdit[] }> => ({
  id: 'security',
  title: 'Set permissions on the Security tab',
  purpose,
  seed,
  minutes: 2,
  skippable: false,
  seedChoice: (context) => ({ edits: edits(context) }),
  dialog: (context) => [
    { label: 'also let Domain Users enroll', choice: { edits: [...edits(context), { principal: 'Domain Users', allow: ['Read', 'Enroll'] }] } },
    { label: 'also let Domain Computers enroll and autoenroll', choice: { edits: [...edits(context), { principal: 'Domain Computers', allow: ['Read', 'Enroll', 'Autoenroll'] }] } },
    { label: 'also take Read away from Authenticated Users', choice: { edits: [...edits(context), { principal: 'Authenticated Users', remove: ['Read'] }] } },
    { label: 'also deny Enroll to Domain Computers', choice: { edits: [...edits(context), { principal: 'Domain Computers', deny: ['Enroll'] }] } },
    { label: 'also give Authenticated Users Full Control', choice: { edits: [...edits(context), { principal: 'Authenticated Users', allow: ['FullControl'] }] } },
    { label: 'change nothing on the Security tab', choice: { edits: [{ principal: 'Authenticated Users', allow: ['Read'] }] } },
  ],
  variants: (context) => [{ label: 'leave out the last permission change', choice: { edits: edits(context).slice(0, -1) } }],
  ...choiceOf(z.strictObject({ edits: z.array(permissionEditSchema) })),
  commands: (choice, context) => choice.edits.map((edit) => ({ type: 'ChangeTemplatePermissions', template: templateOf(context), ...edit })),
});

export const requestHandlingStep = (seed: string): StepDefinition<{ exportableKey: boolean; managerApproval: boolean }> => ({
  id: 'request-handling',
  title: 'Allow the private key to be exported (Request Handling tab)',
  purpose: 'This certificate must travel as a PFX file, so its private key has to be exportable. Allow export only on templates that need it: an exportable key can be copied off the computer.',
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
  commands: (choice, context) => [{ type: 'ChangeRequestHandling', template: templateOf(context), exportableKey: choice.exportableKey, managerApproval: choice.managerApproval }],
});

const oidSchema = z.string().regex(/^\d+(\.\d+)+$/).register(wording, { expected: 'an object identifier such as 2.16.840.1.113741.1.2.3' });

export const applicationPolicyStep = (seed: string, name: string, policyOid: string): StepDefinition<{ policies: { name: string; oid: string }[] }> => ({
  id: 'application-policies',
  title: 'Add an application policy (Extensions tab)',
  purpose: `Add the "${name}" application policy (${policyOid}) next to Server Authentication, so AMT recognizes the certificate as one it may be provisioned with.`,
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => ({ policies: [{ name, oid: policyOid }] }),
  ...choiceOf(z.strictObject({ policies: z.array(z.strictObject({ name: text, oid: oidSchema })) })),
  commands: (choice, context) => choice.policies.map((policy) => ({ type: 'AddApplicationPolicy', template: templateOf(context), ...policy })),
});

export const issueStep = (seed: string): StepDefinition<{ ca: string }> => ({
  id: 'issue-template',
  title: 'Issue the template on the CA (Certificate Template to Issue)',
  purpose: 'A template exists in the directory as soon as it is saved, but no CA hands out certificates from it until the template is added to the CA\'s Certificate Templates to Issue.',
  seed,
  minutes: 1,
  skippable: true,
  seedChoice: () => ({ ca: contoso.caName }),
  ...choiceOf(z.strictObject({ ca: optionalText }), ({ ca }) => ({ ca: ca ?? contoso.caName })),
  commands: (choice, context) => [{ type: 'IssueTemplate', ca: choice.ca, template: templateOf(context) }],
});

export const restartStep = (seed: string, computer: string, id = 'restart'): StepDefinition<{ computer: string }> => ({
  id,
  title: `Restart ${computer}`,
  purpose: 'A computer carries its group memberships in the token it gets at startup. Restarting it is what makes its new group, and so the template permissions given to that group, count.',
  seed,
  minutes: 5,
  skippable: true,
  seedChoice: () => ({ computer }),
  ...choiceOf(z.strictObject({ computer: text })),
  commands: (choice) => [{ type: 'RestartComputer', computer: choice.computer }],
});
