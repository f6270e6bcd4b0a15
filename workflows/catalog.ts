import type { ProcedureDefinition } from './procedure.ts';
import { iisWebServerCertificate } from './procedures/iis-web-server.ts';

/** The seed's procedures, in the seed's order. */
export const procedures: readonly ProcedureDefinition[] = [iisWebServerCertificate];

export const findProcedure = (id: string): ProcedureDefinition | undefined => procedures.find((p) => p.id === id);
