import type { LabPorts } from '../../workflows/index.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Where a progress line is drawn: a terminal's stderr (the line is rewritten in place). */
export interface ProgressSink {
  readonly isTTY?: boolean;
  /** Its width; 0 or unknown (a pseudo-terminal with no size) counts as 100. */
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * Certificates issued so far against the lab's computers, with their rate: `pkilab run`'s progress on a long run.
 * Drawn only on a terminal, at most 10 times a second, and only once the run has lasted a second (a short run
 * prints nothing); `done` clears the line so the step report that follows is unchanged.
 */
export const issuanceProgress = (sink: ProgressSink, computers: number, now: () => number = Date.now) => {
  const started = now();
  let issued = 0;
  let drawnAt = 0;
  let drawn = false;
  const draw = () => {
    const t = now();
    if (!sink.isTTY || t - started < 1000 || t - drawnAt < 100) return;
    drawnAt = t;
    drawn = true;
    const width = 24;
    const filled = Math.min(width, Math.round((issued / Math.max(1, computers)) * width));
    const rate = issued / ((t - started) / 1000);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line = `  ${bar} ${fmt(issued)} certificates (${fmt(computers)} computers), ${fmt(rate)}/s`;
    sink.write(`\r${line.slice(0, (sink.columns || 100) - 1)}\x1b[K`);
  };
  return {
    /** The ports with a signer that counts each certificate it signs (CRLs are not counted). */
    ports: (ports: LabPorts): LabPorts => ({
      ...ports,
      signer: {
        ...ports.signer,
        sign: async (profile) => {
          const signed = await ports.signer.sign(profile);
          issued += 1;
          draw();
          return signed;
        },
      },
    }),
    done: () => {
      if (drawn) sink.write('\r\x1b[K');
      drawn = false;
    },
  };
};
