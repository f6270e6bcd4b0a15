import { useEffect, useState } from 'react';
import type { DiffAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';

/** What changed between two positions, in the administrator's terms, each change linked to the events that made it. */
export const Diff = () => {
  const studio = useStudio();
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(studio.position);
  useEffect(() => setTo(studio.position), [studio.position]);
  const { data, error } = useJson<DiffAnswer>(labApi(studio.lab.id, 'diff', { from, to }), studio.revision);
  const areas = [...new Set(data?.changes.map((c) => c.area))];
  return (
    <div className="diff">
      <div className="toolbar">
        <label>From position <Position value={from} max={studio.total} set={setFrom} label="Diff from" /></label>
        <button type="button" onClick={() => setFrom(studio.position)}>from the cursor</button>
        <label>to position <Position value={to} max={studio.total} set={setTo} label="Diff to" /></label>
        <button type="button" onClick={() => setTo(studio.position)}>to the cursor</button>
      </div>
      {error && <p className="error" role="alert">{error.code}: {error.message}</p>}
      {data && data.changes.length === 0 && <p className="quiet">Nothing changed between {data.from} and {data.to}.</p>}
      {areas.map((area) => (
        <section key={area}>
          <h4>{area}</h4>
          <ul>
            {data?.changes.filter((c) => c.area === area).map((c, i) => (
              <li key={`${c.entity}-${i}`}>
                {c.text}{' '}
                <span className="quiet">
                  by {c.positions.map((p, j) => (
                    <span key={p}>{j > 0 && ', '}<button type="button" className="link" onClick={() => studio.jump(p)}>event {p}</button></span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
};

const Position = ({ value, max, set, label }: { value: number; max: number; set: (n: number) => void; label: string }) => (
  <input type="number" min={0} max={max} value={value} aria-label={label} onChange={(e) => set(Math.max(0, Math.min(max, Number(e.target.value) || 0)))} />
);
