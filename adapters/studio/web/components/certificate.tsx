import { ekuName } from '../../../../domain/index.ts';
import type { CertificateAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { Table } from './table.tsx';
import { Problem } from './problem.tsx';

/** Every field of one certificate as the server decoded it from its DER: names, validity, extensions, PEM. */
export const CertificateDetails = ({ thumbprint }: { thumbprint: string }) => {
  const studio = useStudio();
  const { data, error } = useJson<CertificateAnswer>(labApi(studio.lab.id, `certificate/${encodeURIComponent(thumbprint)}`));
  if (error) return <Problem error={error} />;
  if (!data) return <p className="quiet">Loading the certificate…</p>;
  const fields: Array<[string, string]> = [
    ['Subject', data.subject || '(empty: the names are in the subject alternative name)'],
    ['Issuer', data.issuer],
    ['Serial number', data.serial],
    ['Valid', `from ${data.notBefore} to ${data.notAfter}`],
    ['Subject alternative names', data.sans.join(', ') || 'none'],
    ['Enhanced key usage', data.ekus.map((oid) => `${ekuName(oid)} (${oid})`).join(', ') || 'none'],
    ['Signature algorithm', data.signatureAlgorithm],
    ['Thumbprint', data.thumbprint],
  ];
  return (
    <div className="certificate" role="region" aria-label={`Certificate ${data.thumbprint}`}>
      <dl className="value">
        {fields.map(([name, text]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <Table head={['Extension', 'Critical', 'Value']}>
        {data.extensions.map((e) => (
          <tr key={e.oid}>
            <td>
              {e.name} <span className="quiet">{e.oid}</span>
            </td>
            <td>{e.critical ? 'yes' : 'no'}</td>
            <td className="pre">{e.text}</td>
          </tr>
        ))}
      </Table>
      <details>
        <summary>PEM</summary>
        <pre>{data.pem}</pre>
      </details>
    </div>
  );
};
