import type { SimTime } from '../domain/index.ts';
import type { CrlExpectation } from './crl-expectations.ts';
import type { CaSetup, StoreName } from '../domain/index.ts';
import type { AdminExpectations } from './admin-expectations.ts';

/** A step override: skip the step, or replace fields of the seed's choice. */
export type StepOverride = 'skip' | Readonly<Record<string, unknown>>;

export interface ScenarioProcedure {
  readonly procedure: string;
  readonly steps: Readonly<Record<string, StepOverride>>;
  /** The last step to take: the procedure stops after it, unfinished (a stepped session saved part-way). */
  readonly until?: string;
}

/** An administrative action of a scenario: its id and the choice (validated when the scenario loads). */
export interface ScenarioAction {
  readonly action: string;
  readonly choice: Readonly<Record<string, unknown>>;
}

/** What a scenario runs, in order: procedures, and lists of actions between or after them. */
export type ScenarioEntry = ScenarioProcedure | { readonly actions: readonly ScenarioAction[] };

export interface CertificateExpectation {
  readonly host: string;
  /** personal (default) or amt-firmware. */
  readonly store?: StoreName;
  readonly template: string;
  readonly present?: boolean;
  readonly dnsNames?: readonly string[];
  readonly upns?: readonly string[];
  readonly ekus?: readonly string[];
  readonly subject?: string;
}

export interface BindingExpectation {
  readonly host: string;
  readonly site: string;
  readonly template?: string;
}
/** A finding that must be present at the end; `subject` narrows it to one entity (`template:…`). */
interface FindingExpectation {
  readonly rule: string;
  readonly subject?: string;
}

export interface RejectionExpectation {
  readonly procedure?: string;
  readonly step: string;
  readonly code: string;
}

export interface Expectations extends AdminExpectations {
  readonly certificates: readonly CertificateExpectation[];
  readonly bindings: readonly BindingExpectation[];
  readonly rejections: readonly RejectionExpectation[];
  /** Findings that must hold; any other finding above informational fails the run. */
  readonly findings: readonly FindingExpectation[];
  readonly completed: readonly string[];
  /** The CA's revocation information at the end: state, CRLs published, Request IDs listed. */
  readonly crls?: readonly CrlExpectation[];
}

/** A scenario as loaded and validated: the lab, the procedures in order, and what must hold at the end. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly title: string;
  readonly lab: { readonly startsAt?: SimTime; readonly ca: CaSetup };
  /** Procedures and action lists in the order they run (a top-level `actions:` list comes last). */
  readonly procedures: readonly ScenarioEntry[];
  readonly expect: Expectations;
}
