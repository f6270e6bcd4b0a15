import { wordsOf as words } from '../schema-model.ts';

/** Any JSON value the server describes (a template tab, Group Policy, ConfigMgr settings) as labelled text, never raw JSON. */
export const Value = ({ value }: { value: unknown }) => {
  if (value === null || value === undefined || value === '') return <span className="quiet">not set</span>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="quiet">none</span>;
    if (value.every((v) => typeof v !== 'object' || v === null)) return <span>{value.map(String).join(', ')}</span>;
    return (
      <ul className="value-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span className="quiet">none</span>;
  return (
    <dl className="value">
      {entries.map(([name, v]) => (
        <div key={name}>
          <dt>{words(name)}</dt>
          <dd>
            <Value value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
};
