/** The AD CS and wizard failures pkilab reproduces, with their real codes where Windows has one. */
export const failures = {
  CERTSRV_E_TEMPLATE_DENIED: { code: '0x80094012', text: 'The permissions on the certificate template do not allow the current user to enroll for this type of certificate.' },
  CERTSRV_E_UNSUPPORTED_CERT_TYPE: { code: '0x80094800', text: 'The requested certificate template is not supported by this CA.' },
  CERTSRV_E_SUBJECT_DNS_REQUIRED: { code: '0x8009480F', text: 'The Domain Name System (DNS) name is unavailable and cannot be added to the Subject Alternate name.' },
  CERTSRV_E_BAD_REQUESTSUBJECT: { code: '0x80094001', text: 'The request subject name is invalid or too long.' },
  TEMPLATE_NOT_OFFERED: { code: 'not-offered', text: 'The template is not listed on the Request Certificates page.' },
  ALREADY_EXISTS: { code: 'already-exists', text: 'An object with this name already exists.' },
  NOT_FOUND: { code: 'not-found', text: 'The object named does not exist.' },
  NOT_EDITABLE: { code: 'not-editable', text: 'Version 1 templates cannot be edited; only their permissions can change.' },
  CERTIFICATE_NOT_IN_STORE: { code: 'not-in-store', text: 'No matching certificate is in the computer\'s personal store.' },
  BINDING_MISMATCH: { code: 'binding-mismatch', text: 'The https binding does not present the expected certificate.' },
  WRONG_STEP: { code: 'wrong-step', text: 'The procedure is not at this step.' },
  INVALID_CHOICE: { code: 'invalid-choice', text: 'The choice is not one the dialog offers.' },
} as const;

export type FailureName = keyof typeof failures;

/** An expected outcome, not an error: what a misconfiguration looks like in the log. */
export interface Rejection {
  readonly name: FailureName;
  readonly code: string;
  /** What Windows shows (the real error text), when there is one. */
  readonly text: string;
  /** pkilab's explanation: what was expected, what was found. */
  readonly reason: string;
}

export const reject = (name: FailureName, reason: string): Rejection => ({
  name,
  code: failures[name].code,
  text: failures[name].text,
  reason,
});
