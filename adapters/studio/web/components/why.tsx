import type { ReactNode } from 'react';
import type { WhyAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { Problem } from './problem.tsx';

/** The name of an entity, with a link to the events that made it what it is. */
export const Why = ({ entity, children }: { entity: string; children?: ReactNode }) => {
  const studio = useStudio();
  return (
    <span className="entity">
      {children ?? entity}
      <button type="button" className="why" onClick={() => studio.showWhy(entity)} title={`Why: the history of ${entity}`}>
        why?
      </button>
    </span>
  );
};

/** The history of one entity: every event that touched it, each a jump to its position. */
export const WhyDrawer = ({ entity, close }: { entity: string; close: () => void }) => {
  const studio = useStudio();
  const { data, error } = useJson<WhyAnswer>(labApi(studio.lab.id, 'why', { entity }), studio.revision);
  return (
    <aside className="drawer" role="dialog" aria-label={`Why ${entity}`}>
      <header>
        <h3>Why {entity}</h3>
        <button type="button" onClick={close} aria-label="Close">
          ✕
        </button>
      </header>
      <Problem error={error} />
      {data && data.events.length === 0 && <p className="quiet">No event touched {entity}.</p>}
      <ol className="full">
        {data?.events.map((e) => (
          <li key={e.position} className={`row${e.position === studio.position ? ' here' : ''}`}>
            <button type="button" className="jump" onClick={() => studio.jump(e.position)}>
              <span className="pos">{e.position}</span>
              <span className="type">{e.type}</span>
              <span className="text">{e.text}</span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
};
