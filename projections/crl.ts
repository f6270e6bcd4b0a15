import { isDraft, original } from 'immer';
import type { CaCrls, CrlEvent } from '../domain/index.ts';
import { settled } from './copy.ts';
import type { Handlers } from './handlers.ts';

/** Revocations, published CRLs and the CA service's state. */
export const crlHandlers: Handlers<CrlEvent> = {
  CertificateRevoked: (world, { data, at }) => {
    const { ca, serialNumber, requestId, reason } = data;
    world.ca.revocations[serialNumber] = settled({ ca, serialNumber, requestId, reason, revokedAt: at });
  },
  CrlPublished: (world, { data }) => {
    // A history stored before this batch comes back as a draft: keep its original, or the draft would end up inside the new one.
    const stored = world.ca.crls[data.ca];
    const before = (stored && isDraft(stored) ? original(stored) : stored) as CaCrls | undefined;
    const published = { base: before?.published.base ?? 0, delta: before?.published.delta ?? 0 };
    published[data.kind] += 1;
    world.ca.crls[data.ca] = settled({
      lastCrlNumber: Math.max(before?.lastCrlNumber ?? 0, data.crlNumber),
      ...(data.kind === 'base' ? { base: data } : before?.base ? { base: before.base } : {}),
      ...(data.kind === 'delta' ? { delta: data } : before?.delta ? { delta: before.delta } : {}),
      published,
    });
  },
  CaServiceStopped: (world, { data, at }) => {
    world.ca.stopped[data.ca] = at;
  },
  CaServiceStarted: (world, { data }) => {
    delete world.ca.stopped[data.ca];
  },
};
