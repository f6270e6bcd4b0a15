import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fold } from '../../projections/index.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import { publishedBy } from '../../adapters/serve/published.ts';
import { startServers } from '../../adapters/serve/servers.ts';
import { runJson } from './cli.ts';

/** A scenario's lab, served in this process on loopback ports the system picks (close it after use). */
export const servedLab = async (scenario: string) => {
  const run = await runJson(scenario);
  // The scenario's own expectations are the scenarios suite's business; here the lab only has to exist.
  if (!run.report) throw new Error(`${scenario} did not run: ${run.err}`);
  const world = fold(await jsonlEventStore(run.out).read('lab'));
  const published = await publishedBy(world, join(run.out, 'artifacts', 'CertEnroll'));
  const running = await startServers(published, fileKeyStore(join(run.out, 'keys')), { address: '127.0.0.1', httpsPort: 0, httpPort: 0 });
  return {
    folder: run.out,
    world,
    published,
    running,
    caPem: join(run.out, 'artifacts', 'ca.pem'),
    httpsPort: running.https?.port ?? 0,
    httpPort: running.http?.port ?? 0,
  };
};

export interface Tool {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a real client (openssl, curl, certutil) without blocking this process's servers; stdin is closed. */
export const tool = (command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Tool> =>
  new Promise((resolve) => {
    const child = execFile(command, [...args], { encoding: 'buffer', timeout: 20_000, env: env ?? process.env }, (error, stdout, stderr) =>
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        stdout: stdout.toString('latin1'),
        stderr: stderr.toString('utf8'),
      }),
    );
    child.stdin?.end();
  });
