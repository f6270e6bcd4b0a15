export { addMinutes, addDays, isSimTime, SimTime } from './shared/time.ts';
export { failures, reject, type FailureName, type Rejection } from './shared/rejection.ts';
export { oid, ekuName } from './shared/oids.ts';
export { isSecretRef, type Secret, type SecretRef } from './shared/secret.ts';
export { DisplayName, HostName, hostNamePattern, KeyRef, TemplateName, Thumbprint } from './shared/ids.ts';

export { groupsOf, tokenIdentities } from './directory/membership.ts';
export type { DirectoryEvent } from './directory/events.ts';

export {
  templateRights,
  certificatePurposes,
  type CertificatePurpose,
  subjectFormats,
  altNameKinds,
  duplicateVersions,
  compatibilityAuthorities,
  compatibilityRecipients,
  nameFlags,
  type Compatibility,
  type Ace,
  type Template,
  type TemplateRight,
  type SubjectNameSetting,
  type DuplicateVersion,
} from './ca/template.ts';
export { hasRight } from './ca/access.ts';
export { builtinTemplates } from './ca/builtins.ts';
export type { CertificationAuthority, IssuedCertificate, CaOs, CaSettings } from './ca/model.ts';
export { formatDn, type CertificateProfile, type ExtensionSpec, type Rdn } from './ca/profile.ts';
export { findTemplate, findTemplateByDisplayName, issuingAuthorities, templateAsTyped } from './ca/lookup.ts';
export { issuedSerial, requestIdOfSerial, setupRefusal, editionIssues } from './ca/setup.ts';
export { whyNotOfferedTo } from './ca/decide-enrollment.ts';
export {
  revocationReasons,
  revocationReasonNames,
  type RevocationReason,
  type CrlKind,
  type CrlProfile,
  type PublishedCrl,
  type CaCrls,
} from './ca/crl-model.ts';
export { defaultCrlSettings, periodUnits, type CrlSettings, type CrlPeriod } from './ca/crl-settings.ts';
export { urlVariables, unknownUrlVariables, caPlace, certEnrollNames } from './ca/crl-urls.ts';
export { crlsOf, crlPublishedEvent } from './ca/crl.ts';
export { crlSchedule, dueCrlPublications } from './ca/crl-schedule.ts';
export { crlStatus, type CrlStatus } from './ca/crl-status.ts';
export type { CrlEvent, RevocationTarget } from './ca/crl-events.ts';
export type { CaEvent } from './ca/events.ts';

export type { StoreName } from './hosts/model.ts';
export { selectCertificate } from './ca/held.ts';
export type { HostsEvent } from './hosts/events.ts';
export { pfxEncryptions, offersAes, defaultPfxEncryption, type PfxEncryption } from './hosts/pfx-encryption.ts';

export type { PfxFacts, EnrollmentPlatform } from './configmgr/model.ts';
export type { ConfigMgrEvent } from './configmgr/events.ts';

export type { LabEvent, LabEventType, RecordedEvent, WorkflowEvent } from './lab/events.ts';
export { timed, type LabCommand, type Timed } from './lab/commands.ts';
export { emptyWorld, type World, type RecordedRejection, type ProcedureProgress } from './lab/world.ts';
export { decide, reactionsTo, dueByTime, nextDueAt } from './lab/decide.ts';
export type { AdminEvent } from './lab/admin-events.ts';
export type { TemplateSettings } from './ca/admin-events.ts';
export { entitiesShapedBy } from './lab/provenance.ts';
export type { Decision } from './lab/decision.ts';
export { issuanceEvents } from './ca/decision.ts';
export { exportEvents } from './hosts/decision.ts';
export { contoso, testNetwork, caCertificateProfile, caSetupChoices, caSubject, caSubjectOf, type CaSetup } from './lab/fixture.ts';
export type { NetworkDefinition, ComputerDefinition } from './lab/network.ts';

export { evaluateFindings } from './findings/evaluate.ts';
export { severities, severityRank, type Finding, type Severity } from './findings/model.ts';
export { findingRules } from './findings/rules.ts';
