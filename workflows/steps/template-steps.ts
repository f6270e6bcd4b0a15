import { type CertificatePurpose, altNameKinds, compatibilityAuthorities, compatibilityRecipients, contoso, duplicateVersions, type Compatibility, subjectFormats, templateRights, type DuplicateVersion, type SubjectNameSetting, type TemplateRight } from '../../domain/index.ts';
import { ChoiceError, list, object, oneOf, onlyKeys, optionalString, string } from '../choices.ts';
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
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['name', 'members'], path);
    return { name: string(o.name, `${path}.name`), members: o.members === undefined ? [] : list(o.members, `${path}.members`, string) };
  },
  commands: (choice) => [{ type: 'CreateGroup', name: choice.name }, ...choice.members.map((member) => ({ type: 'AddGroupMember' as const, group: choice.name, member }))],
});

export interface DuplicateChoice { readonly source: string; readonly version?: DuplicateVersion; readonly compatibility?: Compatibility }

export const duplicateStep = (seed: string, source: string): StepDefinition<DuplicateChoice> => ({
  id: 'duplicate-template',
  title: `Duplicate the ${source} template`,
  purpose: `Start from the built-in ${source} template and choose the template version in the Duplicate Template dialog. Version 2 (Windows 2003 Server, Enterprise Edition) is what ConfigMgr can use; version 3 keeps keys in a CNG provider it cannot open.`,
  seed,
  minutes: 1,
  skippable: false,
  seedChoice: () => ({ source, version: 'windows-server-2003-enterprise' }),
  variants: () => [{ label: 'Windows 2008 Server, Enterprise Edition', choice: { source, version: 'windows-server-2008-enterprise' } }],
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['source', 'version', 'compatibility'], path);
    const chosenSource = string(o.source ?? source, `${path}.source`);
    if (o.compatibility !== undefined && o.compatibility !== null) {
      const c = onlyKeys(object(o.compatibility, `${path}.compatibility`), ['certificationAuthority', 'certificateRecipient'], `${path}.compatibility`);
      return {
        source: chosenSource,
        compatibility: {
          certificationAuthority: oneOf(c.certificationAuthority, Object.keys(compatibilityAuthorities) as Compatibility['certificationAuthority'][], `${path}.compatibility.certificationAuthority`),
          certificateRecipient: oneOf(c.certificateRecipient, Object.keys(compatibilityRecipients) as Compatibility['certificateRecipient'][], `${path}.compatibility.certificateRecipient`),
        },
      };
    }
    return { source: chosenSource, version: oneOf(o.version, Object.keys(duplicateVersions) as DuplicateVersion[], `${path}.version`) };
  },
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
  parse: (value, path) => ({ displayName: string(onlyKeys(object(value, path), ['displayName'], path).displayName, `${path}.displayName`) }),
  commands: (choice, context) => {
    const duplicate = context.choices['duplicate-template'] as DuplicateChoice;
    return [{ type: 'DuplicateTemplate', source: duplicate.source, ...(duplicate.compatibility ? { compatibility: duplicate.compatibility } : { version: duplicate.version }), displayName: choice.displayName, purpose }];
  },
});

export const parseSubjectName = (value: unknown, path: string): SubjectNameSetting => {
  const o = onlyKeys(object(value, path), ['source', 'format', 'altNames'], path);
  const source = oneOf(o.source, ['supply-in-request', 'build-from-ad'] as const, `${path}.source`);
  if (source === 'supply-in-request') return { source };
  return {
    source,
    format: oneOf(o.format ?? 'none', subjectFormats, `${path}.format`),
    altNames: o.altNames === undefined ? [] : list(o.altNames, `${path}.altNames`, (v, p) => oneOf(v, altNameKinds, p)),
  };
};

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
  parse: (value, path) => ({ subjectName: parseSubjectName(onlyKeys(object(value, path), ['subjectName'], path).subjectName, `${path}.subjectName`) }),
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

const rights = (value: unknown, path: string) => (value === undefined ? undefined : list(value, path, (v, p) => oneOf(v, templateRights, p)));

export const parseEdits = (value: unknown, path: string): PermissionEdit[] =>
  list(value, path, (v, p) => {
    const o = onlyKeys(object(v, p), ['principal', 'allow', 'remove', 'deny'], p);
    const edit = { principal: string(o.principal, `${p}.principal`), allow: rights(o.allow, `${p}.allow`), remove: rights(o.remove, `${p}.remove`), deny: rights(o.deny, `${p}.deny`) };
    if (!edit.allow && !edit.remove && !edit.deny) throw new ChoiceError(p, 'at least one of allow, remove, deny', v);
    return edit;
  });

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
  parse: (value, path) => ({ edits: parseEdits(onlyKeys(object(value, path), ['edits'], path).edits, `${path}.edits`) }),
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
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['exportableKey', 'managerApproval'], path);
    if (typeof o.exportableKey !== 'boolean') throw new ChoiceError(`${path}.exportableKey`, 'true or false', o.exportableKey);
    if (o.managerApproval !== undefined && typeof o.managerApproval !== 'boolean') throw new ChoiceError(`${path}.managerApproval`, 'true or false', o.managerApproval);
    return { exportableKey: o.exportableKey, managerApproval: o.managerApproval === true };
  },
  commands: (choice, context) => [{ type: 'ChangeRequestHandling', template: templateOf(context), exportableKey: choice.exportableKey, managerApproval: choice.managerApproval }],
});

export const applicationPolicyStep = (seed: string, name: string, policyOid: string): StepDefinition<{ policies: { name: string; oid: string }[] }> => ({
  id: 'application-policies',
  title: 'Add an application policy (Extensions tab)',
  purpose: `Add the "${name}" application policy (${policyOid}) next to Server Authentication, so AMT recognizes the certificate as one it may be provisioned with.`,
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => ({ policies: [{ name, oid: policyOid }] }),
  parse: (value, path) => ({
    policies: list(onlyKeys(object(value, path), ['policies'], path).policies, `${path}.policies`, (v, p) => {
      const o = onlyKeys(object(v, p), ['name', 'oid'], p);
      return { name: string(o.name, `${p}.name`), oid: string(o.oid, `${p}.oid`) };
    }),
  }),
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
  parse: (value, path) => ({ ca: optionalString(onlyKeys(object(value, path), ['ca'], path).ca, `${path}.ca`) ?? contoso.caName }),
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
  parse: (value, path) => ({ computer: string(onlyKeys(object(value, path), ['computer'], path).computer, `${path}.computer`) }),
  commands: (choice) => [{ type: 'RestartComputer', computer: choice.computer }],
});
