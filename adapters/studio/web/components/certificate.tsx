import type { CertificateAnswer } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';

/** Every field of one certificate as the server decoded it from its DER: names, validity, extensions, PEM. */
export const CertificateDetails = ({ thumbprint }: { thumbprint: string }) => {
  const studio = useStudio();
  const { data, error } = useJson<CertificateAnswer>(labApi(studio.lab.id, `certificate/${encodeURIComponent(thumbprint)}`));
  if (error) return <p className="error" role="alert">{error.code}: {error.message}</p>;
  if (!data) return <p className="quiet">Loading the certificate…</p>;
  return (
    <div className="certificate" aria-label={`Certificate ${data.subject}`}>
      <dl className="value">
        <div><dt>Subject</dt><dd>{data.subject}</dd></div>
        <div><dt>Issuer</dt><dd>{data.issuer}</dd></div>
        <div><dt>Serial number</dt><dd className="thumb">{data.serial}</dd></div>
        <div><dt>Valid</dt><dd>from {data.notBefore} to {data.notAfter}</dd></div>
        <div><dt>Subject alternative names</dt><dd>{data.sans.join(', ') || 'none'}</dd></div>
        <div><dt>Enhanced key usage</dt><dd>{data.ekus.join(', ') || 'none'}</dd></div>
        <div><dt>Signature algorithm</dt><dd>{data.signatureAlgorithm}</dd></div>
        <div><dt>Thumbprint</dt><dd className="thumb">{data.thumbprint}</dd></div>
      </dl>
      <table>
        <thead><tr><th>Extension</th><th>Critical</th><th>Value</th></tr></thead>
        <tbody>
          {data.extensions.map((e) => (
            <tr key={e.oid}><td>{e.name} <span className="quiet">{e.oid}</span></td><td>{e.critical ? 'yes' : 'no'}</td><td className="pre">{e.text}</td></tr>
          ))}
        </tbody>
      </table>
      <details><summary>PEM</summary><pre>{data.pem}</pre></details>
    </div>
  );
};
