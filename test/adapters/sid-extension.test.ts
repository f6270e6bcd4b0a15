import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateFindings, type CaSettings, type World } from '../../domain/index.ts';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';
import { createLab, runScenario, type Scenario } from '../../workflows/index.ts';
import { pooledPorts } from '../support/ports.ts';
import { startsAt } from '../support/world.ts';

const sid = suite('SID security extension (KB5014754) and ESC16, on real certificates');
const sidOid = '1.3.6.1.4.1.311.25.2';

/** The seed's Windows client procedure (autoenrollment of a computer template built from AD) on a CA with these settings. */
const clientCertificates = async (settings: Partial<CaSettings>, sidUpdate?: boolean) => {
  const ports = await pooledPorts();
  const setup = {
    startsAt,
    ca: { edition: 'enterprise', os: 'windows-server-2008', settings, ...(sidUpdate === undefined ? {} : { sidUpdate }) },
  } as const;
  const lab = await createLab(ports, 'lab', { ...setup, identity: drawCaIdentity() });
  const scenario: Scenario = {
    file: 'sid-extension.test.ts',
    name: 'sid-extension',
    title: 'Windows client certificates',
    lab: setup,
    procedures: [{ procedure: 'windows-client-certificate', steps: {} }],
    expect: { certificates: [], bindings: [], rejections: [], findings: [], completed: [] },
  };
  const { world } = (await runScenario(ports, lab, scenario)).lab;
  const issued = Object.values(world.ca.issued).map((c) => ({
    requester: c.requester,
    certificate: new x509.X509Certificate(Buffer.from(c.der, 'base64')),
  }));
  assert.ok(issued.length >= 2, `expected CLIENT1 and SERVER1 to autoenroll, found ${issued.length} certificate(s)`);
  return { world, issued };
};
const esc16 = (world: World) =>
  evaluateFindings(world)
    .filter((f) => f.rule === 'ESC16')
    .map((f) => f.subject);

const defaults = await clientCertificates({});
const disabled = await clientCertificates({ disabledExtensions: [sidOid] });
const beforeUpdate = await clientCertificates({}, false);

sid("under default CA settings every certificate carries the requester's SID, and ESC16 is not reported", () => {
  for (const { requester, certificate } of defaults.issued) {
    const extension = certificate.getExtension(sidOid);
    assert.ok(extension, `${requester}'s certificate lacks ${sidOid}`);
    assert.not.ok(extension!.critical);
    const requesterSid = defaults.world.directory.principals[requester]!.sid;
    assert.ok(
      Buffer.from(extension!.value).toString('latin1').includes(requesterSid),
      `${requester}'s SID ${requesterSid} is not in the extension`,
    );
  }
  assert.equal(esc16(defaults.world), []);
});

sid('a CA whose DisableExtensionList names the SID extension issues certificates without it, and ESC16 is reported', () => {
  for (const { requester, certificate } of disabled.issued) {
    assert.is(certificate.getExtension(sidOid), null, `${requester}'s certificate still carries ${sidOid}`);
    assert.ok(certificate.getExtension('2.5.29.37'), 'the other extensions are still written');
  }
  assert.equal(esc16(disabled.world), ['ca:contoso-CA1-CA']);
});

sid('a CA without the May 2022 update (sidUpdate: false) writes no SID extension, whatever its DisableExtensionList', () => {
  for (const { requester, certificate } of beforeUpdate.issued) {
    assert.is(certificate.getExtension(sidOid), null, `${requester}'s certificate carries ${sidOid} from a CA without KB5014754`);
  }
  assert.equal(esc16(beforeUpdate.world), [], 'ESC16 is about a CA that has the update and disables the extension');
});

sid.run();
