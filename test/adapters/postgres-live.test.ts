import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { classStatus } from '../../adapters/classroom/create.ts';
import { followTravel } from '../../adapters/postgres/travel.ts';
import { createStepper } from '../../adapters/stepper/controller.ts';
import { testStore } from '../support/postgres.ts';
import { tempDir } from '../support/cli.ts';

// Stepping a lab in a store, and following it live from travel, against a real PostgreSQL server.
const { store, url, done } = await testStore();
const live = suite('adapters/postgres step and travel --follow');
const until = async (check: () => boolean, what: string) => {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`waited 10 s for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

live('step --store creates the lab in the store, appends each step there, and continues it when opened again', async () => {
  const options = {
    out: await tempDir(),
    lab: 'class2/student-01',
    store: url,
    procedure: 'iis-web-server-certificate',
    warn: () => undefined,
  };
  const first = await createStepper(options);
  try {
    assert.match(first.view().message ?? '', /new lab: the contoso\.com test network in .*#class2\/student-01/);
    await first.take(0);
  } finally {
    await first.close();
  }
  const again = await createStepper(options);
  try {
    assert.match(again.view().message ?? '', /continuing .*#class2\/student-01 \(\d+ events\)/);
    assert.ok(again.view().checklist!.done.length >= 1);
  } finally {
    await again.close();
  }
  const [status] = await classStatus(store, 'class2');
  assert.is(status!.procedure?.id, 'iis-web-server-certificate');
  assert.ok(status!.step, 'a step is waiting');
});

live("two people stepping one lab: the one who chose second is told, sees the other's step, and chooses again", async () => {
  const options = {
    out: await tempDir(),
    lab: 'team/together',
    store: url,
    procedure: 'iis-web-server-certificate',
    warn: () => undefined,
  };
  const alice = await createStepper(options);
  const bob = await createStepper(options);
  try {
    const before = (await store.events.read('team/together')).length;
    await alice.take(0);
    const afterAlice = (await store.events.read('team/together')).length;
    assert.ok(afterAlice > before);
    await bob.take(0);
    assert.match(bob.view().message ?? '', /someone else changed this lab first \(it has \d+ events now\)/);
    assert.is(bob.view().lab.events.length, afterAlice, "Bob sees Alice's step");
    await bob.take(0);
    assert.ok((await store.events.read('team/together')).length > afterAlice, "Bob's second choice lands");
    assert.equal(
      (await store.events.read('team/together')).map((e) => e.position),
      Array.from({ length: bob.view().lab.events.length }, (_, i) => i + 1),
    );
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

live('two people opening one procedure at once: the second finds it started by the first and steps on, no error', async () => {
  const options = { out: await tempDir(), lab: 'team/opening', store: url, warn: () => undefined };
  const alice = await createStepper(options);
  const bob = await createStepper(options);
  try {
    await alice.choose('iis-web-server-certificate');
    await bob.choose('iis-web-server-certificate');
    const events = await store.events.read('team/opening');
    assert.is(events.filter((e) => e.type === 'ProcedureStarted').length, 1, 'started once');
    assert.is(bob.view().lab.events.length, events.length, 'Bob sees the lab as Alice left it');
    await bob.take(0);
    assert.ok((await store.events.read('team/opening')).length > events.length, "Bob's choice lands");
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

live('travel --follow on a lab with no events says so (a mistyped name) and waits for its first append', async () => {
  const lines: string[] = [];
  const warnings: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const following = followTravel(
    'nobody/yet',
    url,
    (line) => lines.push(line),
    stopped,
    (w) => warnings.push(w),
  );
  await until(() => warnings.length === 1, 'the warning');
  assert.match(warnings[0]!, /#nobody\/yet holds no events yet \(is the name right\?\): waiting for its first append/);
  stop();
  assert.is(await following, 0);
  assert.equal(lines, []);
});

live('travel --follow prints the lab, then each append as another writer makes it, and stops when told', async () => {
  const lines: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const following = followTravel('class2/student-01', url, (line) => lines.push(line), stopped);
  const version = await store.events.version('class2/student-01');
  await until(() => lines.length === version, 'the lab as it stands');
  const [last] = await store.events.read('class2/student-01', { from: version });
  const { position: _, ...event } = last!;
  await store.events.append(
    'class2/student-01',
    [{ ...event, type: 'ComputerRestarted', data: { computer: 'SERVER1', tokenGroups: [] } } as never],
    version,
  );
  await until(() => lines.length === version + 1, 'the appended event');
  assert.match(lines.at(-1)!, new RegExp(`^\\s*${version + 1}  .*SERVER1 restarted`));
  stop();
  assert.is(await following, 0);
});

live.after(done);
live.run();
