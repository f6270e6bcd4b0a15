import 'reflect-metadata';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { KeyRef, World } from '../../domain/index.ts';

/** An IIS site's https binding as the lab holds it: the names it answers to, its certificate and its key. */
export interface HttpsBinding {
  readonly host: string;
  readonly site: string;
  /** The binding's port in IIS (443); pkilab serves it on a loopback port of its own. */
  readonly iisPort: number;
  /** The computer's FQDNs (intranet, then Internet): what a client types to reach it. */
  readonly names: readonly string[];
  readonly thumbprint: string;
  /** Base64 DER of the bound certificate and of the CA certificate above it. */
  readonly certificate: string;
  readonly chain: readonly string[];
  readonly keyRef: KeyRef;
  readonly signatureHash: string;
}

/** A file the CA publishes over http: a CRL or the CA certificate at its CDP / AIA path. */
interface PublishedFile {
  /** The URL path, /CertEnroll/<name>. */
  readonly path: string;
  readonly contentType: string;
  /** Where the bytes come from: the lab's CertEnroll folder, or the CA certificate in the log. */
  readonly source: { readonly file: string } | { readonly der: string };
}

export interface Published {
  readonly https: readonly HttpsBinding[];
  /** The host names the certificates' http CDP and AIA URLs name (ca1.contoso.com). */
  readonly httpNames: readonly string[];
  readonly files: readonly PublishedFile[];
  /** http URLs the certificates name that nothing in the lab can answer yet (no CRL published, say). */
  readonly unanswered: readonly string[];
}

const contentTypes: Record<string, string> = {
  '.crl': 'application/pkix-crl',
  '.crt': 'application/pkix-cert',
  '.cer': 'application/pkix-cert',
};
const typeOf = (name: string) => contentTypes[name.slice(name.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream';

/** The http URLs of a certificate's CRL distribution points and AIA CA issuers. */
const httpUrls = (der: string): string[] => {
  const certificate = new x509.X509Certificate(Buffer.from(der, 'base64'));
  const cdp = certificate.getExtension(x509.CRLDistributionPointsExtension);
  const aia = certificate.getExtension(x509.AuthorityInfoAccessExtension);
  const names = [
    ...(cdp?.distributionPoints ?? [])
      .flatMap((p) => p.distributionPoint?.fullName ?? [])
      .flatMap((n) => (n.uniformResourceIdentifier ? [n.uniformResourceIdentifier] : [])),
    ...(aia?.caIssuers ?? []).flatMap((n) => (n.type === 'url' ? [n.value] : [])),
  ];
  return names.filter((u) => /^http:\/\//i.test(u));
};

const bindingsOf = (world: World): HttpsBinding[] =>
  Object.entries(world.hosts.iis).flatMap(([host, sites]) =>
    Object.entries(sites ?? {}).flatMap(([site, state]) =>
      (state?.bindings ?? []).flatMap((binding) => {
        if (binding.protocol !== 'https' || !binding.thumbprint) return [];
        const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === binding.thumbprint);
        const stored = Object.values(world.hosts.stores[host] ?? {})
          .flat()
          .find((c) => c?.thumbprint === binding.thumbprint);
        if (!issued || !stored?.hasPrivateKey) return [];
        const computer = world.hosts.hosts[host];
        const authority = world.ca.authorities[issued.ca];
        const names = [computer?.fqdn, computer?.internetFqdn].filter((n): n is string => Boolean(n));
        const signatureHash = new x509.X509Certificate(Buffer.from(issued.der, 'base64')).signatureAlgorithm.hash.name;
        return [
          {
            host,
            site,
            iisPort: binding.port,
            names: [...new Set(names.map((n) => n.toLowerCase()))],
            thumbprint: binding.thumbprint,
            certificate: issued.der,
            chain: authority ? [authority.certificate] : [],
            keyRef: stored.keyRef,
            signatureHash,
          },
        ];
      }),
    ),
  );

/**
 * What a lab publishes, read from its world and its CertEnroll folder (never written): each IIS https binding,
 * and the CDP / AIA files under the http names its certificates carry. A file in the folder wins over the CA
 * certificate from the log under the same name.
 */
export const publishedBy = async (world: World, certEnroll: string): Promise<Published> => {
  const byCa = new Map<string, string[]>();
  for (const issued of Object.values(world.ca.issued)) {
    byCa.set(issued.ca, [...new Set([...(byCa.get(issued.ca) ?? []), ...httpUrls(issued.der)])]);
  }
  const urls = [...new Set([...byCa.values()].flat())];
  const inFolder = await readdir(certEnroll, { withFileTypes: true }).then(
    (entries) => entries.filter((e) => e.isFile()).map((e) => e.name),
    () => [] as string[],
  );
  const files = new Map<string, PublishedFile>();
  for (const name of inFolder) {
    files.set(`/CertEnroll/${name}`, { path: `/CertEnroll/${name}`, contentType: typeOf(name), source: { file: join(certEnroll, name) } });
  }
  for (const authority of Object.values(world.ca.authorities)) {
    for (const path of (byCa.get(authority.name) ?? []).map(pathOf).filter((p) => p.toLowerCase().endsWith('.crt') && !files.has(p))) {
      files.set(path, { path, contentType: typeOf(path), source: { der: authority.certificate } });
    }
  }
  return {
    https: bindingsOf(world),
    httpNames: [...new Set(urls.map((u) => new URL(u).hostname.toLowerCase()))],
    files: [...files.values()],
    unanswered: urls.filter((u) => !files.has(pathOf(u))),
  };
};

/** The path of an http URL as a server sees it (percent escapes undone: a delta CRL's `+`). */
export const pathOf = (url: string): string => decodeURIComponent(new URL(url, 'http://x').pathname);
