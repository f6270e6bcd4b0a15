import { useEffect, useState } from 'react';
import type { EventJson, ForkAnswer, TimelineAnswer, WhatIfAnswer, WhatIfEdit } from '../../api.ts';
import { labApi, postJson, useJson } from '../client.ts';
import { initialValue, type JsonSchema, pruned } from '../schema-model.ts';
import { stepOf, useStudio } from '../studio-context.ts';
import { ChoiceForm } from './choice-form.tsx';
import { Divergence } from './divergence.tsx';
import { Problem } from './problem.tsx';

interface Props {
  edits: WhatIfEdit[];
  setEdits: (edits: WhatIfEdit[]) => void;
}

/** Recorded actions taken differently (skipped, toggled, or with another choice), re-decided side by side, saved as a fork. */
export const WhatIf = ({ edits, setEdits }: Props) => {
  const studio = useStudio();
  const [result, setResult] = useState<WhatIfAnswer>();
  const [problem, setProblem] = useState<unknown>();
  const [forkName, setForkName] = useState('');
  const [forked, setForked] = useState<string>();
  const run = () => {
    setProblem(undefined);
    postJson<WhatIfAnswer>(labApi(studio.lab.id, 'what-if'), { edits }).then(setResult, setProblem);
  };
  const fork = () => {
    setProblem(undefined);
    postJson<ForkAnswer>(labApi(studio.lab.id, 'fork'), { edits, name: forkName }).then(({ lab }) => {
      setForked(lab.name);
      studio.openLab(lab);
    }, setProblem);
  };
  if (edits.length === 0) {
    return <p className="quiet">Choose “what if…” on a step of the timeline to take it differently.</p>;
  }
  return (
    <div className="what-if">
      {edits.map((edit) => (
        <EditCard
          key={edit.input}
          edit={edit}
          set={(next) => setEdits(edits.map((e) => (e.input === edit.input ? next : e)))}
          remove={() => setEdits(edits.filter((e) => e.input !== edit.input))}
        />
      ))}
      <div className="toolbar">
        <button type="button" className="primary" onClick={run}>
          Run the what-if
        </button>
        <label>
          Fork name{' '}
          <input value={forkName} onChange={(e) => setForkName(e.target.value)} placeholder="e.g. with-restart" aria-label="Fork name" />
        </label>
        <button type="button" onClick={fork} disabled={forkName.trim() === ''}>
          Save as a fork
        </button>
      </div>
      <Problem error={problem} />
      {forked && (
        <p className="ok" role="status">
          Saved as the lab {forked}, now shown.
        </p>
      )}
      {result && <Divergence answer={result} />}
    </div>
  );
};

const ops: Array<[WhatIfEdit['op'], string]> = [
  ['change', 'take it with another choice'],
  ['skip', 'leave it out'],
  ['toggle', 'toggle: leave out ↔ take back'],
];

/** The recorded input at a position: its event, its step, and the choice a change starts from. */
const useRecordedInput = (input: number) => {
  const studio = useStudio();
  const { data } = useJson<TimelineAnswer>(labApi(studio.lab.id, 'timeline', { view: 'full', from: input - 1, limit: 1 }));
  const event = data?.view === 'full' ? (data.rows[0] as EventJson | undefined) : undefined;
  const step = event ? stepOf(studio.procedures, event.procedure, event.step) : undefined;
  const recorded = event?.data.choice;
  const starting = recorded && typeof recorded === 'object' ? recorded : step ? initialValue(step.schema as JsonSchema) : undefined;
  return { event, step, recorded, starting: starting as Record<string, unknown> | undefined };
};

const EditCard = ({ edit, set, remove }: { edit: WhatIfEdit; set: (e: WhatIfEdit) => void; remove: () => void }) => {
  const { event, step, recorded, starting } = useRecordedInput(edit.input);
  // A change starts from the recorded choice (or the form's starting values for a step that was left out).
  useEffect(() => {
    if (edit.op === 'change' && edit.choice === undefined && starting) set({ ...edit, choice: starting });
  }, [edit, starting]);
  return (
    <article className="edit" aria-label={`What if at ${edit.input}`}>
      <h4>
        Event {edit.input}: {step?.title ?? event?.text ?? '…'}{' '}
        <span className="quiet">{recorded === null ? '(left out in the lab)' : ''}</span>
        <button type="button" className="small" onClick={remove}>
          remove
        </button>
      </h4>
      {step && <p className="purpose">{step.purpose}</p>}
      <fieldset className="ops">
        <legend>Instead</legend>
        {ops.map(([op, text]) => (
          <label key={op} className="check">
            <input type="radio" name={`op-${edit.input}`} checked={edit.op === op} onChange={() => set({ input: edit.input, op })} /> {text}
          </label>
        ))}
      </fieldset>
      {edit.op === 'change' && step && edit.choice && (
        <ChoiceForm
          schema={step.schema}
          fields={step.fields}
          value={edit.choice}
          set={(v) => set({ ...edit, choice: pruned(step.schema as JsonSchema, v) as Record<string, unknown> })}
        />
      )}
    </article>
  );
};
