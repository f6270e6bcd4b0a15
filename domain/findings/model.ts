import type { World } from '../lab/world.ts';

export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];
type FindingFamily = 'configmgr' | 'security' | 'operational';

/** A misconfiguration named with its cause and its fix, and the log positions that brought it about. */
export interface Finding {
  /** Stable across positions and runs: `<rule>:<entity>`, e.g. `ESC1:template:ConfigMgrMacClientCertificate`. */
  readonly id: string;
  readonly rule: string;
  readonly family: FindingFamily;
  readonly severity: Severity;
  /** The entity it concerns, as a provenance key (`template:…`, `ca:…`, `principal:…`, `host:…`). */
  readonly subject: string;
  readonly message: string;
  readonly fix: { readonly procedure: string; readonly command?: string };
  readonly causedBy: readonly number[];
}

export type Rule = (world: World) => Finding[];

export const severityRank = (severity: Severity): number => severities.indexOf(severity);

/** Positions of the events that shaped any of the keys, in log order. */
const causes = (world: World, ...keys: string[]): number[] =>
  [...new Set(keys.flatMap((key) => world.provenance[key] ?? []))].sort((a, b) => a - b);

export const finding = (
  world: World,
  f: Omit<Finding, 'id' | 'causedBy'> & { causedBy?: readonly number[]; keys?: readonly string[] },
): Finding => {
  const { keys, causedBy, ...rest } = f;
  return { id: `${f.rule}:${f.subject}`, ...rest, causedBy: causedBy ?? causes(world, ...(keys ?? [f.subject])) };
};
