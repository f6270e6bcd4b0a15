export { procedures, findProcedure } from './catalog.ts';
export type {
  ProcedureDefinition,
  PhaseDefinition,
  PhaseId,
  StepDefinition,
  StepKey,
  ProcedureContext,
  StepCommand,
} from './kit/procedure.ts';
export { phaseTitles } from './kit/procedure.ts';
export {
  procedureMachine,
  machineOf,
  currentStepOf,
  type ProcedureEvent,
  type ProcedureInput,
  type ProcedureMachine,
  type ProcedureSnapshot,
} from './kit/machine.ts';
export { prerequisitesOf } from './prerequisites.ts';
export { procedureSnapshot } from './replay.ts';
export { createGroup, nameTemplate } from './steps/template-steps.ts';
export {
  ChoiceError,
  didYouMean,
  editDistance,
  expected,
  expectation,
  explain,
  hostNameText,
  names,
  pathText,
  shown,
  text,
  wording,
  type ChoiceSchema,
  type Path,
  type Problem,
} from './kit/choices.ts';
export { createLab, openLab, startProcedure, takeStep, type CaIdentity, type Lab, type StepOutcome } from './engine.ts';
export {
  type EventStore,
  type KeyStore,
  type SecretStore,
  type Signer,
  type PfxFiles,
  type PfxWriteOptions,
  type LabPorts,
  type PendingEvent,
  type CodedError,
  isEventStoreError,
  eventStoreError,
  type EventStoreError,
  type EventStoreErrorCode,
  type CorruptLogError,
  isKeyStoreError,
  keyStoreError,
  type KeyStoreError,
  type KeyStoreErrorCode,
  isSecretStoreError,
  secretStoreError,
  type SecretStoreError,
  type SecretStoreErrorCode,
  isPfxFilesError,
  pfxFilesError,
  type PfxFilesError,
  type PfxFilesErrorCode,
  isSignerError,
  signerError,
  type SignerError,
  type SignerErrorCode,
  guardOf,
  makerOf,
} from './ports.ts';
export type {
  Scenario,
  ScenarioProcedure,
  ScenarioAction,
  ScenarioEntry,
  StepOverride,
  Expectations,
  CertificateExpectation,
  BindingExpectation,
  RejectionExpectation,
} from './scenario.ts';
export { checkExpectations, type ExpectationResult } from './expectations.ts';
export { runScenario, resolveChoices, type ScenarioRun, type StepReport, type ResolvedStep } from './run-scenario.ts';
export { seedDeployment } from './seed-deployment.ts';
export { redecide, normalize, firstDivergence, type WhatIf, type Redecision, type CarriedStep } from './redecide.ts';
export { actions, actionIds, findAction, actionSchema } from './actions/catalog.ts';
export { adminProcedure, defineAction, type ActionDefinition, type ActionGroup } from './actions/definition.ts';
export { takeAction } from './take-action.ts';
export { runDueWork } from './due-work.ts';
