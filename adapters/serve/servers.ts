import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { KeyStore } from '../../workflows/index.ts';
import { toPem } from '../keystore/rsa.ts';
import { pathOf, type HttpsBinding, type Published } from './published.ts';

/**
 * OpenSSL 3 refuses to load a certificate signed with SHA-1 at its default security level; IIS of the era served
 * them, so the lab's servers run at level 0. Clients keep their own level (that is what a rehearsal shows).
 */
export const eraCiphers = 'DEFAULT:@SECLEVEL=0';

export interface Running {
  readonly https?: { readonly port: number; readonly bindings: readonly HttpsBinding[] };
  readonly http?: { readonly port: number };
  readonly address: string;
  close(): Promise<void>;
}

const listen = (server: Server, port: number, address: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve((server.address() as AddressInfo).port));
  });

const close = (server: Server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

const welcome = (binding: HttpsBinding) =>
  `<!DOCTYPE html>\n<html><head><title>IIS: ${binding.host} ${binding.site}</title></head>` +
  `<body><h1>${binding.site} on ${binding.host}</h1>` +
  `<p>https binding :${binding.iisPort}, certificate ${binding.thumbprint}</p></body></html>\n`;

/** The https server: one port, the binding chosen by the name the client sends (SNI); unknown names get the first. */
const httpsServer = async (bindings: readonly HttpsBinding[], keys: KeyStore): Promise<Server> => {
  const contexts = new Map<string, { context: SecureContext; binding: HttpsBinding }>();
  const options = async (binding: HttpsBinding) => ({
    cert: toPem('CERTIFICATE', binding.certificate),
    key: toPem('PRIVATE KEY', await keys.privateKey(binding.keyRef)),
    ciphers: eraCiphers,
  });
  for (const binding of bindings) {
    const context = createSecureContext(await options(binding));
    for (const name of binding.names) if (!contexts.has(name)) contexts.set(name, { context, binding });
  }
  const first = bindings[0]!;
  const server = createHttpsServer(
    {
      ...(await options(first)),
      SNICallback: (name, done) => done(null, contexts.get(name.toLowerCase())?.context ?? contexts.get(first.names[0] ?? '')?.context),
    },
    (request, response) => {
      const name = (request.socket as { servername?: string }).servername?.toLowerCase() ?? '';
      const binding = contexts.get(name)?.binding ?? first;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(request.method === 'HEAD' ? undefined : welcome(binding));
    },
  );
  return server;
};

/** The CA's CertEnroll folder over http, as IIS on the CA serves it: GET and HEAD of the published files, 404 else. */
const httpServer = (published: Published): Server =>
  createHttpServer(async (request: IncomingMessage, response: ServerResponse) => {
    let path: string;
    try {
      path = pathOf(request.url ?? '/');
    } catch {
      return void response.writeHead(400).end();
    }
    const file = published.files.find((f) => f.path.toLowerCase() === path.toLowerCase());
    if (!file) return void response.writeHead(404, { 'content-type': 'text/plain' }).end(`404 - ${path} is not published\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    const bytes = 'file' in file.source ? await readFile(file.source.file).catch(() => undefined) : Buffer.from(file.source.der, 'base64');
    if (!bytes) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length });
    response.end(request.method === 'HEAD' ? undefined : bytes);
  });

/** Starts the servers on `address` (ports 0: the system picks); resolves once both listen. */
interface ServeOptions {
  readonly address: string;
  readonly httpsPort: number;
  readonly httpPort: number;
}

export const startServers = async (published: Published, keys: KeyStore, options: ServeOptions): Promise<Running> => {
  const servers: Server[] = [];
  try {
    let https: Running['https'];
    let http: Running['http'];
    if (published.https.length > 0) {
      const server = await httpsServer(published.https, keys);
      servers.push(server);
      https = { port: await listen(server, options.httpsPort, options.address), bindings: published.https };
    }
    if (published.files.length > 0) {
      const server = httpServer(published);
      servers.push(server);
      http = { port: await listen(server, options.httpPort, options.address) };
    }
    const closeAll = async () => void (await Promise.all(servers.map(close)));
    return { ...(https ? { https } : {}), ...(http ? { http } : {}), address: options.address, close: closeAll };
  } catch (error) {
    await Promise.all(servers.map(close));
    throw error;
  }
};
