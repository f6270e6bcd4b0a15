/** The AD CS and wizard failures pkilab reproduces, with their real codes where Windows has one. */
export const failures = {
  CERTSRV_E_TEMPLATE_DENIED: {
    code: '0x80094012',
    text: 'The permissions on the certificate template do not allow the current user to enroll for this type of certificate.',
  },
  CERTSRV_E_UNSUPPORTED_CERT_TYPE: { code: '0x80094800', text: 'The requested certificate template is not supported by this CA.' },
  CERTSRV_E_SUBJECT_DNS_REQUIRED: {
    code: '0x8009480F',
    text: 'The Domain Name System (DNS) name is unavailable and cannot be added to the Subject Alternate name.',
  },
  CERTSRV_E_BAD_REQUESTSUBJECT: { code: '0x80094001', text: 'The request subject name is invalid or too long.' },
  CERTSRV_E_SUBJECT_UPN_REQUIRED: {
    code: '0x8009480D',
    text: 'The user principal name (UPN) is unavailable and cannot be added to the Subject Alternate name.',
  },
  CERTSRV_E_KEY_LENGTH: {
    code: '0x80094811',
    text: 'The public key does not meet the minimum size required by the specified certificate template.',
  },
  // certutil -revoke and -CRL (codes from memory, medium confidence; see domain/ca/revocation.ts)
  ERROR_FILE_NOT_FOUND: { code: '0x80070002', text: 'The system cannot find the file specified.' },
  CERTSRV_E_BAD_REQUESTSTATUS: { code: '0x80094003', text: "The request's current status does not allow this operation." },
  RPC_S_SERVER_UNAVAILABLE: { code: '0x800706BA', text: 'The RPC server is unavailable.' },
  TEMPLATE_NOT_OFFERED: { code: 'not-offered', text: 'The template is not listed on the Request Certificates page.' },
  ALREADY_EXISTS: { code: 'already-exists', text: 'An object with this name already exists.' },
  NOT_FOUND: { code: 'not-found', text: 'The object named does not exist.' },
  NOT_EDITABLE: { code: 'not-editable', text: 'Version 1 templates cannot be edited; only their permissions can change.' },
  CERTIFICATE_NOT_IN_STORE: { code: 'not-in-store', text: "No matching certificate is in the computer's personal store." },
  BINDING_MISMATCH: { code: 'binding-mismatch', text: 'The https binding does not present the expected certificate.' },
  KEY_NOT_EXPORTABLE: { code: 'key-not-exportable', text: 'The Export Private Key page offers only "No, do not export the private key".' },
  PFX_UNREADABLE: { code: 'pfx-unreadable', text: 'The file cannot be opened as a PKCS #12 (.pfx) file.' },
  PFX_WRONG_PASSWORD: { code: 'pfx-wrong-password', text: 'The password does not open the PKCS #12 file.' },
  PFX_NO_PRIVATE_KEY: { code: 'pfx-no-private-key', text: 'The PKCS #12 file holds no private key for its certificate.' },
  CONFIGMGR_REQUIREMENTS: {
    code: 'configmgr-requirements',
    text: 'The certificate does not meet the Configuration Manager requirements for this use.',
  },
  NOT_CONFIGURED: { code: 'not-configured', text: 'A setting this action relies on has not been configured.' },
  CERTIFICATE_NOT_VERIFIED: { code: 'not-verified', text: 'The certificate store does not show what the procedure expects.' },
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
