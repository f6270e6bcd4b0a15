export type CreateGroup = { readonly type: 'CreateGroup'; readonly name: string };
export type AddGroupMember = { readonly type: 'AddGroupMember'; readonly group: string; readonly member: string };
export type RestartComputer = { readonly type: 'RestartComputer'; readonly computer: string };

export type DirectoryCommand = CreateGroup | AddGroupMember | RestartComputer;
