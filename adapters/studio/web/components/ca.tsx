import type { WorldView } from '../../api.ts';
import { Certificates } from './certificates.tsx';
import { Listed, minute, Table } from './table.tsx';
import { Why } from './why.tsx';

/** The enterprise CA as its console shows it: templates to issue, pending, issued and revoked requests, CRLs. */
export const Ca = ({ ca }: { ca: WorldView['ca'] }) => {
  if (!ca)
    return (
      <details className="area">
        <summary>Certification authority</summary>
        <p className="quiet">No CA installed yet.</p>
      </details>
    );
  return (
    <details className="area" open>
      <summary>
        Certification authority <Why entity={ca.entity}>{ca.name}</Why> {ca.running ? '(running)' : '(stopped)'}
      </summary>
      <p>Certificate templates to issue: {ca.templatesToIssue.join(', ') || 'none'}</p>
      <h4>Pending requests</h4>
      <Listed
        items={ca.pending}
        render={(p) => (
          <li key={p.requestId}>
            #{p.requestId} {p.subject} from {p.requester} ({p.template ?? 'no template'})
          </li>
        )}
      />
      <h4>Issued certificates</h4>
      <Certificates certs={ca.issued} />
      <h4>Revoked certificates</h4>
      <Listed
        items={ca.revoked}
        render={(r) => (
          <li key={r.serial}>
            {r.serial}: {r.reason} at {minute(r.at)}
          </li>
        )}
      />
      <h4>CRLs</h4>
      <Table head={['Number', 'This update', 'Next update', 'Published']}>
        {ca.crls.map((c) => (
          <tr key={c.number}>
            <td>{c.number}</td>
            <td>{minute(c.thisUpdate)}</td>
            <td>{minute(c.nextUpdate)}</td>
            <td>{c.published ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </Table>
    </details>
  );
};
