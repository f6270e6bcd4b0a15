// Replay of a whole log through every projection, seeks on a timeline and its memory, each beside a
// hand-written mutable fold of the same events measured in the same run.
import { buildTimeline, fold } from '../../projections/index.ts';
import { computers, labLog, mutableFold, passes } from './lab-log.ts';
import { figure, fmt, gc, header, ratios, repeat, spread, timed, type BenchContext, type BenchSection } from './measure.ts';

const heap = () => {
  gc();
  gc();
  // Packed indexes keep their positions outside the JS heap: count that memory too.
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

type Events = Awaited<ReturnType<typeof labLog>>;

/** Replays the whole log through pkilab's fold and the mutable baseline fold, then its provenance read. */
const replayWhole = async (context: BenchContext, events: Events) => {
  // Warm both folds up on a slice first, so neither figure includes the JIT's first passes.
  mutableFold(events, Math.min(50_000, events.length));
  fold(events.slice(0, 50_000));
  const perSecond = (ms: number) => (events.length / ms) * 1000;
  const replays = await repeat(context.runs, async () => {
    const [, baseline] = await timed(() => mutableFold(events));
    const [world, pkilab] = await timed(() => fold(events));
    // Provenance is built when first read: what a findings run or `why` pays after the replay, measured apart.
    const [, provenance] = await timed(() => Object.keys(world.provenance).length);
    return { pkilab: perSecond(pkilab), baseline: perSecond(baseline), withProvenance: perSecond(pkilab + provenance) };
  });
  context.out(
    figure(
      'pkilab fold of the whole log',
      replays.map((r) => r.pkilab),
      'events/s',
      { target: '≥ 1,000,000' },
    ),
  );
  context.out(
    figure(
      'baseline mutable fold (provenance kept)',
      replays.map((r) => r.baseline),
      'events/s',
    ),
  );
  context.out(
    ratios(
      'ratio pkilab / baseline',
      replays.map((r) => r.pkilab),
      replays.map((r) => r.baseline),
    ),
  );
  context.out(
    figure(
      'pkilab fold, then its provenance read',
      replays.map((r) => r.withProvenance),
      'events/s',
    ),
  );
  context.out(
    ratios(
      'ratio fold and provenance / baseline',
      replays.map((r) => r.withProvenance),
      replays.map((r) => r.baseline),
    ),
  );
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

/** The seek figures: build time, p50 and p99 beside refolding from the start, and memory beside the final world. */
const reportSeeks = (context: BenchContext, seeks: ReadonlyArray<Awaited<ReturnType<typeof seekOnce>>>, count: number) => {
  context.out(`  (${count} seeks per run to spread positions; timeline of ${seeks[0]!.checkpoints} checkpoints)`);
  context.out(
    figure(
      'timeline build (all checkpoints and indexes)',
      seeks.map((s) => s.build),
      'ms',
    ),
  );
  context.out(
    figure(
      'seek p50',
      seeks.map((s) => s.p50),
      'ms',
      { digits: 2 },
    ),
  );
  context.out(
    figure(
      'seek p99',
      seeks.map((s) => s.p99),
      'ms',
      { digits: 2, target: '< 10 ms' },
    ),
  );
  context.out(
    figure(
      'seek p99, CPU time',
      seeks.map((s) => s.cpuP99),
      'ms',
      { digits: 2 },
    ),
  );
  context.out(
    figure(
      'baseline mutable refold from the start (mean)',
      seeks.map((s) => s.baseline),
      'ms',
      { digits: 1 },
    ),
  );
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
