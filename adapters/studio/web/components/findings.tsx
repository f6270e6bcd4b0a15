import { useState } from 'react';
import type { BisectAnswer, FindingsAnswer, FindingView } from '../../api.ts';
import { getJson, labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { EventLinks, Problem } from './problem.tsx';

/** The misconfigurations at the cursor: open, new since the event before, and resolved by an event (which one). */
export const Findings = () => {
  const studio = useStudio();
  const { data, error } = useJson<FindingsAnswer>(labApi(studio.lab.id, 'findings', { at: studio.position }), studio.revision);
  if (error) return <Problem error={error} />;
  if (!data) return <p className="quiet">Loading the findings at {studio.position}…</p>;
  const fresh = new Set(data.new.map((f) => f.id));
  return (
    <div className="findings">
      <p className="at">
        At position {data.position}: {data.open.length} open, {data.new.length} new, {data.resolved.length} resolved ·{' '}
        <a href={labApi(studio.lab.id, 'findings.csv', { at: data.position })} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={labApi(studio.lab.id, 'findings.json', { at: data.position })} download>
          JSON
        </a>
      </p>
      {data.open.length === 0 && <p className="quiet">No open finding.</p>}
      {data.open.map((f) => (
        <FindingCard key={f.id} finding={f} isNew={fresh.has(f.id)} />
      ))}
      {data.resolved.length > 0 && <h4>Resolved</h4>}
      {data.resolved.map((r) => (
        <div key={r.finding.id} className="finding resolved">
          <p>
            <strong>{r.finding.name}</strong> on {r.finding.subject}: fixed at position{' '}
            <button type="button" className="link" onClick={() => studio.jump(r.at)}>
              {r.at}
            </button>{' '}
            by {r.by.text}
          </p>
        </div>
      ))}
    </div>
  );
};

const FindingCard = ({ finding, isNew }: { finding: FindingView; isNew: boolean }) => {
  const studio = useStudio();
  const [bisect, setBisect] = useState<BisectAnswer>();
  const [failed, setFailed] = useState<unknown>();
  const run = () => getJson<BisectAnswer>(labApi(studio.lab.id, 'bisect', { finding: finding.id })).then(setBisect, setFailed);
  return (
    <article className={`finding ${finding.severity}`} aria-label={`Finding ${finding.rule}`}>
      <h4>
        <span className={`severity ${finding.severity}`}>{finding.severity}</span> {finding.name}{' '}
        <span className="quiet">
          {finding.rule} · {finding.subject}
        </span>
        {isNew && <span className="badge">new</span>}
      </h4>
      <p>{finding.message}</p>
      <p>
        Caused by <EventLinks positions={finding.causedBy} /> ·{' '}
        <button type="button" onClick={run}>
          Bisect: where was it introduced?
        </button>
      </p>
      <Problem error={failed} />
      {bisect && (
        <p className="bisect">
          Introduced at position{' '}
          <button type="button" className="link" onClick={() => studio.jump(bisect.introducedAt)}>
            {bisect.introducedAt}
          </button>{' '}
          by “{bisect.event.text}” (absent at {bisect.before}, present at {bisect.after}).
        </p>
      )}
      <div className="fix">
        <p>Fix: {finding.fix.procedure}</p>
        {finding.fixCommands.map((c) => (
          <pre key={c} className="command">
            {c}
          </pre>
        ))}
      </div>
    </article>
  );
};
