import type { Outcome, WhatIfAnswer } from '../../api.ts';
import { rejectionText } from '../rejection-text.ts';

const mark = { done: '✓', rejected: '✗', skipped: '–' } as const;

/** The lab as recorded beside the lab as it would have gone, from the first event where they part. */
export const Divergence = ({ answer }: { answer: WhatIfAnswer }) => (
  <div className="divergence">
    <p className="at">{answer.divergesAt === null ? 'The edits change nothing.' : `The two labs part at event ${answer.divergesAt}.`}</p>
    <div className="side-by-side">
      <Side title="As recorded" outcome={answer.original} from={answer.divergesAt} />
      <Side title="What if" outcome={answer.changed} from={answer.divergesAt} />
    </div>
  </div>
);

const Side = ({ title, outcome, from }: { title: string; outcome: Outcome; from: number | null }) => (
  <section aria-label={title}>
    <h4>{title}</h4>
    <p>
      {outcome.events} events · {outcome.certificates} certificate{outcome.certificates === 1 ? '' : 's'} issued ·{' '}
      {outcome.rejections.length} rejected
    </p>
    {outcome.rejections.map((r, i) => (
      <p key={i} className="rejected">
        ✗ {rejectionText(r)}
      </p>
    ))}
    <p>Findings: {outcome.findings.length === 0 ? 'none' : ''}</p>
    <ul>
      {outcome.findings.map((f) => (
        <li key={f.id}>
          <span className={`severity ${f.severity}`}>{f.severity}</span> {f.rule} on {f.subject}
        </li>
      ))}
    </ul>
    <ol className="compact">
      {outcome.timeline.map((row) => (
        <li key={`${row.position}-${row.step}`} className={`row ${row.status}${from !== null && row.lastEvent >= from ? ' diverged' : ''}`}>
          <span className="mark">{mark[row.status]}</span> <span className="pos">{row.position}</span> {row.text}
          {row.code && <span className="code"> {row.code}</span>}
        </li>
      ))}
    </ol>
  </section>
);
