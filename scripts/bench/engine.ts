// The engine alone: autoenrollment of N generated computers (`lab: generated:`) with keys and signing stubbed, so
// what is timed is deciding and folding. Linear is the target: the time per computer must not grow with N.
import { createHash } from 'node:crypto';
import { memoryEventStore } from '../../adapters/eventstore/memory.ts';
import { memorySecretStore } from '../../adapters/secrets/memory.ts';
import { parseScenario } from '../../adapters/scenario/load.ts';
import { createLab, runScenario, type LabPorts } from '../../workflows/index.ts';
import { figure, fmt, gc, header, repeat, timed, type BenchSection } from './measure.ts';

const sizes = (process.env.BENCH_ENGINE_COMPUTERS ?? '1000,2000').split(',').map(Number);

/** Ports whose keys and signatures cost nothing: a fixed public key, a thumbprint drawn from a counter. */
export const stubPorts = (): LabPorts => {
  let n = 0;
  const stub = async () => {
    n += 1;
    return { der: 'MII'.padEnd(1600, 'A'), thumbprint: createHash('sha1').update(String(n)).digest('hex').toUpperCase() };
  };
  const keys = {
    generate: async () => 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
    privateKey: async () => {
      throw new Error('stubbed keys have no private half');
    },
    put: async () => undefined,
    has: async () => true,
  };
  const pfx = {
    read: async () => {
      throw new Error('no PFX in the engine bench');
    },
    write: async () => undefined,
  };
  const signer = { sign: stub, signCrl: stub };
  return { events: memoryEventStore(), keys, secrets: memorySecretStore(), signer, pfx } as unknown as LabPorts;
};

/**
 * The scenario as YAML: N computers in Domain Computers, the seed's client-certificate procedure, then one 8-hour
 * timer pass in which every computer autoenrolls. The lab section runs the same text through `pkilab run`.
 */
export const largeLabYaml = (computers: number, name = 'engine-bench') =>
  [
    `scenario: ${name}`,
    `lab: { startsAt: 2026-11-02T09:00:00Z, generated: { computers: ${computers} } }`,
    'procedures:',
    '  - procedure: windows-client-certificate',
    '    steps: { restart-client: skip, restart-management-point: skip, verify-client: skip, verify-management-point: skip }',
    'actions:',
    '  - { action: advance-time, hours: 8 }',
  ].join('\n');

export const largeLab = (computers: number) => parseScenario('engine.yaml', largeLabYaml(computers));

/** One run: the lab created, then the scenario; how many certificates it issued. */
export const runLarge = async (computers: number): Promise<{ ms: number; issued: number }> => {
  const ports = stubPorts();
  const scenario = largeLab(computers);
  const [run, ms] = await timed(async () => {
    const identity = { caSerial: '1A', serialTickBase: 1 };
    const lab = await createLab(ports, 'bench', { startsAt: scenario.lab.startsAt!, ca: scenario.lab.ca, identity });
    return runScenario(ports, lab, scenario);
  });
  return { ms, issued: Object.keys(run.lab.world.ca.issued).length };
};

export const section: BenchSection = {
  name: 'engine',
  title: 'engine: autoenrollment of generated computers, keys and signing stubbed',
  order: 25,
  async run(context) {
    header(context, this.title, `sizes ${sizes.map((s) => fmt(s)).join(', ')} (BENCH_ENGINE_COMPUTERS)`);
    const perComputer: number[][] = [];
    for (const size of sizes) {
      const runs = await repeat(context.runs, async () => {
        gc();
        return runLarge(size);
      });
      perComputer.push(runs.map((r) => r.ms / size));
      const label = `${fmt(size)} computers (${fmt(runs[0]!.issued)} certificates)`;
      context.out(
        figure(
          label,
          runs.map((r) => r.ms / 1000),
          's',
          { digits: 2 },
        ),
      );
    }
    const first = perComputer[0]!;
    const last = perComputer.at(-1)!;
    context.out(
      figure(
        `time per computer at ${fmt(sizes.at(-1)!)} ÷ at ${fmt(sizes[0]!)}`,
        last.map((l, i) => l / first[i]!),
        '×',
        { digits: 2, target: '≈ 1 (linear)' },
      ),
    );
  },
};
