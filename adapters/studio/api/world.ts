/** The world at a position as the studio shows it, and one certificate's details (see ../api.ts). */
export interface CertSummary {
  thumbprint: string;
  serial: string;
  subject: string;
  sans: string[];
  ekus: string[];
  template: string | null;
  notBefore: string;
  notAfter: string;
  requester: string | null;
  entity: string;
}
export interface WorldView {
  directory: {
    users: Array<{ name: string; groups: string[]; entity: string }>;
    computers: Array<{ name: string; dns: string; groups: string[]; tokenGroups: string[]; lastRestart: string | null; entity: string }>;
    groups: Array<{ name: string; members: string[]; entity: string }>;
  };
  templates: Array<{
    name: string;
    displayName: string;
    schemaVersion: number;
    entity: string;
    tabs: { general: unknown; requestHandling: unknown; subjectName: unknown; extensions: unknown; security: unknown; issuance: unknown };
  }>;
  ca: {
    name: string;
    running: boolean;
    templatesToIssue: string[];
    entity: string;
    pending: Array<{ requestId: number; requester: string; template: string | null; subject: string }>;
    issued: CertSummary[];
    revoked: Array<{ serial: string; reason: string; at: string }>;
    crls: Array<{ number: number; thisUpdate: string; nextUpdate: string; published: boolean }>;
  } | null;
  stores: Array<{ host: string; store: string; entity: string; certs: CertSummary[] }>;
  iis: Array<{ host: string; site: string; binding: string; thumbprint: string | null; subject: string | null; entity: string }>;
  gpo: Record<string, unknown>;
  configmgr: Record<string, unknown>;
}
export interface WorldAnswer {
  position: number;
  at: string;
  world: WorldView;
}
/** The answer to `world?sections=…`: only the sections asked for. */
export interface WorldSectionsAnswer {
  position: number;
  at: string;
  world: Partial<WorldView>;
}

export interface CertificateAnswer {
  thumbprint: string;
  serial: string;
  subject: string;
  issuer: string;
  sans: string[];
  ekus: string[];
  extensions: Array<{ oid: string; name: string; critical: boolean; text: string }>;
  notBefore: string;
  notAfter: string;
  signatureAlgorithm: string;
  pem: string;
}
