import type { Io } from '../io.ts';
import { actionMenu } from './actions-menu.ts';
import type { Stepper, StepperView } from './controller.ts';
import { StepperError } from './errors.ts';

export const plainKeys = [
  'Commands (one a line): N take choice N (or open procedure N) · b [N] back N steps · f [N] back N steps on a fork',
  '  j list earlier steps · j P back to before the input at position P · a list actions · a N the proposals of action N',
  '  a N M take proposal M · a ACTION-ID JSON take it with that choice · again ID n|f a done procedure in a fresh lab (n) or a fork (f) · l list procedures',
  '  e explain · s [FILE] save · q quit · h this help',
].join('\n');

/** A question the next line answers; any answer not listed cancels. */
export type Pending = { question: string; answers: Record<string, () => Promise<unknown>> };

/** What the line does next: show the screen again, show nothing more, ask a question, or end the session. */
type After = 'render' | 'quiet' | 'quit' | Pending;

/** One command line: the command's words after the first, the whole line, and the view it was typed against. */
interface Typed {
  readonly stepper: Stepper;
  readonly io: Io;
  readonly view: StepperView;
  readonly args: readonly string[];
  readonly line: string;
}

/** The number typed, checked against the list it picks from. */
const number = (text: string | undefined, max: number, what: string) => {
  const n = Number(text);
  if (!/^\d+$/.test(text ?? '') || n < 1 || n > max)
    throw new StepperError('STEPPER_NOT_LISTED', `expected ${what} from 1 to ${max}, found ${text ?? 'nothing'}`);
  return n;
};

/** `N`: a choice of the step shown, or a procedure of the list. */
const numbered = async ({ stepper, view }: Typed, command: string): Promise<After> => {
  const max = view.procedure ? view.options.length : view.procedures.length;
  if (max === 0) throw new StepperError('STEPPER_NOT_LISTED', 'the procedure is complete: nothing to choose here (l lists the procedures)');
  const n = number(command, max, view.procedure ? 'a choice' : 'a procedure');
  if (view.procedure) {
    await stepper.take(n - 1);
    return 'render';
  }
  const { procedure, status } = view.procedures[n - 1]!;
  if (status.kind === 'done')
    throw new StepperError(
      'STEPPER_PROCEDURE_DONE',
      `${procedure.id} is done in this lab; "again ${procedure.id} n" steps it in a fresh lab, "again … f" on a fork before it`,
    );
  await stepper.choose(procedure.id);
  return 'render';
};

/** `b [N]` and `f [N]`: back N steps, asked first. */
const backBy =
  (mode: 'truncate' | 'fork') =>
  ({ stepper, view, args }: Typed): After => {
    const steps = args[0] === undefined ? 1 : number(args[0], view.inputs.length, 'a number of steps');
    const target = view.inputs.at(-steps);
    if (!target) throw new StepperError('STEPPER_NOTHING_THERE', 'no step taken yet: nothing to go back to');
    if (mode === 'fork')
      return {
        question: `fork the lab before "${target.label}"? y: fork · anything else: no`,
        answers: { y: () => stepper.back(steps, mode) },
      };
    return {
      question: `cut the log back to before "${target.label}"? y: cut · f: fork instead · anything else: no`,
      answers: { y: () => stepper.back(steps, mode), f: () => stepper.back(steps, 'fork') },
    };
  };

/** `j` lists the earlier inputs; `j P` goes back to before one, asked first. */
const jump = ({ stepper, io, view, args }: Typed): After => {
  if (args[0] === undefined) {
    io.out(['Earlier inputs (j P goes back to before P):', ...view.inputs.map((i) => `  ${i.position}  ${i.label}`)].join('\n'));
    return 'quiet';
  }
  const target = view.inputs.find((i) => String(i.position) === args[0]);
  if (!target)
    throw new StepperError('STEPPER_NOTHING_THERE', `expected the position of an earlier input (j lists them), found ${args[0]}`);
  return {
    question: `go back to before "${target.label}"? y: cut the log · f: fork · anything else: no`,
    answers: { y: () => stepper.jumpTo(target.position, 'truncate'), f: () => stepper.jumpTo(target.position, 'fork') },
  };
};

/** `a ACTION-ID JSON`: the choice typed in full, checked by the action's schema before anything is logged. */
const actTyped = async ({ stepper, args, line }: Typed, named: ReturnType<typeof actionMenu>[number]): Promise<After> => {
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
  return 'render';
};

/** `a` lists the actions, `a N` an action's proposals, `a N M` takes one, `a ACTION-ID JSON` takes that choice. */
const actions = async (typed: Typed): Promise<After> => {
  const { stepper, io, args } = typed;
  const menu = actionMenu();
  if (args[0] === undefined) {
    io.out(
      ['Administrative actions (a N lists its proposals):', ...menu.map((a, i) => `  ${i + 1}) ${a.title} [${a.group}] — ${a.tool}`)].join(
        '\n',
      ),
    );
    return 'quiet';
  }
  const named = menu.find((a) => a.id === args[0]);
  if (named && args.length > 1) return actTyped(typed, named);
  const action = named ?? menu[number(args[0], menu.length, 'an action (its number or id)') - 1]!;
  const proposals = stepper.proposals(action.id);
  if (args[1] === undefined) {
    io.out([`${action.title}: ${action.purpose}`, ...proposals.map((p, i) => `  ${i + 1}) ${p.label}`)].join('\n'));
    return 'quiet';
  }
  await stepper.act(proposals[number(args[1], proposals.length, 'a proposal') - 1]!);
  return 'render';
};

/** `again ID n|f`: a done procedure again, in a fresh lab or on a fork. */
const again = async ({ stepper, args }: Typed): Promise<After> => {
  if (!['n', 'f'].includes(args[1] ?? ''))
    throw new StepperError(
      'STEPPER_UNKNOWN_COMMAND',
      `expected again PROCEDURE n (a fresh lab) or again PROCEDURE f (a fork), found ${args.join(' ') || 'nothing'}`,
    );
  await stepper.again(args[0] ?? '', args[1] === 'n' ? 'fresh' : 'fork');
  return 'render';
};

const help = ({ io }: Typed): After => {
  io.out(plainKeys);
  return 'quiet';
};

/** The commands by their first word (a number is a choice, see `numbered`). */
const commands: Record<string, (typed: Typed) => After | Promise<After>> = {
  q: () => 'quit',
  b: backBy('truncate'),
  f: backBy('fork'),
  j: jump,
  a: actions,
  again,
  l: ({ stepper }) => {
    stepper.leave();
    return 'render';
  },
  e: ({ stepper, io }) => {
    io.out(stepper.explain().join('\n'));
    return 'quiet';
  },
  s: async ({ stepper, io, args }): Promise<After> => {
    io.out(`saved ${await stepper.save(args[0])}`);
    return 'render';
  },
  h: help,
  '?': help,
};

/** Runs one command line; a command not known, or an empty line, is refused with the list of commands. */
export const runCommand = (stepper: Stepper, io: Io, line: string): After | Promise<After> => {
  const [command = '', ...args] = line.split(/\s+/);
  const typed: Typed = { stepper, io, view: stepper.view(), args, line };
  if (/^\d+$/.test(command)) return numbered(typed, command);
  if (Object.hasOwn(commands, command)) return commands[command]!(typed);
  if (command === '') throw new StepperError('STEPPER_UNKNOWN_COMMAND', `expected a command, found an empty line\n${plainKeys}`);
  throw new StepperError('STEPPER_UNKNOWN_COMMAND', `unknown command "${command}"\n${plainKeys}`);
};
