import { firstValueFrom, from, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabEvent } from '../../domain/index.ts';
import { fold, progress, worlds } from '../../projections/index.ts';
import { givenNetwork, record } from '../support/world.ts';

const live = suite('projections/live (rxjs)');

live('worlds() folds each appended batch onto the last world', async () => {
  const events = record([{ type: 'GroupMemberAdded', data: { group: 'Domain Admins', member: 'SERVER1' } } as LabEvent], 0);
  const start = givenNetwork();
  const batch = events.map((e) => ({ ...e, position: start.position + 1 }));
  const [world] = await firstValueFrom(from([batch]).pipe(worlds(start), toArray()));
  assert.equal(world, fold(batch, start));
  assert.ok(world!.directory.members['Domain Admins']!.includes('SERVER1'));
});

live('progress() reports the changes and the findings each batch brought', async () => {
  const start = givenNetwork();
  const joined = record(
    [
      { type: 'PrincipalCreated', data: { principal: { name: 'G', sid: 'S-G', kind: 'group', builtin: false } } },
      { type: 'GroupMemberAdded', data: { group: 'G', member: 'SERVER1' } },
    ] as LabEvent[],
    start.position,
  );
  const [step] = await firstValueFrom(from([joined]).pipe(worlds(start), progress(start), toArray()));
  assert.ok(step!.changes.some((c) => c.text === 'SERVER1 added to G'));
  assert.equal(
    step!.newFindings.map((f) => f.id),
    ['OP-PENDING-RESTART:principal:SERVER1'],
  );
});

live.run();
