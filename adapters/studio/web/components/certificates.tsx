import { useState } from 'react';
import { ekuName } from '../../../../domain/index.ts';
import type { CertSummary } from '../../api.ts';
import { issuedTo } from '../issued-to.ts';
import { useCapped } from './capped.tsx';
import { CertificateDetails } from './certificate.tsx';
import { Why } from './why.tsx';

/** Certificates by subject, names and validity; a click opens every field and extension. */
export const Certificates = ({ certs }: { certs: CertSummary[] }) => {
  const [open, setOpen] = useState<string>();
  const { shown, more } = useCapped(certs, 'certificates');
  if (certs.length === 0) return <p className="quiet">none</p>;
  return (
    <ul className="certs">
      {shown.map((c) => (
        <li key={c.thumbprint}>
          <button type="button" className="link" onClick={() => setOpen(open === c.thumbprint ? undefined : c.thumbprint)}>
            {issuedTo(c)}
          </button>{' '}
          <span className="quiet">
            {c.template ?? 'no template'} · {c.sans.join(', ') || 'no SAN'} · {c.ekus.map((oid) => ekuName(oid)).join(', ')} · until{' '}
            {c.notAfter.slice(0, 10)}
          </span>{' '}
          <Why entity={c.entity}>
            <span className="thumb">{c.thumbprint.slice(0, 12)}…</span>
          </Why>
          {open === c.thumbprint && <CertificateDetails thumbprint={c.thumbprint} />}
        </li>
      ))}
      {more && <li>{more}</li>}
    </ul>
  );
};
