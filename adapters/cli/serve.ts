import { access, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { World } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { jsonlEventStore } from '../eventstore/jsonl.ts';
import { fileKeyStore } from '../keystore/files.ts';
import { labFolder } from '../lab-files.ts';
import { probe } from '../serve/probe.ts';
import { publishedBy, type Published } from '../serve/published.ts';
import { startServers, type Running } from '../serve/servers.ts';
import { parseOptions, usageFailure } from './args.ts';
import type { Io } from './run.ts';

export const serveHelp = `Usage: pkilab serve <lab folder | lab.jsonl> [--host ADDRESS] [--https-port N] [--http-port N] [--check]

Serves what a lab publishes, for real clients: every IIS https binding with its bound certificate and key
(one port; the binding is chosen by the name the client sends, SNI, and a name no binding answers to gets the
first one's certificate, as a client that reached that server's address would), and the CA's CertEnroll folder over
http (CRLs from artifacts/CertEnroll/ and the CA certificate at its AIA name). Prints the names with their
ports, a curl --resolve line and a chromium --host-resolver-rules line to paste. Ctrl-C stops it.
The lab is only read: nothing in its folder changes.

A lab made by the defaults has a Windows Server 2008 CA that signs with SHA-1, as it did then: today's
OpenSSL refuses such chains ("CA signature digest algorithm too weak"; curl accepts them with
--ciphers DEFAULT:@SECLEVEL=0) and Chromium refuses them (ERR_CERT_INVALID). A lab whose
scenario sets lab.ca provider: KSP and hashAlgorithm: SHA256 is accepted by both.

Options:
  --host ADDRESS   where to listen (default 127.0.0.1, loopback only)
  --https-port N   the https port (default: one the system picks)
  --http-port N    the http port (default: one the system picks)
  --check          start, print the map, probe every name and file once, stop; exit 0 when all answer

Examples:
  pkilab serve .pkilab/iis-web-server-certificate
  pkilab serve .pkilab/iis-web-server-certificate --check

Exit codes: 0 stopped (or every probe answered), 1 nothing to serve or a probe failed, 2 bad input.
`;

/** Why a server cannot listen where it was asked: bad input (exit 2), not a bug. */
const listenCodes = ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'];

class ServeInputError extends Error {
  readonly code = 'SERVE_INPUT';
}

const portOption = (value: string | undefined, name: string): number => {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServeInputError(`${name} expects a port from 0 to 65535, found ${value}`);
  }
  return port;
};

/** The printed map: each name with its port, and the lines to paste into curl and chromium. */
export const mapLines = (published: Published, running: Running, caPem: string | undefined): string[] => {
  const https = running.https;
  const lines: string[] = [];
  const resolve: string[] = [];
  const rules: string[] = [];
  for (const binding of https?.bindings ?? []) {
    for (const name of binding.names) {
      const bound = `${binding.host} "${binding.site}", certificate ${binding.thumbprint} (${binding.signatureHash})`;
      lines.push(`  https://${name}/  →  ${running.address}:${https!.port}   ${bound}`);
      resolve.push(`--resolve ${name}:${https!.port}:${running.address}`);
      rules.push(`MAP ${name} ${running.address}:${https!.port}`);
    }
  }
  const http = running.http;
  for (const name of http ? published.httpNames : []) {
    const files = published.files.map((f) => basename(f.path)).join(', ');
    lines.push(`  http://${name}/CertEnroll/  →  ${running.address}:${http!.port}   ${files}`);
    rules.push(`MAP ${name} ${running.address}:${http!.port}`);
  }
  for (const url of published.unanswered) lines.push(`  (not published yet: ${url})`);
  const first = https?.bindings[0];
  if (first?.names[0]) {
    const weak = https!.bindings.some((b) => b.signatureHash === 'SHA-1') ? ' --ciphers DEFAULT:@SECLEVEL=0' : '';
    const trust = caPem ? ` --cacert ${caPem}` : '';
    lines.push('', 'curl:', `  curl${trust}${weak} ${resolve.join(' ')} https://${first.names[0]}:${https!.port}/`);
  }
  if (rules.length > 0) lines.push('chromium:', `  chromium --host-resolver-rules="${rules.join(', ')}"`);
  return lines;
};

