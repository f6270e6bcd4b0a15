import type { SimTime } from '../shared/time.ts';

type PrincipalKind = 'user' | 'computer' | 'group' | 'well-known';

/** A security principal of the simulated forest, named by its sAMAccountName (without the $ of computers). */
export interface Principal {
  readonly name: string;
  readonly sid: string;
  readonly kind: PrincipalKind;
  readonly builtin: boolean;
  /** dNSHostName of a computer account; absent means the CA cannot build a DNS subject for it. */
  readonly dnsHostName?: string;
  readonly userPrincipalName?: string;
  /** The mail attribute (a template that builds an e-mail subject needs it). */
  readonly mail?: string;
  /** The organizational unit the account sits in, e.g. OU=Workstations (left out: the default container). */
  readonly ou?: string;
  /** The primary group every account of this kind belongs to without being listed (Domain Computers, Domain Users). */
  readonly primaryGroup?: string;
}

/** The Kerberos token a computer or user presents: its groups as of its last restart or logon. */
interface Token {
  readonly groups: readonly string[];
  readonly issuedAt: SimTime;
}

/** Certificate Services Client – Auto-Enrollment, under Computer Configuration › Public Key Policies. */
export interface AutoenrollmentPolicy {
  readonly configurationModel: 'enabled' | 'disabled' | 'not-configured';
  /** "Renew expired certificates, update pending certificates, and remove revoked certificates". */
  readonly renewExpired: boolean;
  /** "Update certificates that use certificate templates". */
  readonly updateTemplates: boolean;
}

/** A Group Policy object and where it is linked (the domain, or nowhere). */
interface Gpo {
  readonly name: string;
  readonly linkedTo: string | null;
  readonly autoenrollment: AutoenrollmentPolicy;
}

export interface DirectoryState {
  readonly domain: { readonly dnsName: string; readonly netbiosName: string; readonly sid: string };
  readonly principals: Readonly<Record<string, Principal>>;
  /** Explicit members of each group, by principal name. */
  readonly members: Readonly<Record<string, readonly string[]>>;
  readonly tokens: Readonly<Record<string, Token>>;
  readonly gpos: Readonly<Record<string, Gpo>>;
}

export const emptyDirectory: DirectoryState = {
  domain: { dnsName: '', netbiosName: '', sid: '' },
  principals: {},
  members: {},
  tokens: {},
  gpos: {},
};
