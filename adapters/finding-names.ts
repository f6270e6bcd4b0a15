import { findingRules } from '../domain/index.ts';
import { didYouMean } from '../workflows/index.ts';

/** A finding name that does not name a rule or a known finding; its message says which it may have meant. */
class FindingNameError extends Error {
  readonly code = 'FINDINGS_INPUT';
}

/**
 * The finding a person named, ignoring case: a rule (`op-pending-restart` → `OP-PENDING-RESTART`) or a
 * finding id (`<rule>:<entity>`) among `known`. An unknown name is refused with a "did you mean".
 */
export const findingName = (wanted: string, known: readonly string[]): string => {
  const candidates = [...findingRules, ...known];
  const exact = candidates.find((c) => c === wanted) ?? candidates.find((c) => c.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const [rule = '', ...entity] = wanted.split(':');
  const canonical = findingRules.find((r) => r.toLowerCase() === rule.toLowerCase());
  if (canonical && entity.length) return [canonical, ...entity].join(':');
  const hint = didYouMean(wanted, candidates) ?? didYouMean(rule, findingRules);
  throw new FindingNameError(
    `expected a finding rule (${findingRules.slice(0, 3).join(', ')}…) or a finding id such as OP-PENDING-RESTART:host:SERVER1, found "${wanted}"${hint ? `; ${hint}` : ''}`,
  );
};
