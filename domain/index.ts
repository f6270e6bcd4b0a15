export type { Brand } from './shared/brand.ts';
export { addMinutes, addDays, isSimTime, type SimTime } from './shared/time.ts';
export { failures, reject, type FailureName, type Rejection } from './shared/rejection.ts';
export { oid, ekuName } from './shared/oids.ts';
export { isSecretRef, type Secret, type SecretRef } from './shared/secret.ts';

export type { Principal, PrincipalKind, Token, DirectoryState, Gpo, AutoenrollmentPolicy } from './directory/model.ts';
export { groupsOf, tokenIdentities } from './directory/membership.ts';
export type { DirectoryEvent } from './directory/events.ts';
export type { DirectoryCommand } from './directory/commands.ts';

export {
  templateRights, certificatePurposes, type CertificatePurpose, subjectFormats, altNameKinds, duplicateVersions, compatibilityAuthorities, compatibilityRecipients, nameFlags, templateNameFor, type Compatibility,
  type Ace, type Template, type TemplateRight, type SubjectNameSetting, type SubjectFormat, type AltNameKind, type DuplicateVersion, type SchemaVersion,
} from './ca/template.ts';
export { hasRight, editAce } from './ca/access.ts';
export { builtinTemplates, forestOidArc } from './ca/builtins.ts';
export { defaultCaSettings, type CaState, type CertificationAuthority, type IssuedCertificate, type CaEdition, type CaOs, type CaSettings, type PendingRequest } from './ca/model.ts';
export { formatDn, type CertificateProfile, type ExtensionSpec, type Rdn } from './ca/profile.ts';
export { findTemplate, issuedByThumbprint, issuedTo, issuingAuthorities } from './ca/lookup.ts';
export { issuedSerial, requestIdOfSerial, setupRefusal, editionIssues, signatureHashOf, type CaProvider, type SignatureHash } from './ca/setup.ts';
export { whyNotOfferedTo } from './ca/decide-enrollment.ts';
export { revocationReasons, revocationReasonNames, type RevocationReason, type Revocation, type CrlEntry, type CrlKind, type CrlProfile, type PublishedCrl, type CaCrls, type CrlDraft } from './ca/crl-model.ts';
export { defaultCrlSettings, periodUnits, formatPeriod, addPeriod, crlClockSkewMinutes, type CrlSettings, type CrlPeriod, type PeriodUnit } from './ca/crl-settings.ts';
export { urlVariables, unknownUrlVariables, caPlace, crlSettingsOf, certEnrollNames, reachesPublishedCrl, type CaPlace } from './ca/crl-urls.ts';
export { crlsOf, currentEntries, crlPublishedEvent } from './ca/crl.ts';
export { crlSchedule, nextCrlPublication, dueCrlPublications, type DueCrl } from './ca/crl-schedule.ts';
export { crlStatus, type CrlStatus } from './ca/crl-status.ts';
export type { CrlCommand, CrlEvent, RevocationTarget } from './ca/crl-events.ts';
export type { CaEvent } from './ca/events.ts';
export type { CaCommand } from './ca/commands.ts';
export { autoenrollTemplates, effectiveAutoenrollmentPolicy, autoenrollmentIntervalMinutes } from './ca/autoenroll.ts';

export type { Host, HostsState, StoredCertificate, IisSite, IisBinding, StoreName } from './hosts/model.ts';
export { selectCertificate } from './hosts/decide.ts';
export type { HostsEvent } from './hosts/events.ts';
export type { HostsCommand, CertificateSelection } from './hosts/commands.ts';
export { pfxEncryptions, offersAes, defaultPfxEncryption, type PfxEncryption } from './hosts/pfx-encryption.ts';

export type { ConfigMgrState, PfxFacts, PfxImport, EnrollmentPlatform, SiteSystem } from './configmgr/model.ts';
export type { ConfigMgrEvent } from './configmgr/events.ts';
export type { ConfigMgrCommand } from './configmgr/commands.ts';
export { amtSetupOu } from './configmgr/requirements.ts';

export type { LabEvent, LabEventType, RecordedEvent, WorkflowEvent } from './lab/events.ts';
export type { LabCommand, LabCommandType } from './lab/commands.ts';
export { emptyWorld, type World, type RecordedRejection, type ProcedureProgress } from './lab/world.ts';
export { decide, reactionsTo, dueByTime, nextDueAt } from './lab/decide.ts';
export type { ScheduledWork } from './lab/schedule.ts';
export type { AdminEvent, TemplateSettings } from './lab/admin-events.ts';
export type { AdminCommand } from './lab/admin-commands.ts';
export { entitiesShapedBy } from './lab/provenance.ts';
export { issuanceEvents, exportEvents, type Decision, type IssuanceDraft, type ExportDraft } from './lab/decision.ts';
export { contoso, testNetwork, caCertificateProfile, caSetupChoices, caSubject, caSubjectOf, type CaSetup, type CaMaterial } from './lab/fixture.ts';
export type { NetworkDefinition, ComputerDefinition, UserDefinition, GroupDefinition } from './lab/network.ts';

export { evaluateFindings } from './findings/evaluate.ts';
export { severities, severityRank, type Finding, type Severity, type FindingFamily } from './findings/model.ts';
export { capabilities } from './findings/capabilities.ts';
export { findingRules, type FindingRule } from './findings/rules.ts';
