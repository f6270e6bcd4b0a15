import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../../adapters/travel/session.ts';
import { openSource } from '../../adapters/travel/source.ts';
import { runJson } from '../support/cli.ts';

/**
 * The prompt commands the README's "Time travel" section shows, taken from the text and run at a prompt over
 * the iis-no-restart lab (those that write files, or show a placeholder such as `…` or `[--force]`, are left out).
 */
const readme = suite('README travel examples');
const section = readFileSync('README.md', 'utf8').split('## Time travel')[1]!.split('\n## ')[0]!;
const commands = [...section.matchAll(/`((?:show|log|goto|diff|bisect|why|what-if|next|prev) [^`]*)`/g)]
  .map((m) => m[1]!)
  .filter((c) => !/…|\[/.test(c));
const log = (await runJson('scenarios/iis-no-restart.yaml')).report.log as string;
const source = await openSource(log, () => undefined);

readme("the section shows the prompt's commands", () => {
  assert.ok(
    ['show', 'log', 'goto', 'diff', 'bisect', 'why', 'what-if'].every((c) => commands.some((x) => x.startsWith(`${c} `))),
    commands.join('\n'),
  );
});

for (const command of commands) {
  readme(`runs at the prompt: ${command}`, async () => {
    // Each example on its own, as a new prompt opens: the cursor at the end of the log.
    const output = await createSession(source, () => undefined).run(command);
    assert.ok(output.lines.length > 0);
    assert.is(output.json.command, command.split(' ')[0]);
  });
}

readme.run();
