import { Box, render, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { Stepper } from './controller.ts';
import { layout, type ScreenState } from './layout.ts';
import type { Row } from './rows.ts';
import { listLength, onKey, type Controls, type Overlay, type Question } from './screen-keys.ts';
import { worldTabs } from './world-panel.ts';

const colors = !process.env.NO_COLOR;

/** The terminal's size, followed as it is resized. */
const useTerminalSize = () => {
  const { stdout } = useStdout();
  const [size, setSize] = useState({ cols: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
  useEffect(() => {
    const resize = () => setSize({ cols: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
    stdout.on('resize', resize);
    return () => void stdout.off('resize', resize);
  }, [stdout]);
  return size;
};

/** What the layout shows besides the lab: the line highlighted, the overlay, and the question (or the last error). */
const screenState = (c: Controls, scroll: number, busy: boolean, error: string | null): ScreenState => ({
  selected: c.selected,
  tab: c.tab,
  scroll,
  busy,
  ...(c.overlay
    ? { overlay: { title: c.overlay.title, items: c.overlay.items, ...(c.overlay.selected >= 0 ? { selected: c.overlay.selected } : {}) } }
    : {}),
  ...(c.question ? { question: c.question.text } : error ? { question: `✗ ${error}` } : {}),
});

const Rows = ({ rows }: { rows: Row[] }) => (
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

const Screen = ({ stepper }: { stepper: Stepper }) => {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [view, setView] = useState(stepper.view());
  const [selected, setSelected] = useState(0);
  const [tab, setTab] = useState<(typeof worldTabs)[number]>('procedure');
  const [scroll, setScroll] = useState(0);
  const [busy, setBusy] = useState(false);
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [error, setError] = useState<string | null>(null);

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
  const count = listLength({ overlay, view });
  const wrapped = (to: number) => (to + count) % Math.max(1, count);
  const controls: Controls = {
    stepper,
    view,
    overlay,
    question,
    selected,
    tab,
    setOverlay,
    setQuestion,
    setError,
    setTab,
    setScroll,
    exit,
    act: (action) => void act(action),
    ask: (text, answers) => setQuestion({ text, answers }),
    move: (to) => (overlay ? setOverlay({ ...overlay, selected: wrapped(to) }) : setSelected(wrapped(to))),
  };
  useInput((input, key) => {
    if (!busy) onKey(controls, input, key);
  });
  // One row short of the terminal: Ink writes a newline after the last row, which would scroll the header away.
  return <Rows rows={layout(view, screenState(controls, scroll, busy, error), Math.max(40, size.cols), Math.max(12, size.rows - 1))} />;
};

/** The full-screen stepper (Ink): keyboard only, laid out to the terminal's size (80×24 and up). */
export const runScreen = async (stepper: Stepper): Promise<number> => {
  const app = render(<Screen stepper={stepper} />);
  await app.waitUntilExit();
  return 0;
};
