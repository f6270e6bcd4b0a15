import { useEffect, useState } from 'react';
import type { DiffAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { EventLinks, Problem } from './problem.tsx';

/** What changed between two positions, in the administrator's terms, each change linked to the events that made it. */
export const Diff = () => {
  const studio = useStudio();
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(studio.position);
  useEffect(() => setTo(studio.position), [studio.position]);
  const { data, error } = useJson<DiffAnswer>(labApi(studio.lab.id, 'diff', { from, to }), studio.revision);
  return (
    <div className="diff">
      <div className="toolbar">
        <label>
          From position <Position value={from} max={studio.total} set={setFrom} label="Diff from" />
        </label>
        <button type="button" onClick={() => setFrom(studio.position)}>
          from the cursor
        </button>
        <label>
          to position <Position value={to} max={studio.total} set={setTo} label="Diff to" />
        </label>
        <button type="button" onClick={() => setTo(studio.position)}>
          to the cursor
        </button>
      </div>
      <Problem error={error} />
      {data && <Changes answer={data} />}
    </div>
  );
};

/** The changes under a heading per area (directory, templates, CA…). */
const Changes = ({ answer }: { answer: DiffAnswer }) => {
  if (answer.changes.length === 0)
    return (
      <p className="quiet">
        Nothing changed between {answer.from} and {answer.to}.
      </p>
    );
  const areas = [...new Set(answer.changes.map((c) => c.area))];
  return (
    <>
      {areas.map((area) => (
        <section key={area}>
          <h4>{area}</h4>
          <ul>
            {answer.changes
              .filter((c) => c.area === area)
              .map((c, i) => (
                <li key={`${c.entity}-${i}`}>
                  {c.text}{' '}
                  <span className="quiet">
                    by <EventLinks positions={c.positions} />
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
};

const Position = ({ value, max, set, label }: { value: number; max: number; set: (n: number) => void; label: string }) => (
  <input
    type="number"
    min={0}
    max={max}
    value={value}
    aria-label={label}
    onChange={(e) => set(Math.max(0, Math.min(max, Number(e.target.value) || 0)))}
  />
);
