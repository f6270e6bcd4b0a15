import type { SimTime } from '../domain/index.ts';
import { contoso } from '../domain/index.ts';
import { procedures } from './catalog.ts';
import type { Scenario } from './scenario.ts';

/** The whole seed document in one lab: every procedure, in the seed's order, with the seed's choices. */
export const seedDeployment = (startsAt?: SimTime): Scenario => ({
  file: '(built in: every procedure of the seed)',
  name: 'seed-deployment',
  title: 'The whole seed deployment in one lab',
  lab: { ...(startsAt ? { startsAt } : {}), ca: { edition: 'enterprise', os: 'windows-server-2008' } },
  procedures: procedures.map((p) => ({ procedure: p.id, steps: {} })),
  expect: {
    certificates: [
      {
        host: contoso.siteServer,
        template: 'ConfigMgr Web Server Certificate',
        dnsNames: [contoso.intranetFqdn, contoso.internetFqdn],
        ekus: ['Server Authentication'],
      },
      {
        host: contoso.siteServer,
        template: 'ConfigMgr Cloud-Based Distribution Point Certificate',
        subject: `CN=${contoso.cloudDpServiceFqdn}`,
      },
      { host: contoso.client, template: 'ConfigMgr Client Certificate', ekus: ['Client Authentication'] },
      { host: contoso.siteServer, template: 'ConfigMgr Client Certificate', ekus: ['Client Authentication'] },
      { host: contoso.siteServer, template: 'ConfigMgr Client Distribution Point Certificate', ekus: ['Client Authentication'] },
      { host: contoso.siteServer, template: 'ConfigMgr AMT Provisioning', ekus: ['Server Authentication', 'AMT Provisioning'] },
      { host: 'ADELEV-PHONE', template: 'ConfigMgr Mobile Device Enrollment Certificate', ekus: ['Client Authentication'] },
      { host: 'MEGANB-MAC', template: 'ConfigMgr Mac Client Certificate', dnsNames: [] },
    ],
    bindings: [{ host: contoso.siteServer, site: contoso.defaultWebSite, template: 'ConfigMgr Web Server Certificate' }],
    rejections: [],
    findings: [],
    completed: procedures.map((p) => p.id),
  },
});
