// The large lab the replay, seek and memory figures use (their baseline, a hand-written mutable fold: mutable-fold.ts).
import {
  HostName,
  KeyRef,
  Thumbprint,
  SimTime,
  addMinutes,
  contoso,
  testNetwork,
  type LabEvent,
  type RecordedEvent,
} from '../../domain/index.ts';

export const computers = Number(process.env.BENCH_COMPUTERS ?? 10_000);
export const passes = Number(process.env.BENCH_PASSES ?? 95);

/** A lab where `computers` computers join, boot, autoenroll one certificate, then run `passes` 8-hour timers (1M events by default). */
/** The name of generated computer `i`: PC00000, PC00001… */
const pcName = (i: number) => HostName(`PC${String(i).padStart(5, '0')}`);

export const generateLabLog = (): RecordedEvent[] => {
  const start = SimTime('2026-01-05T08:00:00.000Z');
  const out: RecordedEvent[] = [];
  const push = (event: LabEvent, at: string) => out.push({ ...event, position: out.length + 1, at } as RecordedEvent);
  const material = { keyRef: KeyRef('ca'), certificate: 'MIIB', thumbprint: Thumbprint('CA'), serialTickBase: 0x15fba3bb };
  for (const e of testNetwork(start, { edition: 'enterprise', os: 'windows-server-2008' }, material)) push(e, start);
  const der = 'MII'.padEnd(1600, 'A');
  const tokenGroups = ['Authenticated Users', 'Domain Computers', 'Everyone'];
  const clientAuth = ['1.3.6.1.5.5.7.3.2'];
  for (let i = 0; i < computers; i += 1) {
    const name = pcName(i);
    const at = addMinutes(start, 60 + Math.floor(i / 100));
    const thumbprint = Thumbprint(i.toString(16).toUpperCase().padStart(40, '0'));
    const fqdn = `${name.toLowerCase()}.contoso.com`;
    const sid = `${contoso.sid}-${2000 + i}`;
    const principal = { name, sid, kind: 'computer', builtin: false, dnsHostName: fqdn, primaryGroup: 'Domain Computers' } as const;
    push({ type: 'PrincipalCreated', data: { principal } }, at);
    push({ type: 'HostProvisioned', data: { host: { name, fqdn, os: 'Windows 7', roles: [], lastBoot: at }, iisSites: [] } }, at);
    push({ type: 'ComputerRestarted', data: { computer: name, tokenGroups } }, at);
    push(
      {
        type: 'CertificateIssued',
        data: {
          certificate: {
            requestId: i + 1,
            serialNumber: `61${i.toString(16).padStart(8, '0')}`,
            thumbprint,
            ca: contoso.caName,
            template: 'Workstation',
            templateSchemaVersion: 2,
            requester: name,
            subject: '',
            dnsNames: [fqdn],
            upns: [],
            ekus: clientAuth,
            applicationPolicies: clientAuth,
            notBefore: at,
            notAfter: addMinutes(at, 525_600),
            keyRef: KeyRef(`req-${i + 1}`),
            keySize: 2048,
            keyProvider: 'csp',
            exportableKey: false,
            der,
          },
        },
      },
      at,
    );
    const keyRef = KeyRef(`req-${i + 1}`);
    const installed = { host: name, store: 'personal', thumbprint, template: 'Workstation', keyRef, exportableKey: false } as const;
    push({ type: 'CertificateInstalled', data: installed }, at);
  }
  for (let pass = 1; pass <= passes; pass += 1) {
    const at = addMinutes(start, 60 + pass * 480);
    for (let i = 0; i < computers; i += 1) {
      push({ type: 'AutoenrollmentRan', data: { computer: pcName(i), trigger: 'timer', failures: [] } }, at);
    }
  }
  return out;
};

let cached: RecordedEvent[] | undefined;
/**
 * The lab log, generated once per bench process and passed through JSON as every store hands events back (JSONL and
 * PostgreSQL parse them, the memory store clones them), so both folds read objects shaped as a replay reads them.
 */
export const labLog = (): RecordedEvent[] => (cached ??= JSON.parse(JSON.stringify(generateLabLog())) as RecordedEvent[]);
