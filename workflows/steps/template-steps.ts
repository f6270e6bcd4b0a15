import {
  HostName,
  type CertificatePurpose,
  compatibilityAuthorities,
  compatibilityRecipients,
  contoso,
  duplicateVersions,
  type Compatibility,
  type DuplicateVersion,
} from '../../domain/index.ts';
import { z } from 'zod';
import { hostNameText, ChoiceError, choiceOf, expects, names, optionalText, text } from '../kit/choices.ts';
import { stepKey, type ProcedureContext, type StepDefinition } from '../kit/procedure.ts';

const groupSchema = z.strictObject({ name: text, members: names.default([]) });
type GroupChoice = z.output<typeof groupSchema>;
/** The group the procedure created. */
export const createGroup = stepKey<GroupChoice>('create-group');

const nameSchema = z.strictObject({ displayName: text });
/** The display name the General tab gave the new template. */
export const nameTemplate = stepKey<z.output<typeof nameSchema>>('name-template');

/** The display name the General tab gave the new template, as later steps need it. */
export const templateOf = (context: ProcedureContext): string => nameTemplate.read(context)?.displayName ?? '(template not named yet)';

export const groupOf = (context: ProcedureContext): string => createGroup.read(context)?.name ?? '(no group)';

export const createGroupStep = (seed: string, name: string, members: readonly string[], purpose: string): StepDefinition<GroupChoice> => ({
  id: createGroup.id,
  title: `Create the security group ${name}`,
  purpose,
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => ({ name, members: [...members] }),
  ...choiceOf(groupSchema),
  commands: (choice) => [
    { type: 'CreateGroup', name: choice.name },
    ...choice.members.map((member) => ({ type: 'AddGroupMember' as const, group: choice.name, member })),
  ],
});

interface DuplicateChoice {
  readonly source: string;
  readonly version?: DuplicateVersion;
  readonly compatibility?: Compatibility;
}
/** The template duplicated, and its version or compatibility. */
const duplicateTemplate = stepKey<DuplicateChoice>('duplicate-template');

const enumOf = <K extends string>(record: Record<K, unknown>) => z.enum(Object.keys(record) as [K, ...K[]]);
const versionSchema = enumOf(duplicateVersions);
const compatibilitySchema = z.strictObject({
  certificationAuthority: enumOf(compatibilityAuthorities),
  certificateRecipient: enumOf(compatibilityRecipients),
});

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
  id: duplicateTemplate.id,
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
  id: nameTemplate.id,
  title: 'Name the new template (General tab)',
  purpose:
    'Give the duplicate the display name administrators will look for in the Certificate Templates console and the enrollment wizard. Saving the dialog creates the template in the directory.',
  seed,
  minutes: 2,
  skippable: false,
  seedChoice: () => ({ displayName }),
  ...choiceOf(nameSchema),
  commands: (choice, context) => {
    const duplicate = duplicateTemplate.read(context)!;
    return [
      {
        type: 'DuplicateTemplate',
        source: duplicate.source,
        ...(duplicate.compatibility ? { compatibility: duplicate.compatibility } : { version: duplicate.version }),
        displayName: choice.displayName,
        purpose,
      },
    ];
  },
});

export const issueStep = (seed: string): StepDefinition<{ ca: string }> => ({
  id: 'issue-template',
  title: 'Issue the template on the CA (Certificate Template to Issue)',
  purpose:
    "A template exists in the directory as soon as it is saved, but no CA hands out certificates from it until the template is added to the CA's Certificate Templates to Issue.",
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
  purpose:
    'A computer carries its group memberships in the token it gets at startup. Restarting it is what makes its new group, and so the template permissions given to that group, count.',
  seed,
  minutes: 5,
  skippable: true,
  seedChoice: () => ({ computer }),
  ...choiceOf(z.strictObject({ computer: hostNameText })),
  commands: (choice) => [{ type: 'RestartComputer', computer: HostName(choice.computer) }],
});
