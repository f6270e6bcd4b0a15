// Replay of a whole log through every projection, seeks on a timeline and its memory, each beside a
// hand-written mutable fold of the same events measured in the same run.
import type { World } from '../../domain/index.ts';
import { buildTimeline, fold } from '../../projections/index.ts';
import { computers, labLog, passes } from './lab-log.ts';
import { mutableFold } from './mutable-fold.ts';
import { figure, fmt, gc, header, ratios, repeat, spread, timed, type BenchContext, type BenchSection } from './measure.ts';

const heap = () => {
  gc();
  gc();
  // Packed indexes keep their positions outside the JS heap: count that memory too.
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

type Events = Awaited<ReturnType<typeof labLog>>;

/** A fold timed by the clock and by the process's CPU time (every thread, the collector's too), after a full collection. */
const timedFold = async (work: () => unknown): Promise<{ ms: number; cpu: number }> => {
  // Each fold starts clean: neither pays for collecting the garbage or the world of the one before.
  gc();
  gc();
  const before = process.cpuUsage();
  const [, ms] = await timed(work);
  const used = process.cpuUsage(before);
  return { ms, cpu: (used.user + used.system) / 1000 };
};

/** Replays the whole log through pkilab's fold and the mutable baseline fold, then with provenance built. */
const replayWhole = async (context: BenchContext, events: Events) => {
  // Warm both folds up on a slice that holds every event type (a computer's setup, then timer passes), untimed.
  const warm = events.slice(0, Math.min(events.length, 100_000));
  mutableFold(warm);
  mutableFold(warm, warm.length, { provenance: true });
  void Object.keys(fold(warm).provenance).length;
  const perSecond = (ms: number) => (events.length / ms) * 1000;
  const replays = await repeat(context.runs, async () => {
    const baseline = await timedFold(() => mutableFold(events));
    let world: World | undefined;
    const pkilab = await timedFold(() => (world = fold(events)));
    // Provenance is built when first read: what a findings run or `why` pays after the replay, measured apart.
    const [, provenance] = await timed(() => Object.keys(world!.provenance).length);
    world = undefined;
    const eager = await timedFold(() => mutableFold(events, events.length, { provenance: true }));
    return {
      pkilab: perSecond(pkilab.ms),
      baseline: perSecond(baseline.ms),
      pkilabCpu: perSecond(pkilab.cpu),
      baselineCpu: perSecond(baseline.cpu),
      withProvenance: perSecond(pkilab.ms + provenance),
      baselineWithProvenance: perSecond(eager.ms),
    };
  });
  const of = (key: keyof (typeof replays)[number]) => replays.map((r) => r[key]);
  const lines = [
    figure('pkilab fold of the whole log', of('pkilab'), 'events/s', { target: '≥ 1,000,000' }),
    figure('baseline mutable fold (same projections)', of('baseline'), 'events/s'),
    ratios('ratio pkilab / baseline', of('pkilab'), of('baseline')),
    figure('pkilab fold, per CPU second', of('pkilabCpu'), 'events/s'),
    figure('baseline mutable fold, per CPU second', of('baselineCpu'), 'events/s'),
    ratios('ratio pkilab / baseline, CPU time', of('pkilabCpu'), of('baselineCpu')),
    figure('pkilab fold, then its provenance read', of('withProvenance'), 'events/s'),
    figure('baseline fold building provenance', of('baselineWithProvenance'), 'events/s'),
    ratios('ratio with provenance', of('withProvenance'), of('baselineWithProvenance')),
  ];
  for (const line of lines) context.out(line);
};

/** One run of seeks: the timeline built whole, a seek to each position, refolds from the start, memory. */
const seekOnce = async (events: Events, positions: readonly number[]) => {
  const before = heap();
  // Every checkpoint folded and both indexes built (a timeline builds them as seeks need them).
  const [timeline, build] = await timed(() => {
    const built = buildTimeline(events);
    built.complete();
    void built.worldAt(events.length).provenance.lab;
    return built;
  });
  const timelineHeap = heap() - before;
  const times: number[] = [];
  // CPU time too: on a loaded machine a seek's wall time is mostly waiting for a core.
  const cpu: number[] = [];
  for (const p of positions) {
    const before = process.cpuUsage();
    times.push((await timed(() => timeline.worldAt(p)))[1]);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  const baseline: number[] = [];
  for (const p of positions.slice(0, 10)) baseline.push((await timed(() => mutableFold(events, p)))[1]);
  const worldBefore = heap();
  const world = fold(events);
  void Object.keys(world.provenance).length; // the final world with its provenance, as a fold used to keep it
  const worldHeap = heap() - worldBefore;
  void world;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const { median: p50, p99 } = spread(times);
  return {
    build,
    p50,
    p99,
    cpuP99: spread(cpu).p99,
    mean: mean(times),
    baseline: mean(baseline),
    checkpoints: timeline.checkpoints,
    memory: timelineHeap / worldHeap,
    worldMiB: worldHeap / 2 ** 20,
  };
};

type Seeks = ReadonlyArray<Awaited<ReturnType<typeof seekOnce>>>;

/** The seek figures, each a label, what it reads of a run, its unit and how it is printed. */
const seekFigures: ReadonlyArray<[string, (s: Seeks[number]) => number, string, { digits?: number; target?: string }]> = [
  ['timeline build (all checkpoints and indexes)', (s) => s.build, 'ms', {}],
  ['seek p50', (s) => s.p50, 'ms', { digits: 2 }],
  ['seek p99', (s) => s.p99, 'ms', { digits: 2, target: '< 10 ms' }],
  ['seek p99, CPU time', (s) => s.cpuP99, 'ms', { digits: 2 }],
  ['baseline mutable refold from the start (mean)', (s) => s.baseline, 'ms', { digits: 1 }],
];

/** The seek figures: build time, p50 and p99 beside refolding from the start, and memory beside the final world. */
const reportSeeks = (context: BenchContext, seeks: Seeks, count: number) => {
  context.out(`  (${count} seeks per run to spread positions; timeline of ${seeks[0]!.checkpoints} checkpoints)`);
  for (const [label, pick, unit, options] of seekFigures) context.out(figure(label, seeks.map(pick), unit, options));
  context.out(
    ratios(
      'ratio seek mean / baseline refold',
      seeks.map((s) => s.mean),
      seeks.map((s) => s.baseline),
    ),
  );
  context.out(
    figure(
      'final world',
      seeks.map((s) => s.worldMiB),
      'MiB',
      { digits: 1 },
    ),
  );
  context.out(
    figure(
      'checkpoint memory / final world',
      seeks.map((s) => s.memory),
      '×',
      { digits: 2, target: '≤ 2' },
    ),
  );
};

export const section: BenchSection = {
  name: 'replay',
  title: 'replay, seek and memory',
  order: 40,
  async run(context) {
    const [events, generation] = await timed(labLog);
    const lab = `${fmt(computers)} computers autoenrolling, ${passes} timer passes`;
    header(context, this.title, `${fmt(events.length)} events: ${lab}, generated in ${fmt(generation)} ms`);
    await replayWhole(context, events);
    const positions = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7_919_993) % events.length));
    const seeks = await repeat(context.runs, () => seekOnce(events, positions));
    reportSeeks(context, seeks, positions.length);
  },
};
