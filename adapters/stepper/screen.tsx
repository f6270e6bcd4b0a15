import { Box, render, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { actionMenu } from './actions-menu.ts';
import type { Stepper } from './controller.ts';
import { layout, type ScreenState } from './layout.ts';
import { worldTabs } from './world-panel.ts';

const colors = !process.env.NO_COLOR;

type Overlay = { kind: 'jump' | 'actions' | 'proposals' | 'explain'; title: string; items: string[]; selected: number; action?: string };
/** A question waiting for a key: each key it accepts and what it does; any other key cancels. */
type Question = { text: string; answers: Record<string, () => Promise<unknown>> };

const Screen = ({ stepper }: { stepper: Stepper }) => {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [size, setSize] = useState({ cols: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
  const [view, setView] = useState(stepper.view());
  const [selected, setSelected] = useState(0);
  const [tab, setTab] = useState<(typeof worldTabs)[number]>('procedure');
  const [scroll, setScroll] = useState(0);
  const [busy, setBusy] = useState(false);
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const resize = () => setSize({ cols: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
    stdout.on('resize', resize);
    return () => void stdout.off('resize', resize);
  }, [stdout]);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setOverlay(null);
    setQuestion(null);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    }
    setView(stepper.view());
    setSelected(0);
    setBusy(false);
  };
  const ask = (text: string, answers: Question['answers']) => setQuestion({ text, answers });
  const lastInput = () => view.inputs.at(-1);
  const count = overlay ? overlay.items.length : view.procedure ? view.options.length : view.procedures.length;
  const move = (to: number) =>
    overlay ? setOverlay({ ...overlay, selected: (to + count) % Math.max(1, count) }) : setSelected((to + count) % Math.max(1, count));

  useInput((rawInput, rawKey) => {
    if (busy) return;
    // A newline is Enter too: a key typed before the terminal was in raw mode arrives as "\n".
    const key = rawInput === '\n' ? { ...rawKey, return: true } : rawKey;
    const input = rawInput === '\n' ? '' : rawInput;
    setError(null);
    if (question) {
      const answer = question.answers[input.toLowerCase()];
      setQuestion(null);
      if (answer) void act(answer);
      return;
    }
    if (key.escape) {
      if (overlay) return setOverlay(null);
      if (view.procedure && !view.stepTitle) return void act(async () => stepper.leave());
      return;
    }
    const index = overlay ? overlay.selected : selected;
    if (key.upArrow) return move(index - 1);
    if (key.downArrow) return move(index + 1);
    if (/^[1-9]$/.test(input))
      return Number(input) <= count ? move(Number(input) - 1) : setError(`no ${input}) here: expected 1 to ${count}`);
    if (key.tab) return (setTab(worldTabs[(worldTabs.indexOf(tab) + 1) % worldTabs.length]!), setScroll(0));
    if (key.pageDown) return setScroll((s) => s + 5);
    if (key.pageUp) return setScroll((s) => Math.max(0, s - 5));
    if (key.return && overlay) return chooseInOverlay(overlay);
    if (overlay) return;
    if (input === 'q') return exit();
    if (key.return) return enter();
    if (input === 'j')
      return view.inputs.length
        ? setOverlay({
            kind: 'jump',
            title: 'Go back to just before (Enter; Esc to close):',
            items: [...view.inputs].reverse().map((i) => `${i.position}  ${i.label}`),
            selected: 0,
          })
        : setError('no step taken yet: nothing to go back to');
    if (input === 'b' || input === 'f') {
      const target = lastInput();
      if (!target) return setError('no step taken yet: nothing to go back to');
      if (input === 'b')
        return ask(`Back to before "${target.label}"? y: cut the log · f: fork · other key: no`, {
          y: () => stepper.jumpTo(target.position, 'truncate'),
          f: () => stepper.jumpTo(target.position, 'fork'),
        });
      return ask(`Fork before "${target.label}" (the log is kept)? y: fork · other key: no`, {
        y: () => stepper.jumpTo(target.position, 'fork'),
      });
    }
    if (input === 'a')
      return setOverlay({
        kind: 'actions',
        title: 'Administrative actions (Enter; Esc to close):',
        items: actionMenu().map((a) => `${a.title} [${a.group}] — ${a.tool}`),
        selected: 0,
      });
    if (input === 'e') return setOverlay({ kind: 'explain', title: 'Explain (Esc to close):', items: stepper.explain(), selected: -1 });
    if (input === 's') return void act(() => stepper.save());
    if (input) setError(`"${input}" does nothing here; keys: ${'↑↓ 1-9 Enter j b f a Tab e s q'}`);
  });

  const enter = () => {
    if (view.procedure) return void act(() => stepper.take(selected));
    const chosen = view.procedures[selected];
    if (!chosen) return;
    if (chosen.status.kind === 'done') {
      return ask(`${chosen.procedure.id} is done here. n: fresh lab · f: fork before it · other key: no`, {
        n: () => stepper.again(chosen.procedure.id, 'fresh'),
        f: () => stepper.again(chosen.procedure.id, 'fork'),
      });
    }
    void act(() => stepper.choose(chosen.procedure.id));
  };
  const chooseInOverlay = (o: Overlay) => {
    if (o.kind === 'jump') {
      const input = [...view.inputs].reverse()[o.selected];
      if (!input) return;
      setOverlay(null);
      return ask(`Back to before "${input.label}"? y: cut the log · f: fork · other key: no`, {
        y: () => stepper.jumpTo(input.position, 'truncate'),
        f: () => stepper.jumpTo(input.position, 'fork'),
      });
    }
    if (o.kind === 'actions') {
      const action = actionMenu()[o.selected]!;
      const proposals = stepper.proposals(action.id);
      return setOverlay({
        kind: 'proposals',
        action: action.id,
        title: `${action.title}: ${action.purpose}`,
        items: proposals.map((p) => p.label),
        selected: 0,
      });
    }
    if (o.kind === 'proposals') {
      const proposal = stepper.proposals(o.action!)[o.selected];
      if (proposal) void act(() => stepper.act(proposal));
    }
  };

  const state: ScreenState = {
    selected,
    tab,
    scroll,
    busy,
    ...(overlay
      ? { overlay: { title: overlay.title, items: overlay.items, ...(overlay.selected >= 0 ? { selected: overlay.selected } : {}) } }
      : {}),
    ...(question ? { question: question.text } : error ? { question: `✗ ${error}` } : {}),
  };
  // One row short of the terminal: Ink writes a newline after the last row, which would scroll the header away.
  const rows = layout(view, state, Math.max(40, size.cols), Math.max(12, size.rows - 1));
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate">
          {row.map((s, k) => (
            <Text key={k} bold={s.bold} dimColor={s.dim} inverse={s.inverse} {...(colors && s.color ? { color: s.color } : {})}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
};

/** The full-screen stepper (Ink): keyboard only, laid out to the terminal's size (80×24 and up). */
export const runScreen = async (stepper: Stepper): Promise<number> => {
  const app = render(<Screen stepper={stepper} />);
  await app.waitUntilExit();
  return 0;
};
