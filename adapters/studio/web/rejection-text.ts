import type { Outcome } from '../api.ts';

type Rejection = Outcome['rejections'][number];

/**
 * A refused step as the what-if sides show it: the step, the code and name, then what the dialog said and why
 * (an empty field in a what-if form comes back as `invalid-choice`; the reason names the field and what it expected).
 */
export const rejectionText = (r: Pick<Rejection, 'step' | 'code' | 'name' | 'text' | 'reason'>): string =>
  `${r.step}: ${r.code} ${r.name} — ${r.text}${r.reason ? ` (${r.reason})` : ''}`;
