import type { Key } from 'ink';
import { actionMenu } from './actions-menu.ts';
import type { Stepper, StepperView } from './controller.ts';
import { worldTabs, type WorldTab } from './world-panel.ts';

export type Overlay = {
  kind: 'jump' | 'actions' | 'proposals' | 'explain';
  title: string;
  items: string[];
  selected: number;
  action?: string;
};
/** A question waiting for a key: each key it accepts and what it does; any other key cancels. */
export type Question = { text: string; answers: Record<string, () => Promise<unknown>> };

/** What a key may read and change on the full-screen stepper (its React state, passed in by the screen). */
export interface Controls {
  readonly stepper: Stepper;
  readonly view: StepperView;
  readonly overlay: Overlay | null;
  readonly question: Question | null;
  readonly selected: number;
  readonly tab: WorldTab;
  /** Runs a change to the lab, then shows the lab again (or the error it was refused with). */
  act(action: () => Promise<unknown>): void;
  ask(text: string, answers: Question['answers']): void;
  setOverlay(overlay: Overlay | null): void;
  setQuestion(question: Question | null): void;
  setError(error: string | null): void;
  setTab(tab: WorldTab): void;
  setScroll(scroll: (s: number) => number): void;
  /** Highlights line `to` (wrapping round) of the list shown. */
  move(to: number): void;
  exit(): void;
}

/** How many lines the list shown has: the open overlay's, the step's choices or the procedures. */
export const listLength = ({ overlay, view }: Pick<Controls, 'overlay' | 'view'>) =>
  overlay ? overlay.items.length : view.procedure ? view.options.length : view.procedures.length;

const backTo = (c: Controls, input: { position: number; label: string }) =>
  c.ask(`Back to before "${input.label}"? y: cut the log · f: fork · other key: no`, {
    y: () => c.stepper.jumpTo(input.position, 'truncate'),
    f: () => c.stepper.jumpTo(input.position, 'fork'),
  });

/** Enter on the list of procedures or choices: takes the choice, opens the procedure, or asks how to do a done one again. */
const enter = (c: Controls) => {
  const { view, stepper, selected } = c;
  if (view.procedure) return c.act(() => stepper.take(selected));
  const chosen = view.procedures[selected];
  if (!chosen) return;
  if (chosen.status.kind === 'done')
    return c.ask(`${chosen.procedure.id} is done here. n: fresh lab · f: fork before it · other key: no`, {
      n: () => stepper.again(chosen.procedure.id, 'fresh'),
      f: () => stepper.again(chosen.procedure.id, 'fork'),
    });
  c.act(() => stepper.choose(chosen.procedure.id));
};

/** Enter in an overlay: an earlier input to go back to, an action to list the proposals of, a proposal to take. */
const chooseInOverlay = (c: Controls, o: Overlay) => {
  if (o.kind === 'jump') {
    const input = [...c.view.inputs].reverse()[o.selected];
    if (!input) return;
    c.setOverlay(null);
    return backTo(c, input);
  }
  if (o.kind === 'actions') {
    const action = actionMenu()[o.selected]!;
    const items = c.stepper.proposals(action.id).map((p) => p.label);
    return c.setOverlay({ kind: 'proposals', action: action.id, title: `${action.title}: ${action.purpose}`, items, selected: 0 });
  }
  if (o.kind === 'proposals') {
    const proposal = c.stepper.proposals(o.action!)[o.selected];
    if (proposal) c.act(() => c.stepper.act(proposal));
  }
};

const nothingBack = 'no step taken yet: nothing to go back to';

/** The letter keys, on the lab's screen with no overlay open. */
const letters: Record<string, (c: Controls) => void> = {
  q: (c) => c.exit(),
  j: (c) =>
    c.view.inputs.length
      ? c.setOverlay({
          kind: 'jump',
          title: 'Go back to just before (Enter; Esc to close):',
          items: [...c.view.inputs].reverse().map((i) => `${i.position}  ${i.label}`),
          selected: 0,
        })
      : c.setError(nothingBack),
  b: (c) => {
    const target = c.view.inputs.at(-1);
    if (target) backTo(c, target);
    else c.setError(nothingBack);
  },
  f: (c) => {
    const target = c.view.inputs.at(-1);
    if (!target) return c.setError(nothingBack);
    c.ask(`Fork before "${target.label}" (the log is kept)? y: fork · other key: no`, {
      y: () => c.stepper.jumpTo(target.position, 'fork'),
    });
  },
  a: (c) =>
    c.setOverlay({
      kind: 'actions',
      title: 'Administrative actions (Enter; Esc to close):',
      items: actionMenu().map((a) => `${a.title} [${a.group}] — ${a.tool}`),
      selected: 0,
    }),
  e: (c) => c.setOverlay({ kind: 'explain', title: 'Explain (Esc to close):', items: c.stepper.explain(), selected: -1 }),
  s: (c) => c.act(() => c.stepper.save()),
};

/** Keys that work whatever is open: moving in the list, numbers, the world tab and its scrolling. Answers whether it was one. */
const moveKey = (c: Controls, input: string, key: Key): boolean => {
  const index = c.overlay ? c.overlay.selected : c.selected;
  const count = listLength(c);
  if (key.upArrow) c.move(index - 1);
  else if (key.downArrow) c.move(index + 1);
  else if (/^[1-9]$/.test(input) && Number(input) <= count) c.move(Number(input) - 1);
  else if (/^[1-9]$/.test(input)) c.setError(`no ${input}) here: expected 1 to ${count}`);
  else if (key.tab) {
    c.setTab(worldTabs[(worldTabs.indexOf(c.tab) + 1) % worldTabs.length]!);
    c.setScroll(() => 0);
  } else if (key.pageDown) c.setScroll((s) => s + 5);
  else if (key.pageUp) c.setScroll((s) => Math.max(0, s - 5));
  else return false;
  return true;
};

/** Esc closes the overlay, or leaves a completed procedure for the list. */
const escape = (c: Controls) => {
  if (c.overlay) c.setOverlay(null);
  else if (c.view.procedure && !c.view.stepTitle) c.act(async () => c.stepper.leave());
};

/** One key on the full-screen stepper (not while a change runs). */
export const onKey = (c: Controls, rawInput: string, rawKey: Key): void => {
  // A newline is Enter too: a key typed before the terminal was in raw mode arrives as "\n".
  const key = rawInput === '\n' ? { ...rawKey, return: true } : rawKey;
  const input = rawInput === '\n' ? '' : rawInput;
  c.setError(null);
  if (c.question) {
    const answer = c.question.answers[input.toLowerCase()];
    c.setQuestion(null);
    if (answer) c.act(answer);
    return;
  }
  if (key.escape) return escape(c);
  if (moveKey(c, input, key)) return;
  if (c.overlay) return void (key.return && chooseInOverlay(c, c.overlay));
  if (key.return) return enter(c);
  if (Object.hasOwn(letters, input)) return letters[input]!(c);
  if (input) c.setError(`"${input}" does nothing here; keys: ${'↑↓ 1-9 Enter j b f a Tab e s q'}`);
};
