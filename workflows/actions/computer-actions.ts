import { z } from 'zod';
import { HostName } from '../../domain/index.ts';
import { hostNameText, choiceOf, text } from '../kit/choices.ts';
import { defineAction } from './definition.ts';

const onComputer = z.strictObject({ computer: hostNameText.describe("the computer's name, e.g. CLIENT1") });

const restartComputer = defineAction({
  id: 'restart-computer',
  title: 'Restart a computer',
  purpose: 'A restart gives the computer a new token with the groups it belongs to now, and runs its autoenrollment task at startup.',
  group: 'computers',
  tool: 'shutdown /r',
  example: { computer: 'CLIENT1' },
  ...choiceOf(onComputer),
  minutes: 5,
  commands: (choice) => [{ type: 'RestartComputer', computer: HostName(choice.computer) }],
});

const gpupdate = defineAction({
  id: 'gpupdate',
  title: 'Refresh Group Policy on a computer',
  purpose:
    "Applies the computer's policy now. It neither renews the token (group changes still need a restart) nor runs autoenrollment (certutil -pulse does).",
  group: 'computers',
  tool: 'gpupdate /force',
  example: { computer: 'CLIENT1' },
  ...choiceOf(onComputer),
  minutes: 1,
  commands: (choice) => [{ type: 'RefreshGroupPolicy', computer: HostName(choice.computer) }],
});

const pulseAutoenrollment = defineAction({
  id: 'pulse-autoenrollment',
  title: 'Trigger autoenrollment on a computer',
  purpose:
    "Runs the computer's autoenrollment task at once instead of waiting for its 8-hour timer: missing certificates are requested, approved ones retrieved, due ones renewed.",
  group: 'computers',
  tool: 'certutil -pulse',
  example: { computer: 'CLIENT1' },
  ...choiceOf(onComputer),
  minutes: 1,
  commands: (choice) => [{ type: 'Autoenroll', computer: HostName(choice.computer), trigger: 'pulse' }],
});

export const computerActions = [restartComputer, gpupdate, pulseAutoenrollment];
