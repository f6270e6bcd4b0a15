import { Box, render, Text, useApp, useInput, useStdout } from 'ink';
import { useState } from 'react';
import { procedures } from '../../workflows/index.ts';
import type { Stepper, StepperView } from './controller.ts';
import { keysHelp } from './text.ts';

const colors = !process.env.NO_COLOR;
const tint = (color: string) => (colors ? { color } : {});

const Checklist = ({ view }: { view: StepperView }) => (
  <Box flexDirection="column" marginRight={2} width={28} flexShrink={0}>
    {view.checklist!.done.map((id) => (view.checklist!.skipped.includes(id) ? <Text key={id} dimColor wrap="truncate">– {id}</Text> : <Text key={id} {...tint('green')} wrap="truncate">✓ {id}</Text>))}
    {view.checklist!.current ? <Text bold wrap="truncate">▶ {view.checklist!.current}</Text> : null}
    {view.checklist!.upcoming.map((id) => <Text key={id} dimColor wrap="truncate">· {id}</Text>)}
  </Box>
);

const LastResult = ({ view, width }: { view: StepperView; width: number }) => {
  const last = view.last;
  if (!last) return null;
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={width}>
      <Text bold>Last step: {last.step}</Text>
      {last.rejection ? <Text {...tint('red')}>✗ {last.rejection.code} {last.rejection.name}: {last.rejection.reason}</Text> : null}
      {last.changes.slice(0, 8).map((c, i) => <Text key={i}>{c.area}: {c.text}</Text>)}
      {last.newFindings.map((f) => <Text key={f.id} {...tint('yellow')}>! [{f.severity}] {f.id} — fix: {f.fix.procedure}</Text>)}
    </Box>
  );
};

const Screen = ({ stepper }: { stepper: Stepper }) => {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const width = Math.max(40, (stdout.columns ?? 80) - 2);
  const [view, setView] = useState(stepper.view());
  const [selected, setSelected] = useState(0);
  const [explanation, setExplanation] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const count = view.procedure ? view.options.length : procedures.length;
  // The choices list gets what the terminal's height leaves after the rest of the screen.
  const visible = Math.max(3, (stdout.rows ?? 24) - 24);
  const first = Math.min(Math.max(0, selected - Math.floor(visible / 2)), Math.max(0, view.options.length - visible));
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    await action();
    setView(stepper.view());
    setSelected(0);
    setBusy(false);
  };
  useInput((input, key) => {
    if (busy) return;
    if (explanation) return setExplanation(null);
    if (input === 'q') return exit();
    if (key.upArrow) return setSelected((s) => (s + count - 1) % Math.max(1, count));
    if (key.downArrow) return setSelected((s) => (s + 1) % Math.max(1, count));
    if (/^[1-9]$/.test(input) && Number(input) <= count) return setSelected(Number(input) - 1);
    if (key.pageDown) return setSelected((s) => Math.min(count - 1, s + visible));
    if (key.pageUp) return setSelected((s) => Math.max(0, s - visible));
    if (key.return) return void act(() => (view.procedure ? stepper.take(selected) : stepper.choose(procedures[selected]!.id)));
    if (input === 'b') return void act(() => stepper.back(1, 'truncate'));
    if (input === 'f') return void act(() => stepper.back(1, 'fork'));
    if (input === 'e') return setExplanation(stepper.explain());
    if (input === 's') return void act(() => stepper.save());
  });
  if (explanation) {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>Explain (any key to go back)</Text>
        {explanation.map((line, i) => <Text key={i}>{line}</Text>)}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>pkilab step — {view.procedure?.title ?? 'choose a procedure'}</Text>
      <Text dimColor>{view.folder.log} · {view.lab.world.now}{busy ? ' · working…' : ''}</Text>
      {view.message ? <Text>{view.message}</Text> : null}
      {!view.procedure ? (
        <Box flexDirection="column" marginTop={1}>
          {procedures.map((p, i) => <Text key={p.id} inverse={i === selected}>{i === selected ? '›' : ' '} {i + 1}) {p.title}</Text>)}
        </Box>
      ) : (
        <Box marginTop={1}>
          <Checklist view={view} />
          <Box flexDirection="column" flexGrow={1}>
            {view.stepTitle ? (
              <>
                <Text bold>{view.stepTitle}</Text>
                <Text>{view.purpose}</Text>
                <Text dimColor>seed: {view.seed}</Text>
                <Box flexDirection="column" marginTop={1}>
                  {first > 0 ? <Text dimColor>  … {first} more above</Text> : null}
                  {view.options.slice(first, first + visible).map((o, offset) => {
                    const i = first + offset;
                    return (
                      <Text key={i} inverse={i === selected} wrap="truncate-end">
                        {i === selected ? '›' : ' '} {i + 1}) {o.label} — {o.detail}
                      </Text>
                    );
                  })}
                  {first + visible < view.options.length ? <Text dimColor>  … {view.options.length - first - visible} more below</Text> : null}
                </Box>
              </>
            ) : (
              <Text {...tint('green')}>The procedure is complete.</Text>
            )}
          </Box>
        </Box>
      )}
      {view.world.length ? (
        <Box flexDirection="column" borderStyle="single" paddingX={1} width={width}>
          <Text bold>World</Text>
          {view.world.map((line, i) => <Text key={i}>{line}</Text>)}
        </Box>
      ) : null}
      <LastResult view={view} width={width} />
      <Text dimColor>{keysHelp}</Text>
    </Box>
  );
};

/** The full-screen stepper (Ink): keyboard only, sized to the terminal. */
export const runScreen = async (stepper: Stepper): Promise<number> => {
  const app = render(<Screen stepper={stepper} />);
  await app.waitUntilExit();
  return 0;
};
