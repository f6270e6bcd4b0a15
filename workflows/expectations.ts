import { HostName, ekuName, evaluateFindings, selectCertificate, type StoreName, type World } from '../domain/index.ts';
import { checkCrlExpectations } from './crl-expectations.ts';
import { checkAdminExpectations } from './admin-expectations.ts';
import type { Expectations } from './scenario.ts';

export interface ExpectationResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));

const certificateOf = (world: World, host: string, template: string, store: StoreName = 'personal') => {
  const stored = selectCertificate(world, HostName(host), { template }, store);
  return stored ? Object.values(world.ca.issued).find((c) => c.thumbprint === stored.thumbprint) : undefined;
};

type CertificateExpectation = Expectations['certificates'][number];
type IssuedCertificate = NonNullable<ReturnType<typeof certificateOf>>;

/** Each way an issued certificate differs from what is expected of it (names, UPNs, EKUs, subject), in words. */
const certificateProblems = (e: CertificateExpectation, issued: IssuedCertificate): string[] => {
  const problems: string[] = [];
  if (e.dnsNames && !sameSet(e.dnsNames, issued.dnsNames))
    problems.push(`DNS names: expected ${e.dnsNames.join(', ')}, found ${issued.dnsNames.join(', ') || 'none'}`);
  if (e.upns && !sameSet(e.upns, issued.upns))
    problems.push(`UPNs: expected ${e.upns.join(', ') || 'none'}, found ${issued.upns.join(', ') || 'none'}`);
  const ekus = issued.ekus.map(ekuName);
  if (e.ekus && !e.ekus.every((x) => ekus.includes(x) || issued.ekus.includes(x)))
    problems.push(`EKUs: expected ${e.ekus.join(', ')}, found ${ekus.join(', ')}`);
  if (e.subject !== undefined && e.subject !== issued.subject) problems.push(`subject: expected "${e.subject}", found "${issued.subject}"`);
  return problems;
};

/** A certificate expected in (or absent from) a host's store. */
const checkCertificate = (world: World, e: CertificateExpectation): ExpectationResult => {
  const storeLabel = e.store === 'amt-firmware' ? 'AMT firmware' : 'Personal';
  const name = `certificate from "${e.template}" ${e.present === false ? 'absent from' : 'in'} ${e.host}\\${storeLabel}`;
  const issued = certificateOf(world, e.host, e.template, e.store);
  if (e.present === false) return { name, ok: !issued, detail: issued ? `found ${issued.thumbprint}` : 'none found' };
  if (!issued) {
    const held = world.hosts.stores[e.host]?.[e.store ?? 'personal']?.length ?? 0;
    return { name, ok: false, detail: `${e.host}'s ${storeLabel} store holds ${held} certificates, none from that template` };
  }
  const problems = certificateProblems(e, issued);
  return { name, ok: problems.length === 0, detail: problems.join('; ') || issued.thumbprint };
};

/** An https binding expected on a site, presenting a given template's certificate or any. */
const checkBinding = (world: World, e: Expectations['bindings'][number]): ExpectationResult => {
  const name = `https binding of ${e.host}/${e.site}${e.template ? ` presents the "${e.template}" certificate` : ' has a certificate'}`;
  const bound = world.hosts.iis[e.host]?.[e.site]?.bindings.find((b) => b.protocol === 'https')?.thumbprint;
  const wanted = e.template ? selectCertificate(world, HostName(e.host), { template: e.template })?.thumbprint : bound;
  return {
    name,
    ok: Boolean(bound) && bound === wanted,
    detail: `bound ${bound ?? 'nothing'}${e.template ? `, template certificate ${wanted ?? 'none'}` : ''}`,
  };
};

/** Each expected rejection, then every rejection no expectation matched (each a failure). */
const checkRejections = (world: World, expect: Expectations): ExpectationResult[] => {
  const results: ExpectationResult[] = [];
  const matched = new Set<number>();
  for (const e of expect.rejections) {
    const found = world.rejections.find(
      (r) => r.step === e.step && r.rejection.code.toLowerCase() === e.code.toLowerCase() && (!e.procedure || r.procedure === e.procedure),
    );
    if (found) matched.add(found.position);
    results.push({
      name: `step ${e.step} rejected with ${e.code}`,
      ok: Boolean(found),
      detail: found
        ? found.rejection.reason
        : `rejections: ${world.rejections.map((r) => `${r.step} ${r.rejection.code}`).join(', ') || 'none'}`,
    });
  }
  for (const r of world.rejections.filter((r) => !matched.has(r.position))) {
    results.push({
      name: `no unexpected rejection (${r.procedure} › ${r.step})`,
      ok: false,
      detail: `${r.rejection.code} ${r.rejection.name}: ${r.rejection.reason}`,
    });
  }
  return results;
};

/** Each expected finding, then every warning or worse that no expectation named (each a failure). */
const checkFindings = (world: World, expect: Expectations): ExpectationResult[] => {
  const results: ExpectationResult[] = [];
  const findings = evaluateFindings(world);
  const expected = new Set<string>();
  for (const e of expect.findings) {
    const found = findings.filter((f) => f.rule === e.rule && (!e.subject || f.subject === e.subject));
    found.forEach((f) => expected.add(f.id));
    results.push({
      name: `finding ${e.rule}${e.subject ? ` on ${e.subject}` : ''}`,
      ok: found.length > 0,
      detail: found[0]?.message ?? `findings: ${findings.map((f) => f.id).join(', ') || 'none'}`,
    });
  }
  for (const f of findings.filter((f) => f.severity !== 'info' && !expected.has(f.id))) {
    results.push({ name: `no unexpected finding (${f.id}, ${f.severity})`, ok: false, detail: f.message });
  }
  return results;
};

/** A procedure expected to have completed; the detail lists the steps it did. */
const checkCompleted = (world: World, procedure: string): ExpectationResult => ({
  name: `procedure ${procedure} completed`,
  ok: world.procedures[procedure]?.completed === true,
  detail: `steps done: ${world.procedures[procedure]?.inputs.map((input) => input.step).join(', ') ?? 'not started'}`,
});

/** Checks a scenario's expectations against the final world. Pure. Unexpected rejections fail too. */
export const checkExpectations = (world: World, expect: Expectations): ExpectationResult[] => [
  ...expect.certificates.map((e) => checkCertificate(world, e)),
  ...expect.bindings.map((e) => checkBinding(world, e)),
  ...checkRejections(world, expect),
  ...checkFindings(world, expect),
  ...checkCrlExpectations(world, expect.crls ?? []),
  ...checkAdminExpectations(world, expect),
  ...expect.completed.map((procedure) => checkCompleted(world, procedure)),
];
