import { useEffect, useState } from 'react';
import type { TimelineAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { CompactRows, FullRows } from './timeline-rows.tsx';
import { Problem } from './problem.tsx';

const pageSize = 100;

/** The lab's history, a page at a time (never every event at once): compact steps or every event, filtered. */
export const Timeline = () => {
  const studio = useStudio();
  const [view, setView] = useState<'compact' | 'full'>('compact');
  const [procedure, setProcedure] = useState('');
  const [type, setType] = useState('');
  const [entity, setEntity] = useState('');
  const [from, setFrom] = useState(0);
  useEffect(() => setFrom(0), [view, procedure, type, entity, studio.lab.id]);
  const url = labApi(studio.lab.id, 'timeline', { view, from, limit: pageSize, procedure, type, entity });
  const { data, error, loading } = useJson<TimelineAnswer>(url, studio.revision);
  const total = data?.total ?? 0;

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="toolbar">
        <span role="radiogroup" aria-label="Timeline view" className="segmented">
          {(['compact', 'full'] as const).map((v) => (
            <button key={v} type="button" role="radio" aria-checked={view === v} onClick={() => setView(v)}>
              {v === 'compact' ? 'Steps' : 'All events'}
            </button>
          ))}
        </span>
        <select aria-label="Procedure filter" value={procedure} onChange={(e) => setProcedure(e.target.value)}>
          <option value="">every procedure</option>
          {studio.procedures.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <Filter label="Event type" placeholder="event type, e.g. ActionRejected" value={type} set={setType} />
        <Filter label="Entity" placeholder="entity, e.g. host:SERVER1" value={entity} set={setEntity} />
      </div>
      <Problem error={error} />
      <div className={`rows${loading ? ' loading' : ''}`}>
        {data?.view === 'compact' && <CompactRows rows={data.rows} />}
        {data?.view === 'full' && <FullRows rows={data.rows} />}
        {data && data.rows.length === 0 && <p className="quiet">No {view === 'compact' ? 'steps' : 'events'} match.</p>}
      </div>
      <div className="pager">
        <button type="button" disabled={from === 0} onClick={() => setFrom(Math.max(0, from - pageSize))}>
          ◀ earlier
        </button>
        <span>{total === 0 ? 'none' : `${from + 1}–${Math.min(total, from + pageSize)} of ${total}`}</span>
        <button type="button" disabled={from + pageSize >= total} onClick={() => setFrom(from + pageSize)}>
          later ▶
        </button>
      </div>
    </section>
  );
};

/** A text filter applied when typing pauses, not on every key. */
const Filter = ({ label, placeholder, value, set }: { label: string; placeholder: string; value: string; set: (v: string) => void }) => {
  const [text, setText] = useState(value);
  useEffect(() => {
    const settle = setTimeout(() => set(text.trim()), 300);
    return () => clearTimeout(settle);
  }, [text]);
  return (
    <input type="search" aria-label={`${label} filter`} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />
  );
};
