import { z } from 'zod';
import {
  defaultCrlSettings,
  periodUnits,
  unknownUrlVariables,
  urlVariables,
  type CrlPeriod,
  type CrlSettings,
} from '../../domain/index.ts';
import { wording } from '../../workflows/index.ts';

const periodText = /^\s*(\d{1,4})\s*(hour|day|week|month|year)s?\s*$/i;

/** `1 week`, `26 hours`: a count and a unit, as Revoked Certificates › Properties shows them. */
const period = z
  .string()
  .regex(periodText)
  .transform((text): CrlPeriod => {
    const [, count, unit] = periodText.exec(text)!;
    return { count: Number(count), unit: `${unit!.toLowerCase()}s` as CrlPeriod['unit'] };
  })
  .refine((p) => p.count > 0 && periodUnits.includes(p.unit), { error: 'expected a period longer than zero' })
  .register(wording, { expected: 'a period such as "1 week", "1 day" or "12 hours" (hours, days, weeks, months, years)' });

/** "none" (or a zero period) clears "Publish Delta CRLs". */
const deltaPeriod = z
  .union([
    z.literal('none'),
    z
      .string()
      .regex(/^\s*0+\s*(hour|day|week|month|year)s?\s*$/i)
      .transform(() => 'none' as const),
    period,
  ])
  .transform((p) => (p === 'none' ? null : p))
  .register(wording, { expected: 'a period such as "1 day", or "none" when delta CRLs are not published' });

const url = z
  .string()
  .min(1)
  .refine((u) => unknownUrlVariables(u).length === 0, {
    error: (issue) =>
      `expected AD CS's URL variables only (${urlVariables.map((v) => `<${v}>`).join(', ')}); ` +
      `found <${unknownUrlVariables(String(issue.input)).join('>, <')}>`,
  })
  .register(wording, { expected: 'a URL such as http://<ServerDNSName>/CertEnroll/<CaName><CRLNameSuffix><DeltaCRLAllowed>.crl' });

/** lab.ca.crl: the CA's CRL periods and the CDP / AIA URLs its certificates carry; anything left out keeps setup's default. */
export const crlFields = z
  .strictObject({
    basePeriod: period.optional().describe('CRL publication interval (default 1 week)'),
    deltaPeriod: deltaPeriod.optional().describe('delta CRL publication interval (default 1 day; "none" to publish no deltas)'),
    baseOverlap: period.optional().describe("overlap added to the base CRL's validity (default 10% of the period, at least 1 hour)"),
    deltaOverlap: period.optional().describe("overlap added to the delta CRL's validity (same default)"),
    cdp: z.array(url).optional().describe('CRL Distribution Points written into issued certificates (replaces the LDAP + HTTP defaults)'),
    aia: z.array(url).optional().describe('Authority Information Access URLs written into issued certificates'),
  })
  .register(wording, { expected: 'a mapping with basePeriod, deltaPeriod, baseOverlap, deltaOverlap, cdp or aia' });

/** The CA's CRL settings a scenario's lab.ca.crl describes, over setup's defaults. */
export const crlSetupOf = (value: z.output<typeof crlFields>): CrlSettings => ({
  basePeriod: value.basePeriod ?? defaultCrlSettings.basePeriod,
  deltaPeriod: value.deltaPeriod === undefined ? defaultCrlSettings.deltaPeriod : value.deltaPeriod,
  ...(value.baseOverlap ? { baseOverlap: value.baseOverlap } : {}),
  ...(value.deltaOverlap ? { deltaOverlap: value.deltaOverlap } : {}),
  cdp: value.cdp ?? defaultCrlSettings.cdp,
  aia: value.aia ?? defaultCrlSettings.aia,
});

/** expect.crls: what a client would find of the CA's revocation information at the end of the run. */
export const crlExpectation = z
  .strictObject({
    ca: z.string().min(1).optional(),
    state: z
      .enum(['current', 'expired', 'never-published'])
      .optional()
      .describe('what a client finds: current, expired, or never published'),
    baseCrls: z.int().min(0).optional().describe('how many base CRLs the CA published in the whole run (the first one at installation)'),
    deltaCrls: z.int().min(0).optional().describe('how many delta CRLs it published'),
    lists: z.array(z.int().min(1)).optional().describe('the Request IDs its current base and delta CRLs list as revoked'),
  })
  .register(wording, { expected: 'a mapping with state, baseCrls, deltaCrls, lists or ca' });
