import type { WorldAnswer, WorldView } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { boundCertificateName } from '../issued-to.ts';
import { useStudio } from '../studio-context.ts';
import { Ca } from './ca.tsx';
import { useCapped } from './capped.tsx';
import { Certificates } from './certificates.tsx';
import { Directory } from './directory.tsx';
import { minute, Table } from './table.tsx';
import { Templates } from './templates.tsx';
import { Value } from './value.tsx';
import { Why } from './why.tsx';
import { Problem } from './problem.tsx';

/** The world after the event at the cursor: directory, templates, CA, stores, IIS, Group Policy, ConfigMgr. */
export const World = () => {
  const studio = useStudio();
  const { data, error } = useJson<WorldAnswer>(labApi(studio.lab.id, 'world', { at: studio.position }), studio.revision);
  if (error) return <Problem error={error} />;
  if (!data) return <p className="quiet">Loading the world at {studio.position}…</p>;
  const { world } = data;
  return (
    <div className="world" data-position={data.position}>
      <p className="at">
        World after event {data.position} · simulated time {minute(data.at)}
      </p>
      <Directory directory={world.directory} />
      <Templates templates={world.templates} />
      <Ca ca={world.ca} />
      <Stores world={world} />
      <Iis world={world} />
      <details className="area">
        <summary>Group Policy</summary>
        <Value value={world.gpo} />
      </details>
      <details className="area">
        <summary>ConfigMgr</summary>
        <Value value={world.configmgr} />
      </details>
    </div>
  );
};

const Stores = ({ world }: { world: WorldView }) => {
  const { shown, more } = useCapped(world.stores, 'stores', 20);
  return (
    <details className="area" open>
      <summary>Certificate stores</summary>
      {world.stores.length === 0 && <p className="quiet">No certificate in any store.</p>}
      {shown.map((s) => (
        <div key={s.entity}>
          <h4>
            <Why entity={s.entity}>
              {s.host}\{s.store}
            </Why>
          </h4>
          <Certificates certs={s.certs} />
        </div>
      ))}
      {more}
    </details>
  );
};

const Iis = ({ world }: { world: WorldView }) => {
  const { shown, more } = useCapped(world.iis, 'bindings');
  return (
    <details className="area" open>
      <summary>IIS bindings</summary>
      {world.iis.length === 0 ? (
        <p className="quiet">No binding.</p>
      ) : (
        <Table head={['Host', 'Site', 'Binding', 'Certificate']}>
          {shown.map((b) => (
            <tr key={`${b.entity}:${b.binding}`}>
              <td>
                <Why entity={b.entity}>{b.host}</Why>
              </td>
              <td>{b.site}</td>
              <td>{b.binding}</td>
              <td>
                {b.thumbprint ? boundCertificateName(world, b.thumbprint, b.subject) : <span className="warn">none</span>}
                {b.thumbprint && <span className="thumb"> {b.thumbprint.slice(0, 12)}…</span>}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {more}
    </details>
  );
};
