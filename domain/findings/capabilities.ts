import type { Template } from '../ca/template.ts';
import { oid } from '../shared/oids.ts';

const anyPurpose = '2.5.29.37.0';
const clientAuthentication = [oid.clientAuth, '1.3.6.1.4.1.311.20.2.2', '1.3.6.1.5.2.3.4'];
const requestAgent = '1.3.6.1.4.1.311.20.2.1';

/** The usages a certificate from the template would have (application policies override the EKU on v2+). */
const usages = (t: Template): readonly string[] =>
  t.schemaVersion >= 2 && t.applicationPolicies.length > 0 ? t.applicationPolicies : t.ekus;

/** Certipy's derived booleans (find.py `_determine_template_capabilities`). */
export const capabilities = (t: Template) => {
  const u = usages(t);
  const any = u.length === 0 || u.includes(anyPurpose);
  return {
    anyPurpose: any,
    clientAuthentication: any || u.some((x) => clientAuthentication.includes(x)),
    serverAuthentication: any || u.includes(oid.serverAuth),
    enrollmentAgent: any || u.includes(requestAgent),
    enrolleeSuppliesSubject: t.subjectName.source === 'supply-in-request',
    requiresManagerApproval: t.managerApproval,
    noSecurityExtension: t.noSecurityExtension === true,
  };
};
