import type { SignCrlDecision, SignDecision } from '../ca/decision.ts';
import type { ExportDecision } from '../hosts/decision.ts';
import { accepting, type Decided } from '../shared/decision.ts';
import type { LabEvent } from './events.ts';

/**
 * What `decide` returns: events, a rejection, a certificate to sign, or a PFX to write. Keys, signatures and files
 * are IO: for `sign` the engine makes the key the decision names and signs (ca/decision.ts), for `sign-crl` it signs
 * the CRL profile with the CA's key and appends `crlPublishedEvent`, for `export` it writes the PFX and appends
 * `exportEvents`. Each bounded context answers with its own part of this union (its events, its IO).
 */
export type Decision = Decided<LabEvent, SignDecision<LabEvent> | ExportDecision | SignCrlDecision>;

export const accept = accepting<LabEvent>();
