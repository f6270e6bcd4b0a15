import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../adapters/cli/main.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the pkilab command line in-process and captures what it prints. */
export const cli = async (...args: string[]): Promise<CliResult> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

export const tempDir = (prefix = 'pkilab-') => mkdtemp(join(tmpdir(), prefix));

/** `pkilab run <scenario> --json` into a fresh folder; the parsed report and the folder. */
export const runJson = async (scenario: string) => {
  const out = await tempDir();
  const result = await cli('run', scenario, '--out', out, '--json');
  return { ...result, out, report: result.code === 2 ? undefined : JSON.parse(result.out) };
};
