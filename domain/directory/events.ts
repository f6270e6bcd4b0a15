import type { HostName } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import type { AutoenrollmentPolicy, Principal } from './model.ts';

export type LabCreated = {
  readonly type: 'LabCreated';
  readonly data: {
    readonly domain: { readonly dnsName: string; readonly netbiosName: string; readonly sid: string };
    readonly startsAt: SimTime;
  };
};
export type PrincipalCreated = { readonly type: 'PrincipalCreated'; readonly data: { readonly principal: Principal } };
export type GroupMemberAdded = { readonly type: 'GroupMemberAdded'; readonly data: { readonly group: string; readonly member: string } };
/** A restart gives the computer a new token with the groups it belongs to at that moment. */
export type ComputerRestarted = {
  readonly type: 'ComputerRestarted';
  readonly data: { readonly computer: HostName; readonly tokenGroups: readonly string[] };
};

export type GpoCreated = { readonly type: 'GpoCreated'; readonly data: { readonly name: string; readonly linkedTo: string | null } };
export type AutoenrollmentPolicyConfigured = {
  readonly type: 'AutoenrollmentPolicyConfigured';
  readonly data: { readonly gpo: string; readonly policy: AutoenrollmentPolicy };
};

export type DirectoryEvent =
  | LabCreated
  | PrincipalCreated
  | GroupMemberAdded
  | ComputerRestarted
  | GpoCreated
  | AutoenrollmentPolicyConfigured;
