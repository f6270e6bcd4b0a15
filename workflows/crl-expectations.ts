import { crlStatus, crlsOf, type CrlStatus, type World } from '../domain/index.ts';

/**
 * What a scenario may require of a CA's revocation information at the end of its run: the state a client
 * would find (current, expired, never published), how many CRLs the CA published, and which certificates
 * (by Request ID, as Issued Certificates shows them) its current base and delta list as revoked.
 */
export interface CrlExpectation {
  readonly ca?: string;
  readonly state?: CrlStatus['state'];
  readonly baseCrls?: number;
  readonly deltaCrls?: number;
  readonly lists?: readonly number[];
}

interface CrlExpectationResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const listed = (world: World, status: CrlStatus): number[] => {
  if (status.state === 'never-published') return [];
  const serials = new Set([status.base, status.delta].flatMap((crl) => crl?.entries.map((e) => e.serialNumber) ?? []));
  return Object.values(world.ca.issued)
    .filter((c) => serials.has(c.serialNumber))
    .map((c) => c.requestId)
    .sort((a, b) => a - b);
};

/** What a CA's revocation information was found to be: its state, the CRLs published, the Request IDs listed. */
interface CrlFound {
  readonly state: CrlStatus['state'];
  readonly published: { readonly base: number; readonly delta: number };
  readonly requestIds: readonly number[];
}

/** Each way the found revocation information differs from one expectation, in words; none when it meets it. */
const crlProblems = (e: CrlExpectation, { state, published, requestIds }: CrlFound): string[] => {
  const count = (kind: 'base' | 'delta', wanted: number | undefined) =>
    wanted !== undefined && wanted !== published[kind] ? `${kind} CRLs published: expected ${wanted}, found ${published[kind]}` : '';
  return [
    e.state && e.state !== state ? `state: expected ${e.state}, found ${state}` : '',
    count('base', e.baseCrls),
    count('delta', e.deltaCrls),
    e.lists && e.lists.join(',') !== requestIds.join(',')
      ? `revoked Request IDs listed: expected ${e.lists.join(', ') || 'none'}, found ${requestIds.join(', ') || 'none'}`
      : '',
  ].filter(Boolean);
};

/** Checks CRL expectations against the final world. Pure. */
export const checkCrlExpectations = (world: World, expectations: readonly CrlExpectation[]): CrlExpectationResult[] =>
  expectations.map((e) => {
    const authority = e.ca ? world.ca.authorities[e.ca] : Object.values(world.ca.authorities)[0];
    const label = `CRLs of ${e.ca ?? authority?.name ?? 'the CA'}`;
    if (!authority) return { name: label, ok: false, detail: `no CA named ${e.ca ?? ''} in the lab` };
    const status = crlStatus(world, authority);
    const { published } = crlsOf(world, authority.name);
    const requestIds = listed(world, status);
    const problems = crlProblems(e, { state: status.state, published, requestIds });
    const found =
      `${status.state}, ${published.base} base and ${published.delta} delta CRLs, ` + `listing ${requestIds.join(', ') || 'nothing'}`;
    return { name: `${label}${e.state ? ` ${e.state}` : ''}`, ok: problems.length === 0, detail: problems.join('; ') || found };
  });
