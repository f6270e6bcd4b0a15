import { SimTime, decide, timed, type LabCommand, type World } from '../../domain/index.ts';
import { given } from './world.ts';

export const at = SimTime('2026-11-02T10:00:00.000Z');

/** Decides commands in order and folds each accepted one; fails loudly on anything else. */
export const accepted = (world: World, ...commands: LabCommand[]): World =>
  commands.reduce((w, command) => {
    const decision = decide(timed(command, at), w);
    if (decision.kind !== 'accepted')
      throw new Error(`${command.type} was ${decision.kind}: ${decision.kind === 'rejected' ? decision.rejection.reason : ''}`);
    return given(w, ...decision.events);
  }, world);

/** The seed's template preparation for the IIS web server certificate, up to issuing it. */
export const webServerTemplateIssued = (
  world: World,
  version: 'windows-server-2003-enterprise' | 'windows-server-2008-enterprise' = 'windows-server-2003-enterprise',
): World =>
  accepted(
    world,
    { type: 'CreateGroup', name: 'ConfigMgr IIS Servers' },
    { type: 'AddGroupMember', group: 'ConfigMgr IIS Servers', member: 'SERVER1' },
    { type: 'DuplicateTemplate', source: 'Web Server', version, displayName: 'ConfigMgr Web Server Certificate' },
    { type: 'ChangeTemplatePermissions', template: 'ConfigMgr Web Server Certificate', principal: 'Domain Admins', remove: ['Enroll'] },
    { type: 'ChangeTemplatePermissions', template: 'ConfigMgr Web Server Certificate', principal: 'Enterprise Admins', remove: ['Enroll'] },
    {
      type: 'ChangeTemplatePermissions',
      template: 'ConfigMgr Web Server Certificate',
      principal: 'ConfigMgr IIS Servers',
      allow: ['Read', 'Enroll'],
    },
    { type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: 'ConfigMgr Web Server Certificate' },
  );
