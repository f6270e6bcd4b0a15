import { join } from 'node:path';
import { startStudio, type RunningStudio } from '../../adapters/studio/server/index.ts';
import { cli, tempDir } from './cli.ts';
import { repoRoot } from './processes.ts';

/** A folder of labs with the no-restart lab in it (`pkilab run scenarios/iis-no-restart.yaml --out DIR`). */
export const noRestartLabs = async (): Promise<{ root: string; log: string }> => {
  const root = await tempDir('pkilab-studio-');
  const run = await cli('run', 'scenarios/iis-no-restart.yaml', '--out', join(root, 'no-restart'));
  if (run.code !== 1 && run.code !== 0) throw new Error(`pkilab run iis-no-restart exited ${run.code}: ${run.err}`);
  return { root, log: join(root, 'no-restart', 'lab.jsonl') };
};

/** The studio's server in this process on a free port of 127.0.0.1, and fetch helpers that carry its token. */
export const studioOn = async (inputs: string[], options: { allowKeys?: boolean; staticRoot?: string } = {}) => {
  const warnings: string[] = [];
  const studio: RunningStudio = await startStudio({
    inputs,
    allowKeys: options.allowKeys ?? false,
    staticRoot: options.staticRoot ?? join(repoRoot, 'dist', 'studio'),
    warn: (w) => warnings.push(w),
  });
  const auth = { authorization: `Bearer ${studio.token}` };
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${studio.origin}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const json = async <T = any>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const answer = await request(path, init);
    return { status: answer.status, body: (await answer.json()) as T };
  };
  const post = <T = any>(path: string, body: unknown) =>
    json<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const labs = (await json<{ labs: { id: string; name: string }[] }>('/api/labs')).body.labs;
  return { studio, request, json, post, labs, warnings, lab: (name: string) => labs.find((l) => l.name === name)!.id };
};
