import { useEffect, useState } from 'react';
import type { StepAnswer, StepBody, StepView } from '../../api.ts';
import { stepMark } from '../checklist.ts';
import { shownOptions } from '../quiz.ts';
import { labApi, postJson, useJson } from '../client.ts';
import { type JsonSchema, initialValue, pruned } from '../schema-model.ts';
import { stepOf, useStudio } from '../studio-context.ts';
import { ChoiceForm } from './choice-form.tsx';
import { ProcedurePicker, useProcedure } from './procedure-picker.tsx';
import { Problem } from './problem.tsx';

/** Walks a procedure from the browser, appending to the lab exactly as `pkilab step` does. */
export const Stepper = () => {
  const studio = useStudio();
  const [procedure, setProcedure] = useProcedure();
  const [quiz, setQuiz] = useState(false);
  const [view, setView] = useState<StepView>();
  const [said, setSaid] = useState<StepAnswer['result']>();
  const [problem, setProblem] = useState<unknown>();
  const loaded = useJson<StepView>(
    procedure ? labApi(studio.lab.id, `step/${encodeURIComponent(procedure)}`, { quiz: quiz ? 1 : 0 }) : null,
    studio.revision,
  );
  useEffect(() => setView(loaded.data), [loaded.data]);
  const send = (body: StepBody) => {
    setProblem(undefined);
    postJson<StepAnswer>(labApi(studio.lab.id, `step/${encodeURIComponent(procedure)}`), body).then(({ result, next }) => {
      setSaid(result);
      // The answer shows the seed's choice; in quiz mode the view is fetched again (with it hidden) as the lab grows.
      if (!quiz) setView(next);
      const last = result.events[result.events.length - 1];
      if (last) studio.grew(last.position);
    }, setProblem);
  };
  return (
    <div className="stepper">
      <div className="toolbar">
        <ProcedurePicker value={procedure} set={setProcedure} />
        <label className="check">
          <input type="checkbox" checked={quiz} onChange={(e) => setQuiz(e.target.checked)} /> quiz mode (hide the seed's choice)
        </label>
      </div>
      {!studio.lab.writable && <p className="warn">This lab is read-only here (a bundle or an upload): fork it to step on.</p>}
      <Problem error={problem ?? loaded.error} />
      {said && <Said result={said} />}
      {view && <Checklist view={view} procedure={procedure} />}
      {view?.step === null && (
        <p className="ok" role="status">
          The procedure is complete.
        </p>
      )}
      {view?.step && (
        <Current key={view.step.id} view={view} procedure={procedure} quiz={quiz} send={send} readOnly={!studio.lab.writable} />
      )}
    </div>
  );
};

const Said = ({ result }: { result: StepAnswer['result'] }) =>
  result.accepted ? (
    <p className="ok" role="status">
      Done:{' '}
      {result.events
        .filter((e) => e.type !== 'ActionTaken')
        .map((e) => e.text)
        .join('; ') || 'nothing changed'}
    </p>
  ) : (
    <p className="error" role="alert">
      Rejected {result.rejection?.code} {result.rejection?.name}: {result.rejection?.reason}
    </p>
  );

const marks = { done: '✓', skipped: '–', current: '▶', upcoming: '·' } as const;

/** The procedure's steps in order, by title, each marked done, left out, current or upcoming. */
const Checklist = ({ view, procedure }: { view: StepView; procedure: string }) => {
  const studio = useStudio();
  const steps = studio.procedures.find((p) => p.id === procedure)?.steps ?? [];
  const statusOf = (id: string) => stepMark(view.checklist, id);
  return (
    <ol className="checklist" aria-label="Checklist">
      {steps.map((step) => (
        <li key={step.id} className={statusOf(step.id)}>
          {marks[statusOf(step.id)]} {step.title}
        </li>
      ))}
    </ol>
  );
};

interface CurrentProps {
  view: StepView;
  procedure: string;
  quiz: boolean;
  send: (body: StepBody) => void;
  readOnly: boolean;
}

/** Going back removes the last step's events from the lab log, so it is asked first, as `pkilab step`'s back asks. */
const confirmBack = () => window.confirm("Take back the last step? Its events are removed from the lab's log, as pkilab step's back does.");

const Current = ({ view, procedure, quiz, send, readOnly }: CurrentProps) => {
  const studio = useStudio();
  const step = view.step!;
  const schema = stepOf(studio.procedures, procedure, step.id)?.schema as JsonSchema | undefined;
  const seedIndex = step.options.findIndex((o) => o.seed);
  // In a quiz nothing is chosen beforehand: the first option would be the seed's.
  const [option, setOption] = useState<number | 'own' | undefined>(
    quiz ? undefined : seedIndex < 0 ? (step.options.length ? 0 : 'own') : seedIndex,
  );
  const [own, setOwn] = useState<unknown>(() => (schema ? initialValue(schema) : {}));
  const [explain, setExplain] = useState(false);
  const take = () =>
    option !== undefined &&
    send(option === 'own' ? { action: 'take', choice: pruned(schema ?? {}, own) as Record<string, unknown> } : { action: 'take', option });
  return (
    <article className="current-step" aria-label={`Step ${step.title}`}>
      <h3>{step.title}</h3>
      <p className="purpose">{step.purpose}</p>
      {!quiz && step.seed && <p className="seed">The seed: {step.seed}</p>}
      <fieldset className="options">
        <legend>Your choice</legend>
        {shownOptions(step.options, quiz).map(({ index: i, label }) => (
          <label key={i} className="check option">
            <input type="radio" name="option" checked={option === i} onChange={() => setOption(i)} /> {label}
            {!quiz && step.options[i]?.seed && <span className="badge">the seed's choice</span>}
          </label>
        ))}
        {schema && (
          <label className="check option">
            <input type="radio" name="option" checked={option === 'own'} onChange={() => setOption('own')} /> my own choice…
          </label>
        )}
      </fieldset>
      {option === 'own' && schema && <ChoiceForm schema={schema} fields={step.fields} value={own} set={setOwn} />}
      <div className="toolbar">
        <button type="button" className="primary" onClick={take} disabled={readOnly || option === undefined}>
          Take this step
        </button>
        {step.skippable && (
          <button type="button" onClick={() => send({ action: 'skip' })} disabled={readOnly}>
            Leave it out
          </button>
        )}
        <button type="button" onClick={() => confirmBack() && send({ action: 'back' })} disabled={readOnly}>
          Back one step
        </button>
        <button type="button" onClick={() => setExplain(!explain)} aria-expanded={explain}>
          Explain
        </button>
      </div>
      {explain && (
        <ul className="explain">
          {view.explain.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </article>
  );
};
