import type { CertSummary, WorldView } from '../api.ts';

/** What the Certificates snap-in's "Issued To" column shows: the subject's CN, else the first DNS name of the SANs. */
export const issuedTo = (c: Pick<CertSummary, 'subject' | 'sans' | 'thumbprint'>): string =>
  c.subject.match(/CN=([^,]+)/)?.[1] ?? c.sans[0]?.replace(/^DNS:/, '') ?? (c.subject || `thumbprint ${c.thumbprint.slice(0, 12)}…`);

/**
 * The certificate an IIS binding uses, named as its store names it (the seed's web server certificate has an empty
 * subject, so the binding would read "(empty subject)" beside a store that calls it server1.internal.contoso.com).
 */
export const boundCertificateName = (world: Pick<WorldView, 'stores'>, thumbprint: string, subject: string | null): string => {
  const held = world.stores.flatMap((s) => s.certs).find((c) => c.thumbprint === thumbprint);
  return held ? issuedTo(held) : subject || '(empty subject)';
};
