import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../../adapters/travel/session.ts';
import { KeyRef, Thumbprint, decide, timed, testNetwork, type LabCommand, type LabEvent } from '../../domain/index.ts';
import { at } from '../support/steps.ts';
import { given, givenNetwork, record, startsAt } from '../support/world.ts';

const bisect = suite('pkilab travel bisect, on a log built command by command');

/** The test network's events followed by those the commands are decided into, one after another. */
const logOf = (...commands: LabCommand[]) => {
  const events: LabEvent[] = [
    ...testNetwork(
      startsAt,
      { edition: 'enterprise', os: 'windows-server-2008' },
      { keyRef: KeyRef('ca'), certificate: 'AA==', thumbprint: Thumbprint('CA'), serialTickBase: 0x15fba3bb },
    ),
  ];
  commands.reduce((world, command) => {
    const decision = decide(timed(command, at), world);
    if (decision.kind !== 'accepted') throw new Error(`${command.type} was ${decision.kind}`);
    events.push(...decision.events);
    return given(world, ...decision.events);
  }, givenNetwork());
  return record(events);
};

bisect('bisect names the first appearance of a finding that clears and comes back, then each clearing and return', async () => {
  const template = 'ConfigMgr Web Server Certificate';
  const write = (change: 'allow' | 'remove'): LabCommand => ({
    type: 'ChangeTemplatePermissions',
    template,
    principal: 'Domain Users',
    [change]: ['Write'],
  });
  const groups = (from: number, count: number) =>
    Array.from({ length: count }, (_, i): LabCommand => ({ type: 'CreateGroup', name: `Helpdesk ${from + i}` }));
  const events = logOf(
    { type: 'DuplicateTemplate', source: 'Web Server', version: 'windows-server-2003-enterprise', displayName: template },
    write('allow'),
    ...groups(0, 3),
    write('remove'),
    ...groups(3, 60),
    write('allow'),
    ...groups(63, 3),
  );
  const writes = events.filter((e) => e.type === 'TemplatePermissionsChanged').map((e) => e.position);
  const session = createSession({ path: 'memory', events }, () => undefined);
  for (const wanted of ['ESC4', 'ESC4:template:ConfigMgrWebServerCertificate']) {
    const { lines, json } = await session.run(`bisect ${wanted}`);
    const result = json as unknown as { position: number; event: { type: string }; later: Array<{ position: number; kind: string }> };
    assert.is(result.position, writes[0]);
    assert.is(result.event.type, 'TemplatePermissionsChanged');
    assert.equal(
      result.later.map((c) => [c.kind, c.position]),
      [
        ['cleared', writes[1]],
        ['back', writes[2]],
      ],
    );
    assert.match(lines[0]!, new RegExp(`first appears at position ${writes[0]},`));
    assert.ok(
      lines.some((l) => l.startsWith(`cleared at ${writes[1]},`)) && lines.some((l) => l.startsWith(`back at ${writes[2]},`)),
      lines.join('\n'),
    );
  }
});

bisect.run();
