import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { toPem } from '../keystore/rsa.ts';
import type { Published } from './published.ts';
import { eraCiphers, type Running } from './servers.ts';

/** One probe's outcome, as `pkilab serve --check` prints it. */
interface ProbeResult {
  readonly url: string;
  readonly ok: boolean;
  readonly detail: string;
}

type Get = { status: number; bytes: number; error?: undefined } | { error: string };

/** A GET to the lab's server for `name`: https trusting only the lab CA, with the name checked as a browser does. */
const get = (url: URL, port: number, address: string, ca?: string, ciphers?: string): Promise<Get> =>
  new Promise((resolve) => {
    const options = { host: address, port, path: url.pathname, servername: url.hostname, headers: { host: url.hostname }, timeout: 5000 };
    const request =
      url.protocol === 'https:' ? httpsRequest({ ...options, ca, ...(ciphers ? { ciphers } : {}), agent: false }) : httpRequest(options);
    request.on('response', (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer in 5 s')));
    request.on('error', (error) => resolve({ error: error.message }));
    request.end();
  });

/**
 * Probes each served name once: every https name as a client of the lab's era would (trusting the lab CA,
 * SHA-1 allowed) and as today's OpenSSL does (reported, not required), and every published file over http.
 */
export const probe = async (published: Published, running: Running, caCertificate: string): Promise<ProbeResult[]> => {
  const ca = toPem('CERTIFICATE', caCertificate);
  const results: ProbeResult[] = [];
  for (const binding of running.https?.bindings ?? []) {
    for (const name of binding.names) {
      const url = new URL(`https://${name}/`);
      const era = await get(url, running.https!.port, running.address, ca, eraCiphers);
      const today = await get(url, running.https!.port, running.address, ca);
      const ok = era.error === undefined && era.status === 200;
      const todayText = today.error === undefined ? "today's OpenSSL accepts it too" : `today's OpenSSL refuses it (${today.error})`;
      const detail = ok
        ? `TLS verified against the lab CA, HTTP ${era.status}; ${todayText}`
        : `failed: ${era.error ?? `HTTP ${era.status}`}`;
      results.push({ url: url.href, ok, detail });
    }
  }
  for (const name of running.http ? published.httpNames : []) {
    for (const file of published.files) {
      const url = new URL(`http://${name}${file.path}`);
      const answer = await get(url, running.http!.port, running.address);
      const ok = answer.error === undefined && answer.status === 200 && answer.bytes > 0;
      results.push({ url: url.href, ok, detail: answer.error ?? `HTTP ${answer.status}, ${answer.bytes} bytes (${file.contentType})` });
    }
  }
  return results;
};
