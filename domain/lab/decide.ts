import { match, P } from 'ts-pattern';
import { decideEnrollment } from '../ca/decide-enrollment.ts';
import { decideTemplate } from '../ca/decide-templates.ts';
import { decideDirectory } from '../directory/decide.ts';
import { decideHosts } from '../hosts/decide.ts';
import type { LabCommand } from './commands.ts';
import type { Decision } from './decision.ts';
import type { World } from './world.ts';

/** The lab's one decider: a command against the world at simulated time `at`. Pure. */
export const decide = (command: LabCommand, world: World, at: string): Decision =>
  match(command)
    .with({ type: P.union('CreateGroup', 'AddGroupMember', 'RestartComputer') }, (c) => decideDirectory(c, world))
    .with({ type: P.union('DuplicateTemplate', 'ChangeSubjectName', 'ChangeRequestHandling', 'ChangeTemplatePermissions', 'IssueTemplate') }, (c) => decideTemplate(c, world))
    .with({ type: 'RequestCertificate' }, (c) => decideEnrollment(c, world, at))
    .with({ type: P.union('BindCertificate', 'VerifyBinding') }, (c) => decideHosts(c, world))
    .exhaustive();
