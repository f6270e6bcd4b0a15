// ConfigMgr's device commands: a mobile device or Mac enrolled through its profile, and an AMT computer provisioned.
import type { HostName } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import { whyNotOffered } from '../ca/decide-enrollment.ts';
import { issuance } from '../ca/issuance.ts';
import { findTemplate } from '../ca/lookup.ts';
import { TemplateName } from '../shared/ids.ts';
import { refuse } from '../shared/decision.ts';
import { accept, unmet, type Command, type ConfigMgrDecision, type ConfigMgrSideEvent, type ConfigMgrView } from './decision.ts';

/** A device enrolled for the first time also becomes a host of the lab (a phone or a Mac, with no roles). */
const deviceEvents = (
  world: ConfigMgrView,
  device: HostName,
  user: string,
  platform: 'mobile' | 'mac',
  at: SimTime,
): ConfigMgrSideEvent[] => [
  { type: 'DeviceEnrolled', data: { device, user, platform } },
  ...(world.hosts.hosts[device]
    ? []
    : [
        {
          type: 'HostProvisioned',
          data: {
            host: {
              name: device,
              fqdn: device.toLowerCase(),
              os: platform === 'mac' ? 'Mac OS X' : 'Windows Phone',
              roles: [],
              lastBoot: at,
              device: platform,
            },
            iisSites: [],
          },
        } as ConfigMgrSideEvent,
      ]),
];

/** A mobile device or Mac enrolled through its profile's template: the device's records first, then its certificate. */
export const enrollDevice = ({ user, device, platform, at }: Command<'EnrollDevice'>, world: ConfigMgrView): ConfigMgrDecision => {
  const profile = world.configmgr.enrollmentProfiles[platform];
  if (!profile) return refuse('NOT_CONFIGURED', `No ${platform} enrollment profile names a certificate template in client settings.`);
  const template = findTemplate(world.ca, TemplateName(profile))!;
  const principal = world.directory.principals[user];
  if (principal?.kind !== 'user') return refuse('NOT_FOUND', `Expected a user named "${user}" to enroll ${device}.`);
  const denied = whyNotOffered(world, template, user);
  if (denied) return denied;
  if (platform === 'mac' && template.subjectName.source === 'build-from-ad' && template.subjectName.altNames.length > 0) {
    return unmet(`The Mac client cannot use a certificate from "${template.displayName}"`, [
      `the template adds ${template.subjectName.altNames.join(', ')} to a subject alternative name, which Mac clients do not support`,
    ]);
  }
  return issuance(world, {
    template,
    requester: principal,
    requested: { dnsNames: [] },
    installTo: { host: device, store: 'personal' },
    at,
    before: deviceEvents(world, device, user, platform, at),
  });
};

/** An AMT computer provisioned: its account in the directory, in the AMT group, and its host. */
export const provisionAmtComputer = ({ computer, fqdn, at }: Command<'ProvisionAmtComputer'>, world: ConfigMgrView): ConfigMgrDecision => {
  const group = world.configmgr.outOfBand.amtGroup;
  if (!group)
    return refuse(
      'NOT_CONFIGURED',
      'The out of band management component names no AMT group; provisioning has nowhere to create the account.',
    );
  if (world.directory.principals[computer]) return refuse('ALREADY_EXISTS', `An account named "${computer}" already exists.`);
  const { domain } = world.directory;
  const rid = 1100 + Object.values(world.directory.principals).filter((p) => !p.builtin).length;
  return accept(
    {
      type: 'PrincipalCreated',
      data: {
        principal: {
          name: computer,
          sid: `${domain.sid}-${rid}`,
          kind: 'computer',
          builtin: false,
          dnsHostName: fqdn,
          userPrincipalName: `${computer.toLowerCase()}$@${domain.dnsName}`,
          primaryGroup: 'Domain Computers',
        },
      },
    },
    { type: 'GroupMemberAdded', data: { group, member: computer } },
    {
      type: 'HostProvisioned',
      data: { host: { name: computer, fqdn, os: 'Intel AMT', roles: ['amt'], lastBoot: at, device: 'amt' }, iisSites: [] },
    },
    { type: 'AmtComputerProvisioned', data: { computer, fqdn, group } },
  );
};
