import { createInterface } from 'node:readline';
import type { Io } from '../io.ts';
import { actionMenu } from './actions-menu.ts';
import type { Stepper } from './controller.ts';
import { StepperError } from './errors.ts';
import { viewLines } from './text.ts';

export const plainKeys = [
  'Commands (one a line): N take choice N (or open procedure N) · b [N] back N steps · f [N] back N steps on a fork',
  '  j list earlier steps · j P back to before the input at position P · a list actions · a N the proposals of action N',
  '  a N M take proposal M · a ACTION-ID JSON take it with that choice · again ID n|f a done procedure in a fresh lab (n) or a fork (f) · l list procedures',
  '  e explain · s [FILE] save · q quit · h this help',
].join('\n');

/** A question the next line answers; any answer not listed cancels. */
type Pending = { question: string; answers: Record<string, () => Promise<unknown>> };

/** The non-interactive stepper: the screen as text, one command a line on standard input, an error for every bad one. */
export const runPlain = async (stepper: Stepper, io: Io): Promise<number> => {
  const render = () => io.out([...viewLines(stepper.view()), plainKeys].join('\n'));
  const refuse = (text: string) => io.err(`✗ ${text}`);
  let pending: Pending | undefined;
  render();
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const raw of rl) {
    const line = raw.trim();
    if (pending) {
      const answer = pending.answers[line.toLowerCase()];
      pending = undefined;
      if (!answer) io.out('kept as it was');
      else await answer().then(render, (e: Error) => refuse(e.message));
      continue;
    }
    const [command = '', ...args] = line.split(/\s+/);
    const view = stepper.view();
    const number = (text: string | undefined, max: number, what: string) => {
      const n = Number(text);
      if (!/^\d+$/.test(text ?? '') || n < 1 || n > max)
        throw new StepperError('STEPPER_NOT_LISTED', `expected ${what} from 1 to ${max}, found ${text ?? 'nothing'}`);
      return n;
    };
    try {
      if (command === 'q') break;
      if (command === '') throw new StepperError('STEPPER_UNKNOWN_COMMAND', `expected a command, found an empty line\n${plainKeys}`);
      if (/^\d+$/.test(command)) {
        const max = view.procedure ? view.options.length : view.procedures.length;
        if (max === 0)
          throw new StepperError('STEPPER_NOT_LISTED', 'the procedure is complete: nothing to choose here (l lists the procedures)');
        const n = number(command, max, view.procedure ? 'a choice' : 'a procedure');
        if (view.procedure) await stepper.take(n - 1);
        else if (view.procedures[n - 1]!.status.kind === 'done')
          throw new StepperError(
            'STEPPER_PROCEDURE_DONE',
            `${view.procedures[n - 1]!.procedure.id} is done in this lab; "again ${view.procedures[n - 1]!.procedure.id} n" steps it in a fresh lab, "again … f" on a fork before it`,
          );
        else await stepper.choose(view.procedures[n - 1]!.procedure.id);
      } else if (command === 'b' || command === 'f') {
        const steps = args[0] === undefined ? 1 : number(args[0], view.inputs.length, 'a number of steps');
        const target = view.inputs.at(-steps);
        if (!target) throw new StepperError('STEPPER_NOTHING_THERE', 'no step taken yet: nothing to go back to');
        const mode = command === 'b' ? 'truncate' : 'fork';
        pending = {
          question:
            command === 'b'
              ? `cut the log back to before "${target.label}"? y: cut · f: fork instead · anything else: no`
              : `fork the lab before "${target.label}"? y: fork · anything else: no`,
          answers: { y: () => stepper.back(steps, mode), ...(command === 'b' ? { f: () => stepper.back(steps, 'fork') } : {}) },
        };
        io.out(pending.question);
        continue;
      } else if (command === 'j') {
        if (args[0] === undefined)
          io.out(['Earlier inputs (j P goes back to before P):', ...view.inputs.map((i) => `  ${i.position}  ${i.label}`)].join('\n'));
        else {
          const target = view.inputs.find((i) => String(i.position) === args[0]);
          if (!target)
            throw new StepperError('STEPPER_NOTHING_THERE', `expected the position of an earlier input (j lists them), found ${args[0]}`);
          pending = {
            question: `go back to before "${target.label}"? y: cut the log · f: fork · anything else: no`,
            answers: { y: () => stepper.jumpTo(target.position, 'truncate'), f: () => stepper.jumpTo(target.position, 'fork') },
          };
          io.out(pending.question);
        }
        continue;
      } else if (command === 'a') {
        const menu = actionMenu();
        if (args[0] === undefined) {
          io.out(
            [
              'Administrative actions (a N lists its proposals):',
              ...menu.map((a, i) => `  ${i + 1}) ${a.title} [${a.group}] — ${a.tool}`),
            ].join('\n'),
          );
          continue;
        }
        const named = menu.find((a) => a.id === args[0]);
        if (named && args.length > 1) {
          // `a ACTION-ID JSON`: the choice typed in full, checked by the action's schema before anything is logged.
          const json = line.slice(line.indexOf(args[0]!) + args[0]!.length).trim();
          let choice: unknown;
          try {
            choice = JSON.parse(json);
          } catch {
            throw new StepperError(
              'STEPPER_INVALID_CHOICE',
              `expected the action's choice as JSON (for example ${JSON.stringify(named.example)}), found ${json}`,
            );
          }
          await stepper.act({ action: named, choice: choice as Record<string, unknown>, label: json });
          render();
          continue;
        }
        const action = named ?? menu[number(args[0], menu.length, 'an action (its number or id)') - 1]!;
        const proposals = stepper.proposals(action.id);
        if (args[1] === undefined) {
          io.out([`${action.title}: ${action.purpose}`, ...proposals.map((p, i) => `  ${i + 1}) ${p.label}`)].join('\n'));
          continue;
        }
        await stepper.act(proposals[number(args[1], proposals.length, 'a proposal') - 1]!);
      } else if (command === 'again') {
        if (!['n', 'f'].includes(args[1] ?? ''))
          throw new StepperError(
            'STEPPER_UNKNOWN_COMMAND',
            `expected again PROCEDURE n (a fresh lab) or again PROCEDURE f (a fork), found ${args.join(' ') || 'nothing'}`,
          );
        await stepper.again(args[0] ?? '', args[1] === 'n' ? 'fresh' : 'fork');
      } else if (command === 'l') stepper.leave();
      else if (command === 'e') {
        io.out(stepper.explain().join('\n'));
        continue;
      } else if (command === 's') io.out(`saved ${await stepper.save(args[0])}`);
      else if (command === 'h' || command === '?') {
        io.out(plainKeys);
        continue;
      } else throw new StepperError('STEPPER_UNKNOWN_COMMAND', `unknown command "${command}"\n${plainKeys}`);
      render();
    } catch (error) {
      refuse((error as Error).message);
    }
  }
  rl.close();
  return 0;
};
