import { Fragment } from 'react';
import type { CompactRow, EventJson } from '../../api.ts';
import { stepOf, useStudio } from '../studio-context.ts';

const mark = { done: '✓', rejected: '✗', skipped: '–' } as const;

/** One line per step, under a heading for each procedure; the line holding the cursor is lit. */
export const CompactRows = ({ rows }: { rows: CompactRow[] }) => {
  const studio = useStudio();
  return (
    <ol className="compact">
      {rows.map((row, i) => {
        const heading = i === 0 || rows[i - 1]?.procedure !== row.procedure;
        const title = studio.procedures.find((p) => p.id === row.procedure)?.title ?? row.procedure ?? 'Lab creation';
        const here = studio.position >= row.firstEvent && studio.position <= row.lastEvent;
        const input = row.procedure !== null && row.step !== null && stepOf(studio.procedures, row.procedure, row.step) !== undefined;
        return (
          <Fragment key={row.position}>
            {heading && <li className="group">{title}</li>}
            <li className={`row ${row.status}${here ? ' here' : ''}`} data-position={row.position}>
              <button
                type="button"
                className="jump"
                onClick={() => studio.jump(row.lastEvent)}
                title={`Show the world after event ${row.lastEvent}`}
              >
                <span className="mark" aria-label={row.status}>
                  {mark[row.status]}
                </span>
                <span className="pos">{row.position}</span>
                <span className="text">{row.text}</span>
                {row.code && <span className="code">{row.code}</span>}
              </button>
              {input && (
                <button
                  type="button"
                  className="small"
                  onClick={() => studio.addWhatIf({ input: row.position, op: 'change' })}
                  title="Try this step differently"
                >
                  what if…
                </button>
              )}
            </li>
          </Fragment>
        );
      })}
    </ol>
  );
};

/** Every event of the page: position, simulated time, type and its sentence. */
export const FullRows = ({ rows }: { rows: EventJson[] }) => {
  const studio = useStudio();
  return (
    <ol className="full">
      {rows.map((event) => (
        <li
          key={event.position}
          className={`row${event.position === studio.position ? ' here' : ''}${event.type === 'ActionRejected' ? ' rejected' : ''}`}
        >
          <button type="button" className="jump" onClick={() => studio.jump(event.position)}>
            <span className="pos">{event.position}</span>
            <time dateTime={event.at}>{event.at.slice(11, 16)}</time>
            <span className="type">{event.type}</span>
            <span className="text">{event.text}</span>
          </button>
        </li>
      ))}
    </ol>
  );
};
