/** Local HTTP/HTTPS servers on 127.0.0.1 for the send tests, with a self-signed certificate made on the fly. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

export const BIG_BODY_BYTES = 50 * 1024 * 1024;

export function makeSelfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
        '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A leaf certificate for 127.0.0.1 signed by a throw-away CA nobody trusts. */
export function makeUnknownCaCert(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-ca-'));
  const f = (name: string) => path.join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', timeout: 10_000 });
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run(['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=Untrusted Test CA']);
    run(['req', '-new', ...ec, '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1']);
    writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    run(['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '1', '-extfile', f('ext.cnf')]);
    return { key: readFileSync(f('leaf.key'), 'utf8'), cert: readFileSync(f('leaf.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 1, name: 'one' }));
      return;
    case '/echo': {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      return;
    }
    case '/r1':
      res.writeHead(302, { Location: '/r2' }).end();
      return;
    case '/r2':
      res.writeHead(301, { Location: `http://${req.headers.host}/echo?from=r2` }).end();
      return;
    case '/see-other':
      res.writeHead(303, { Location: '/echo' }).end();
      return;
    case '/to':
      res.writeHead(307, { Location: url.searchParams.get('target') ?? '/' }).end();
      return;
    case '/loop':
      res.writeHead(302, { Location: '/loop' }).end();
      return;
    case '/notfound':
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"NotFound","message":"no such item"}}');
      return;
    case '/fail':
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal failure: database down');
      return;
    case '/html':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in</body></html>');
      return;
    case '/hang':
      return; // never answers
    case '/slow-body':
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
      return; // never ends
    case '/cut':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"items":[1,2,3');
      setTimeout(() => req.socket.destroy(), 20);
      return;
    case '/big': {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(BIG_BODY_BYTES) });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const stream = new Readable({
        read() {
          if (sent >= BIG_BODY_BYTES) return this.push(null);
          sent += chunk.length;
          this.push(chunk);
        },
      });
      stream.pipe(res);
      res.on('close', () => stream.destroy());
      return;
    }
    default:
      res.writeHead(404).end();
  }
}

export interface TestServers {
  httpUrl: string;
  httpsUrl: string;
  /** HTTPS with a certificate from an unknown CA (a TLS error that is not "self-signed"). */
  untrustedUrl: string;
  close(): Promise<void>;
}

export async function startServers(): Promise<TestServers> {
  const { key, cert } = makeSelfSignedCert();
  const plain = http.createServer(handler);
  const secure = https.createServer({ key, cert }, handler);
  const untrusted = https.createServer(makeUnknownCaCert(), handler);
  for (const server of [plain, secure, untrusted]) {
    server.on('clientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const port = (s: http.Server) => (s.address() as AddressInfo).port;
  return {
    httpUrl: `http://127.0.0.1:${port(plain)}`,
    httpsUrl: `https://127.0.0.1:${port(secure)}`,
    untrustedUrl: `https://127.0.0.1:${port(untrusted)}`,
    async close() {
      for (const server of [plain, secure, untrusted]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** A port nothing listens on (bound then released). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
