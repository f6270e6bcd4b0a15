import { match, P } from 'ts-pattern';
import { decideAutoenrollment } from '../ca/autoenroll.ts';
import { decideCaAdmin } from '../ca/decide-admin.ts';
import { crlReactionsTo } from '../ca/crl-schedule.ts';
import { decideCrlPublication } from '../ca/crl.ts';
import { decideEnrollment } from '../ca/decide-enrollment.ts';
import { decideCaService, decideRevocation } from '../ca/revocation.ts';
import { decideTemplate } from '../ca/decide-templates.ts';
import { decideConfigMgr } from '../configmgr/decide.ts';
import { decideDirectory } from '../directory/decide.ts';
import { decideHosts } from '../hosts/decide/decide.ts';
import type { LabCommand, Timed } from './commands.ts';
import { decideAdvanceTime, decideGroupPolicyRefresh } from './decide-admin.ts';
import type { Decision } from './decision.ts';
import type { LabEvent } from './events.ts';
import type { World } from './world.ts';

/** The lab's one decider: a command against the world, at the simulated time the command carries. Pure. */
export const decide = (command: Timed, world: World): Decision => {
  return match(command)
    .with({ type: P.union('CreateGroup', 'AddGroupMember', 'RestartComputer', 'CreateGpo', 'ConfigureAutoenrollmentPolicy') }, (c) =>
      decideDirectory(c, world),
    )
    .with(
      {
        type: P.union(
          'DuplicateTemplate',
          'ChangeSubjectName',
          'ChangeRequestHandling',
          'ChangeTemplatePermissions',
          'AddApplicationPolicy',
          'IssueTemplate',
        ),
      },
      (c) => decideTemplate(c, world),
    )
    .with({ type: 'RequestCertificate' }, (c) => decideEnrollment(c, world))
    .with({ type: 'Autoenroll' }, (c) => decideAutoenrollment(c, world))
    .with({ type: 'RevokeCertificate' }, (c) => decideRevocation(c, world))
    .with({ type: 'PublishCrl' }, (c) => decideCrlPublication(c, world))
    .with({ type: P.union('StopCaService', 'StartCaService') }, (c) => decideCaService(c, world))
    .with({ type: P.union('BindCertificate', 'VerifyBinding', 'ExportCertificate', 'VerifyCertificate') }, (c) => decideHosts(c, world))
    .with(
      {
        type: P.union(
          'ConfigureSiteSystem',
          'CreateCloudDistributionPoint',
          'ImportDistributionPointCertificate',
          'ConfigureOutOfBandServicePoint',
          'ConfigureOutOfBandManagement',
          'SetEnrollmentProfile',
          'EnrollDevice',
          'ProvisionAmtComputer',
        ),
      },
      (c) => decideConfigMgr(c, world),
    )
    .with({ type: P.union('RemoveTemplateFromCa', 'ChangeTemplateSettings', 'ApproveRequest', 'DenyRequest', 'RenewCertificate') }, (c) =>
      decideCaAdmin(c, world),
    )
    .with({ type: 'AdvanceTime' }, (c) => decideAdvanceTime(c, world))
    .with({ type: 'RefreshGroupPolicy' }, (c) => decideGroupPolicyRefresh(c, world))
    .exhaustive();
};

/**
 * What the world does by itself after an event: a computer that starts runs its autoenrollment task; a base
 * CRL is followed by the delta that completes it.
 */
export const reactionsTo = (event: LabEvent): LabCommand[] =>
  event.type === 'ComputerRestarted'
    ? [{ type: 'Autoenroll', computer: event.data.computer, trigger: 'startup' }]
    : event.type === 'CrlPublished'
      ? crlReactionsTo(event)
      : [];

export { dueByTime, nextDueAt } from './schedule.ts';
