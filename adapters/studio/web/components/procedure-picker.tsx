import { useEffect, useState } from 'react';
import type { TimelineAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';

/** The procedure a panel shows: the one the event at the cursor belongs to, until the user picks another. */
export const useProcedure = (): [string, (id: string) => void] => {
  const studio = useStudio();
  const [picked, setPicked] = useState<string>();
  const at = useJson<TimelineAnswer>(
    studio.position > 0 ? labApi(studio.lab.id, 'timeline', { view: 'full', from: studio.position - 1, limit: 1 }) : null,
  );
  useEffect(() => setPicked(undefined), [studio.lab.id]);
  const fromCursor = at.data?.view === 'full' ? at.data.rows[0]?.procedure : undefined;
  return [picked ?? fromCursor ?? studio.procedures[0]?.id ?? '', setPicked];
};

export const ProcedurePicker = ({ value, set }: { value: string; set: (id: string) => void }) => {
  const studio = useStudio();
  return (
    <select aria-label="Procedure" value={value} onChange={(e) => set(e.target.value)}>
      {studio.procedures.map((p) => (
        <option key={p.id} value={p.id}>
          {p.title}
        </option>
      ))}
    </select>
  );
};
