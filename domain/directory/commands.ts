import type { HostName } from '../shared/ids.ts';
import type { AutoenrollmentPolicy } from './model.ts';

export type CreateGroup = { readonly type: 'CreateGroup'; readonly name: string };
export type AddGroupMember = { readonly type: 'AddGroupMember'; readonly group: string; readonly member: string };
export type RestartComputer = { readonly type: 'RestartComputer'; readonly computer: HostName };

/** Group Policy Management: "Create a GPO in this domain, and Link it here" (or create it unlinked). */
export type CreateGpo = { readonly type: 'CreateGpo'; readonly name: string; readonly linkToDomain: boolean };
export type ConfigureAutoenrollmentPolicy = {
  readonly type: 'ConfigureAutoenrollmentPolicy';
  readonly gpo: string;
  readonly policy: AutoenrollmentPolicy;
};

export type DirectoryCommand = CreateGroup | AddGroupMember | RestartComputer | CreateGpo | ConfigureAutoenrollmentPolicy;
