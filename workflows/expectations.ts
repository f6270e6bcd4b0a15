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

/** Checks a scenario's expectations against the final world. Pure. Unexpected rejections fail too. */
export const checkExpectations = (world: World, expect: Expectations): ExpectationResult[] => {
  const results: ExpectationResult[] = [];
  for (const e of expect.certificates) {
    const storeLabel = e.store === 'amt-firmware' ? 'AMT firmware' : 'Personal';
    const name = `certificate from "${e.template}" ${e.present === false ? 'absent from' : 'in'} ${e.host}\\${storeLabel}`;
    const issued = certificateOf(world, e.host, e.template, e.store);
    if (e.present === false) {
      results.push({ name, ok: !issued, detail: issued ? `found ${issued.thumbprint}` : 'none found' });
      continue;
    }
    if (!issued) {
      results.push({
        name,
        ok: false,
        detail: `${e.host}'s ${storeLabel} store holds ${world.hosts.stores[e.host]?.[e.store ?? 'personal']?.length ?? 0} certificates, none from that template`,
      });
      continue;
    }
    const problems: string[] = [];
    if (e.dnsNames && !sameSet(e.dnsNames, issued.dnsNames))
      problems.push(`DNS names: expected ${e.dnsNames.join(', ')}, found ${issued.dnsNames.join(', ') || 'none'}`);
    if (e.upns && !sameSet(e.upns, issued.upns))
      problems.push(`UPNs: expected ${e.upns.join(', ') || 'none'}, found ${issued.upns.join(', ') || 'none'}`);
    const ekus = issued.ekus.map(ekuName);
    if (e.ekus && !e.ekus.every((x) => ekus.includes(x) || issued.ekus.includes(x)))
      problems.push(`EKUs: expected ${e.ekus.join(', ')}, found ${ekus.join(', ')}`);
    if (e.subject !== undefined && e.subject !== issued.subject)
      problems.push(`subject: expected "${e.subject}", found "${issued.subject}"`);
    results.push({ name, ok: problems.length === 0, detail: problems.join('; ') || issued.thumbprint });
  }
  for (const e of expect.bindings) {
    const name = `https binding of ${e.host}/${e.site}${e.template ? ` presents the "${e.template}" certificate` : ' has a certificate'}`;
    const bound = world.hosts.iis[e.host]?.[e.site]?.bindings.find((b) => b.protocol === 'https')?.thumbprint;
    const wanted = e.template ? selectCertificate(world, HostName(e.host), { template: e.template })?.thumbprint : bound;
    results.push({
      name,
      ok: Boolean(bound) && bound === wanted,
      detail: `bound ${bound ?? 'nothing'}${e.template ? `, template certificate ${wanted ?? 'none'}` : ''}`,
    });
  }
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
  results.push(...checkCrlExpectations(world, expect.crls ?? []));
  results.push(...checkAdminExpectations(world, expect));
  for (const procedure of expect.completed) {
    results.push({
      name: `procedure ${procedure} completed`,
      ok: world.procedures[procedure]?.completed === true,
      detail: `steps done: ${world.procedures[procedure]?.inputs.map((input) => input.step).join(', ') ?? 'not started'}`,
    });
  }
  return results;
};