const stopped = (running: Running): Promise<void> =>
  new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

const labHint = 'give the folder pkilab run --out wrote, or its lab.jsonl';

/** The lab a path names: a folder pkilab run wrote, or a lab.jsonl. */
const labFolderOf = async (given: string) => {
  const kind = await stat(given).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => 'missing',
  );
  if (kind === 'missing') throw new ServeInputError(`${given}: no such folder or file; ${labHint}`);
  if (kind === 'file' && !given.endsWith('.jsonl')) throw new ServeInputError(`${given} is a file, not a lab: ${labHint}`);
  return given.endsWith('.jsonl') ? labFolder(dirname(given), basename(given, '.jsonl')) : labFolder(given);
};

/** --check: probes each name once with real clients; 0 when every probe passes. */
const checkOnce = async (published: Published, running: Running, world: World, io: Io): Promise<number> => {
  const authority = Object.values(world.ca.authorities)[0];
  const results = await probe(published, running, authority?.certificate ?? '');
  io.out('\ncheck:');
  for (const r of results) io.out(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.url}  ${r.detail}`);
  return results.every((r) => r.ok) ? 0 : 1;
};

/** `pkilab serve <lab>`: real servers on loopback for the lab's https bindings and CertEnroll folder. */
export const serveCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, {
      host: { type: 'string', default: '127.0.0.1' },
      'https-port': { type: 'string' },
      'http-port': { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    });
  } catch (error) {
    return usageFailure(io, 'serve', error, args);
  }
  if (parsed.values.help) return (io.out(serveHelp), 0);
  const [given] = parsed.positionals;
  if (!given || parsed.positionals.length > 1) {
    const found = parsed.positionals.length === 0 ? 'nothing' : parsed.positionals.join(' ');
    io.err(`pkilab serve: expected one lab (its folder or its lab.jsonl), found ${found}.\n\n${serveHelp}`);
    return 2;
  }
  const folder = await labFolderOf(given);
  const httpsPort = portOption(parsed.values['https-port'], '--https-port');
  const httpPort = portOption(parsed.values['http-port'], '--http-port');
  const events = await jsonlEventStore(folder.root, { onWarning: (w) => io.err(`warning: ${w}`) }).read(folder.labId);
  if (events.length === 0) throw new ServeInputError(`${folder.log} holds no lab (no events); ${labHint}`);
  const world = fold(events);
  const published = await publishedBy(world, join(folder.artifacts, 'CertEnroll'));
  if (published.https.length === 0 && published.files.length === 0) {
    io.err(
      `pkilab serve: ${folder.log} publishes nothing yet: no IIS site has an https binding with a certificate, ` +
        'and no certificate names an http CDP or AIA URL.',
    );
    return 1;
  }
  const keys = fileKeyStore(folder.keys);
  const address = parsed.values.host;
  const running = await startServers(published, keys, { address, httpsPort, httpPort }).catch((error: NodeJS.ErrnoException) => {
    if (!listenCodes.includes(error.code ?? '')) throw error;
    const ports = `https port ${httpsPort || 'any'}, http port ${httpPort || 'any'}`;
    throw new ServeInputError(`cannot listen on ${address} (${ports}): ${error.message}`);
  });
  const caPem = join(folder.artifacts, 'ca.pem');
  const hasCaPem = await access(caPem).then(
    () => true,
    () => false,
  );
  io.out(`pkilab serve: ${folder.log} (read-only), listening on ${running.address}`);
  io.out(mapLines(published, running, hasCaPem ? caPem : undefined).join('\n'));
  if (!parsed.values.check) {
    io.out('\nCtrl-C stops the servers.');
    await stopped(running);
    return 0;
  }
  try {
    return await checkOnce(published, running, world, io);
  } finally {
    await running.close();
  }
};
