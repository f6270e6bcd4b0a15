import { procedures } from '../../workflows/index.ts';
import { createStepper } from '../stepper/controller.ts';
import { storeOption } from '../postgres/lab-store.ts';
import { runPlain } from '../stepper/plain.ts';
import type { Io } from './run.ts';
import { parseOptions, usageFailure } from './args.ts';

export const stepHelp = `Usage: pkilab step [PROCEDURE] [--lab LOG] [--scenario FILE] [--out DIR] [--new] [--plain] [--quiz]

Walk a procedure of the seed step by step, as in the real consoles: every choice the dialog offers
(the wrong ones too), what the step changes, rejections with their real error codes, new findings.
Every action is appended to the lab log; going back cuts the log (b) or forks it (f).

  PROCEDURE         one of: ${procedures.map((p) => p.id).join(', ')} (asked for when left out)
  --lab LOG         continue an existing lab log (procedures build on each other, as in the seed)
  --scenario FILE   start from the world a scenario leaves
  --out DIR         where a new lab lives (default ./.pkilab/step; an existing lab there is continued)
  --new             start a new lab in --out even if one is there
  --store URL       labs in a PostgreSQL store (or PKILAB_STORE): --lab names one (class1/student-01),
                    continued if it exists, else created
  --plain           text mode with the same information; also used whenever standard output is not a terminal
  --quiz            for a class: the seed's choice is not marked, and a choice other than the seed's is
                    explained after it is taken (what the seed does, and why)

Keys: ↑/↓ or a number to choose, Enter to take it; j: jump back to any earlier step (a list); b: back one
step and f: back on a fork (<lab>-fork-N), both asking first; a: administrative actions (restart a computer,
gpupdate, certutil -pulse, approve a request…); Tab and PgUp/PgDn: the world panel's tabs (procedure,
certificates, computers, GPOs) and scrolling; e: explain; s: save (the scenario that reproduces the session);
Esc: back to the procedure list from a completed procedure; q: quit. The procedure list shows what is done,
available, or needs another procedure first; a done one is stepped again in a fresh lab or on a fork.
The findings panel keeps the open findings, marks new ones and announces each one a step resolved.
Plain mode reads the same commands one a line (h lists them). NO_COLOR turns colours off.

Examples:
  pkilab step iis-web-server-certificate
  pkilab step windows-client-certificate --quiz --plain --out /tmp/class-quiz --new
  pkilab step --lab .pkilab/step/lab.jsonl dp-client-certificate
  pkilab step mac-client-certificate --scenario scenarios/iis-web-server-certificate.yaml --out /tmp/rehearsal --new
`;

/** `pkilab step`: full screen on a terminal, plain text otherwise. */
export const stepCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, {
      lab: { type: 'string' },
      store: { type: 'string' },
      scenario: { type: 'string' },
      out: { type: 'string' },
      new: { type: 'boolean' },
      plain: { type: 'boolean' },
      quiz: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  } catch (error) {
    return usageFailure(io, 'step', error, args);
  }
  if (parsed.values.help) return (io.out(stepHelp), 0);
  const [procedure] = parsed.positionals;
  if (procedure && !procedures.some((p) => p.id === procedure)) {
    io.err(`pkilab step: unknown procedure "${procedure}"; expected one of ${procedures.map((p) => p.id).join(', ')}`);
    return 2;
  }
  const stepper = await createStepper({
    out: parsed.values.out ?? '.pkilab/step',
    lab: parsed.values.lab,
    scenario: parsed.values.scenario,
    procedure,
    fresh: parsed.values.new,
    quiz: parsed.values.quiz,
    store: storeOption(parsed.values.store),
    warn: (w) => io.err(`warning: ${w}`),
  });
  try {
    if (parsed.values.plain || !process.stdout.isTTY || !process.stdin.isTTY) return await runPlain(stepper, io);
    const { runScreen } = await import('../stepper/screen.tsx');
    return await runScreen(stepper);
  } finally {
    await stepper.close();
  }
};
