import type { ProcedureDefinition } from './kit/procedure.ts';
import { amt8021xClientCertificate, amtProvisioningCertificate, amtWebServerCertificate } from './procedures/amt.ts';
import { cloudDpServiceCertificate } from './procedures/cloud-dp.ts';
import { dpClientCertificate } from './procedures/dp-client.ts';
import { iisWebServerCertificate } from './procedures/iis-web-server.ts';
import { macClientCertificate } from './procedures/mac.ts';
import { mobileEnrollmentCertificate } from './procedures/mobile.ts';
import { windowsClientCertificate } from './procedures/windows-client.ts';

/** The seed's procedures, in the seed's order. */
export const procedures: readonly ProcedureDefinition[] = [
  iisWebServerCertificate,
  cloudDpServiceCertificate,
  windowsClientCertificate,
  dpClientCertificate,
  mobileEnrollmentCertificate,
  amtProvisioningCertificate,
  amtWebServerCertificate,
  amt8021xClientCertificate,
  macClientCertificate,
];

export const findProcedure = (id: string): ProcedureDefinition | undefined => procedures.find((p) => p.id === id);
