import { addMinutes, SimTime } from '../shared/time.ts';

// ─── Periods ───

export const periodUnits = ['hours', 'days', 'weeks', 'months', 'years'] as const;
type PeriodUnit = (typeof periodUnits)[number];

/** A period as the CA's registry holds it: `CRLPeriodUnits` (the count) and `CRLPeriod` (the unit). */
export interface CrlPeriod {
  readonly count: number;
  readonly unit: PeriodUnit;
}

const minutesPer: Readonly<Record<'hours' | 'days' | 'weeks', number>> = { hours: 60, days: 24 * 60, weeks: 7 * 24 * 60 };

/** `at` moved on by a period; months and years follow the calendar, as the CA's own arithmetic does. */
const addPeriod = (at: SimTime, period: CrlPeriod): SimTime => {
  if (period.unit === 'months' || period.unit === 'years') {
    const date = new Date(at);
    date.setUTCMonth(date.getUTCMonth() + period.count * (period.unit === 'years' ? 12 : 1));
    return SimTime(date.toISOString());
  }
  return addMinutes(at, period.count * minutesPer[period.unit]);
};

const minutesBetween = (from: SimTime, to: SimTime): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

// ─── The CA's CRL settings ───

/**
 * The CA's CRL publication settings (Revoked Certificates › Properties, and the Extensions tab). URLs keep
 * AD CS's variables (`<ServerDNSName>`, `<CaName>`, `<DeltaCRLAllowed>`…) until a certificate or CRL is made.
 */
export interface CrlSettings {
  /** Base CRL publication interval (CRLPeriodUnits / CRLPeriod). */
  readonly basePeriod: CrlPeriod;
  /** Delta CRL interval; null when "Publish Delta CRLs" is cleared (CRLDeltaPeriodUnits 0). */
  readonly deltaPeriod: CrlPeriod | null;
  /** CRLOverlapPeriod; absent, AD CS's default (see `overlapMinutes`). */
  readonly baseOverlap?: CrlPeriod;
  readonly deltaOverlap?: CrlPeriod;
  /** CRL Distribution Points written into issued certificates (and, for deltas, into the base CRL's Freshest CRL). */
  readonly cdp: readonly string[];
  /** Authority Information Access URLs written into issued certificates. */
  readonly aia: readonly string[];
}

const services = 'CN=Public Key Services,CN=Services,<ConfigurationContainer>';

/**
 * A 2008 enterprise CA as setup leaves it: a base CRL every week, a delta every day; the LDAP and HTTP
 * locations on the Extensions tab that go into certificates (the local CertEnroll path and the file:// entry
 * are publication targets only). Sources: the CA's Extensions tab defaults and `certutil -getreg CA\CRLPeriod*`;
 * from memory, medium-high (fidelity addendum §1).
 */
export const defaultCrlSettings: CrlSettings = {
  basePeriod: { count: 1, unit: 'weeks' },
  deltaPeriod: { count: 1, unit: 'days' },
  cdp: [
    `ldap:///CN=<CATruncatedName><CRLNameSuffix>,CN=<ServerShortName>,CN=CDP,${services}<CDPObjectClass>`,
    'http://<ServerDNSName>/CertEnroll/<CaName><CRLNameSuffix><DeltaCRLAllowed>.crl',
  ],
  aia: [
    `ldap:///CN=<CATruncatedName>,CN=AIA,${services}<CAObjectClass>`,
    'http://<ServerDNSName>/CertEnroll/<ServerDNSName>_<CaName><CertificateName>.crt',
  ],
};

/** AD CS's clock skew allowance (ClockSkewMinutes): a CRL's ThisUpdate is ten minutes before its publication. */
const crlClockSkewMinutes = 10;

/**
 * The overlap added to a CRL's validity. Left unset, AD CS takes 10% of the period, at least one hour
 * (fidelity addendum §1 and the PKI team's 2008 article "How EffectiveDate (thisupdate), NextUpdate and
 * NextCRLPublish are calculated"; the exact floor is from memory, medium-high).
 */
const overlapMinutes = (at: SimTime, period: CrlPeriod, overlap: CrlPeriod | undefined): number =>
  overlap ? minutesBetween(at, addPeriod(at, overlap)) : Math.max(60, Math.round(minutesBetween(at, addPeriod(at, period)) / 10));

/** The three dates of a CRL published at `at`: ThisUpdate, NextCRLPublish (the next scheduled one) and NextUpdate. */
interface CrlValidity {
  readonly thisUpdate: SimTime;
  readonly nextPublish: SimTime;
  readonly nextUpdate: SimTime;
}

/** ThisUpdate = now − clock skew; NextCRLPublish = now + period; NextUpdate = now + period + overlap. */
export const crlValidity = (at: SimTime, period: CrlPeriod, overlap: CrlPeriod | undefined): CrlValidity => {
  const nextPublish = addPeriod(at, period);
  return {
    thisUpdate: addMinutes(at, -crlClockSkewMinutes),
    nextPublish,
    nextUpdate: addMinutes(nextPublish, overlapMinutes(at, period, overlap)),
  };
};
