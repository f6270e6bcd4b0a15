// What a scenario expects at its end: certificates, bindings, rejections (with AD CS codes), findings and the rest.
import { z } from 'zod';
import { failures, findingRules, type FailureName } from '../../domain/index.ts';
import { adminProcedure, didYouMean, expected, hostNameText, names, procedures, text, wording } from '../../workflows/index.ts';
import { actionIdList } from './action-schema.ts';
import { autoenrollmentExpectation, requestExpectation, storeExpectation } from './lab-schema.ts';
import { crlExpectation } from './crl-schema.ts';
import { nameAmong, procedureId, stepId } from './words.ts';

const distinguishedName = z
  .string()
  .regex(/^(|[A-Za-z][A-Za-z0-9.]*=.*)$/)
  .register(wording, { expected: 'a distinguished name such as CN=server1.contoso.com ("" for an empty subject)' });

const certificate = z.strictObject({
  host: hostNameText,
  template: text,
  store: z.enum(['personal', 'amt-firmware']).optional(),
  present: z.boolean().optional(),
  dnsNames: names.optional(),
  upns: names.optional(),
  ekus: names.optional(),
  subject: distinguishedName.optional(),
});

const binding = z.strictObject({ host: hostNameText, site: text, template: text.optional() });

const codes = Object.values(failures).map((f) => f.code);
const hexCode = /^(?:0x)?([0-9a-f]{8})$/i;

/** A number as YAML read it: 80094012 stands for its hex digits, 0x80094012 (or a negative HRESULT) for its value. */
const codeOfNumber = (n: number): string =>
  /^\d{8}$/.test(String(n))
    ? String(n)
    : Number.isSafeInteger(n) && n >= -(2 ** 31) && n < 2 ** 32
      ? (n >>> 0).toString(16).padStart(8, '0')
      : String(n);

/** `80094012`, `0X80094012` → `0x80094012`; a failure name (CERTSRV_E_TEMPLATE_DENIED) → its code; named codes stay. */
const normaliseCode = (raw: string | number): string => {
  const written = typeof raw === 'number' ? codeOfNumber(raw) : raw.trim();
  const digits = hexCode.exec(written)?.[1];
  if (digits) return codes.find((c) => c.toLowerCase() === `0x${digits}`.toLowerCase()) ?? `0x${digits.toUpperCase()}`;
  return Object.hasOwn(failures, written) ? failures[written as FailureName].code : written;
};

const aCode = `an AD CS error code such as 0x80094012, or one of pkilab's codes (${codes.filter((c) => !c.startsWith('0x')).join(', ')})`;
const rejectionCode = z
  .union([z.string(), z.number()])
  .meta({
    description: `${aCode}; 80094012 and 0X80094012 read as 0x80094012, a failure name (CERTSRV_E_TEMPLATE_DENIED) as its code.`,
    examples: codes,
  })
  .transform(normaliseCode)
  .pipe(nameAmong(codes, aCode, 'code'));

const stepsOfProcedure = (id: string | undefined) =>
  id === adminProcedure ? actionIdList : procedures.find((p) => p.id === id)?.steps.map((s) => s.id);

/** A rejected step; when the procedure is named, the step must be one of its steps. */
const rejection = z
  .strictObject({ procedure: z.union([procedureId, z.literal(adminProcedure)]).optional(), step: stepId, code: rejectionCode })
  .refine((r) => stepsOfProcedure(r.procedure)?.includes(r.step) ?? true, {
    path: ['step'],
    error: (issue) => {
      const r = issue.input as { procedure?: string; step?: string };
      const ids = stepsOfProcedure(r.procedure) ?? [];
      return expected(`a step of ${r.procedure} (${ids.join(', ')})`, { hint: didYouMean(r.step, ids), unknown: 'step' });
    },
  });

/**
 * The entities findings name: `template:<name without spaces>`, `ca:…`, `principal:…`, `host:…`, `certificate:<thumbprint>`,
 * `request:<id>`.
 */
const findingSubject = z
  .string()
  .regex(/^(template:\S+|ca:\S.*|principal:\S.*|host:\S.*|certificate:[0-9A-Fa-f]+|request:\d+|iis:\S.*|configmgr:site-system:\S.*)$/)
  .register(wording, {
    expected:
      'an entity such as template:ConfigMgrWebServerCertificate (template names without spaces), ca:…, principal:…, host:…, ' +
      'certificate:<thumbprint>, request:<id>, iis:<host>/<site> or configmgr:site-system:…',
  });

const findingRule = nameAmong(findingRules, 'a rule the findings report (ESC1…ESC17, CM-…, OP-…; see pkilab findings)', 'rule');
const finding = z.strictObject({ rule: findingRule, subject: findingSubject.optional() });

export const expectations = z.strictObject({
  certificates: z.array(certificate).optional(),
  bindings: z.array(binding).optional(),
  rejections: z.array(rejection).optional(),
  findings: z.array(finding).optional(),
  completed: z.array(procedureId).optional(),
  crls: z.array(crlExpectation).optional(),
  autoenrollment: z.array(autoenrollmentExpectation).optional(),
  requests: z.array(requestExpectation).optional(),
  stores: z.array(storeExpectation).optional(),
});
