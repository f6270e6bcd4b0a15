import type { WorldView } from '../../api.ts';
import { useCapped } from './capped.tsx';
import { minute, Table } from './table.tsx';
import { Why } from './why.tsx';

/** Users, computers (with the groups their token carries since the last restart) and groups. */
export const Directory = ({ directory }: { directory: WorldView['directory'] }) => {
  const computers = useCapped(directory.computers, 'computers');
  const groups = useCapped(directory.groups, 'groups');
  const users = useCapped(directory.users, 'users');
  return (
    <details className="area" open>
      <summary>Directory</summary>
      <Table head={['Computer', 'DNS name', 'Groups', 'Token (since last restart)', 'Last restart']}>
        {computers.shown.map((c) => {
          const stale = c.groups.filter((g) => !c.tokenGroups.includes(g));
          return (
            <tr key={c.entity}>
              <td>
                <Why entity={c.entity}>{c.name}</Why>
              </td>
              <td>{c.dns}</td>
              <td>{c.groups.join(', ')}</td>
              <td>
                {c.tokenGroups.join(', ')}
                {stale.length > 0 && <span className="warn"> lacks {stale.join(', ')} until it restarts</span>}
              </td>
              <td>{c.lastRestart ? minute(c.lastRestart) : 'never'}</td>
            </tr>
          );
        })}
      </Table>
      {computers.more}
      <Table head={['Group', 'Members']}>
        {groups.shown.map((g) => (
          <tr key={g.entity}>
            <td>
              <Why entity={g.entity}>{g.name}</Why>
            </td>
            <td>{g.members.join(', ')}</td>
          </tr>
        ))}
      </Table>
      {groups.more}
      <p>
        Users:{' '}
        {users.shown.map((u, i) => (
          <span key={u.entity}>
            {i > 0 && ', '}
            <Why entity={u.entity}>{u.name}</Why>
          </span>
        ))}{' '}
        {users.more}
      </p>
    </details>
  );
};
