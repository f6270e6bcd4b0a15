export { eventData, eventSchemas, eventTypes, labEvent, recordedEvent, recordedSchemas, type Equal, type Expect, type Writable } from './events.ts';
export { labBundle, parseBundle, type Bundle, type ParsedBundle } from './bundle.ts';
export { logProblemCodes, type LogCheck, type LogCheckOptions, type LogEntry, type LogProblem, type LogProblemCode } from './problems.ts';
export { readCertificate, type CertificateFacts } from './certificate.ts';
export { authorityDisagreements, issuedDisagreements, type Disagreement } from './agreement.ts';
export { noNames, recordNames, unknownReference, type LabNames } from './references.ts';
export { compileSchema, type Accepts } from './fast.ts';
export { closest, describeIssue, pathText, shown } from './issues.ts';
