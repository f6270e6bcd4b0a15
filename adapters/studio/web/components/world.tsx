import { useState } from 'react';
import type { CertSummary, WorldAnswer, WorldView } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { CertificateDetails } from './certificate.tsx';
import { Templates } from './templates.tsx';
import { Value } from './value.tsx';
import { Why } from './why.tsx';

/** The world after the event at the cursor: directory, templates, CA, stores, IIS, Group Policy, ConfigMgr. */
export const World = () => {
  const studio = useStudio();
  const { data, error } = useJson<WorldAnswer>(labApi(studio.lab.id, 'world', { at: studio.position }), studio.revision);
  if (error) return <p className="error" role="alert">{error.code}: {error.message}</p>;
  if (!data) return <p className="quiet">Loading the world at {studio.position}…</p>;
  const { world } = data;
  return (
    <div className="world" data-position={data.position}>
      <p className="at">World after event {data.position} · simulated time {data.at.replace('T', ' ').slice(0, 16)}</p>
      <Directory world={world} />
      <Templates templates={world.templates} />
      <Ca world={world} />
      <Stores world={world} />
      <Iis world={world} />
      <details className="area"><summary>Group Policy</summary><Value value={world.gpo} /></details>
      <details className="area"><summary>ConfigMgr</summary><Value value={world.configmgr} /></details>
    </div>
  );
};

const Directory = ({ world }: { world: WorldView }) => (
  <details className="area" open>
    <summary>Directory</summary>
    <table>
      <thead><tr><th>Computer</th><th>DNS name</th><th>Groups</th><th>Token (since last restart)</th><th>Last restart</th></tr></thead>
      <tbody>
        {world.directory.computers.map((c) => {
          const stale = c.groups.filter((g) => !c.tokenGroups.includes(g));
          return (
            <tr key={c.entity}>
              <td><Why entity={c.entity}>{c.name}</Why></td>
              <td>{c.dns}</td>
              <td>{c.groups.join(', ')}</td>
              <td>{c.tokenGroups.join(', ')}{stale.length > 0 && <span className="warn"> lacks {stale.join(', ')} until it restarts</span>}</td>
              <td>{c.lastRestart?.replace('T', ' ').slice(0, 16) ?? 'never'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    <table>
      <thead><tr><th>Group</th><th>Members</th></tr></thead>
      <tbody>{world.directory.groups.map((g) => <tr key={g.entity}><td><Why entity={g.entity}>{g.name}</Why></td><td>{g.members.join(', ')}</td></tr>)}</tbody>
    </table>
    <p>Users: {world.directory.users.map((u, i) => <span key={u.entity}>{i > 0 && ', '}<Why entity={u.entity}>{u.name}</Why></span>)}</p>
  </details>
);

const Ca = ({ world }: { world: WorldView }) => {
  const { ca } = world;
  if (!ca) return <details className="area"><summary>Certification authority</summary><p className="quiet">No CA installed yet.</p></details>;
  return (
    <details className="area" open>
      <summary>Certification authority <Why entity={ca.entity}>{ca.name}</Why> {ca.running ? '(running)' : '(stopped)'}</summary>
      <p>Certificate templates to issue: {ca.templatesToIssue.join(', ') || 'none'}</p>
      <h4>Pending requests</h4>
      {ca.pending.length === 0 ? <p className="quiet">none</p> : (
        <ul>{ca.pending.map((p) => <li key={p.requestId}>#{p.requestId} {p.subject} from {p.requester} ({p.template ?? 'no template'})</li>)}</ul>
      )}
      <h4>Issued certificates</h4>
      <Certificates certs={ca.issued} />
      <h4>Revoked certificates</h4>
      {ca.revoked.length === 0 ? <p className="quiet">none</p> : (
        <ul>{ca.revoked.map((r) => <li key={r.serial}>{r.serial}: {r.reason} at {r.at}</li>)}</ul>
      )}
      <h4>CRLs</h4>
      <table>
        <thead><tr><th>Number</th><th>This update</th><th>Next update</th><th>Published</th></tr></thead>
        <tbody>{ca.crls.map((c) => <tr key={c.number}><td>{c.number}</td><td>{c.thisUpdate}</td><td>{c.nextUpdate}</td><td>{c.published ? 'yes' : 'no'}</td></tr>)}</tbody>
      </table>
    </details>
  );
};

const Stores = ({ world }: { world: WorldView }) => (
  <details className="area" open>
    <summary>Certificate stores</summary>
    {world.stores.length === 0 && <p className="quiet">No certificate in any store.</p>}
    {world.stores.map((s) => (
      <div key={s.entity}>
        <h4><Why entity={s.entity}>{s.host}\{s.store}</Why></h4>
        <Certificates certs={s.certs} />
      </div>
    ))}
  </details>
);

/** Certificates by subject, names and validity; a click opens every field and extension. */
export const Certificates = ({ certs }: { certs: CertSummary[] }) => {
  const [open, setOpen] = useState<string>();
  if (certs.length === 0) return <p className="quiet">none</p>;
  return (
    <ul className="certs">
      {certs.map((c) => (
        <li key={c.thumbprint}>
          <button type="button" className="link" onClick={() => setOpen(open === c.thumbprint ? undefined : c.thumbprint)}>{c.subject}</button>
          {' '}<span className="quiet">{c.template ?? 'no template'} · {c.sans.join(', ') || 'no SAN'} · {c.ekus.join(', ')} · until {c.notAfter.slice(0, 10)}</span>
          {' '}<Why entity={c.entity}><span className="thumb">{c.thumbprint.slice(0, 12)}…</span></Why>
          {open === c.thumbprint && <CertificateDetails thumbprint={c.thumbprint} />}
        </li>
      ))}
    </ul>
  );
};

const Iis = ({ world }: { world: WorldView }) => (
  <details className="area" open>
    <summary>IIS bindings</summary>
    {world.iis.length === 0 ? <p className="quiet">No binding.</p> : (
      <table>
        <thead><tr><th>Host</th><th>Site</th><th>Binding</th><th>Certificate</th></tr></thead>
        <tbody>
          {world.iis.map((b) => (
            <tr key={`${b.entity}:${b.binding}`}>
              <td><Why entity={b.entity}>{b.host}</Why></td><td>{b.site}</td><td>{b.binding}</td>
              <td>{b.subject ?? <span className="warn">none</span>}{b.thumbprint && <span className="thumb"> {b.thumbprint.slice(0, 12)}…</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </details>
);
