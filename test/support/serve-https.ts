import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A whole request, as the fakes read it. */
export interface FakeRequest {
  method: string;
  url: URL;
  body: string;
  authorization?: string;
}

/** Status, body (JSON, a Buffer as it is, nothing when undefined) and headers beside `content-type: application/json`. */
export type FakeAnswer = [status: number, body?: unknown, headers?: Record<string, string>];

export interface LocalServer {
  /** `127.0.0.1:<port>`. */
  host: string;
  close(): Promise<void>;
}

/** A local HTTPS server that answers each request with `answer`, as the Azure and registry fakes need. */
export async function serveHttps(tls: { key: string; cert: string }, answer: (request: FakeRequest) => FakeAnswer): Promise<LocalServer> {
  let host = '';
  const server = createServer(tls, (request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', `https://${host}`);
      const [status, payload, headers = {}] = answer({ method: request.method ?? 'GET', url, body, authorization: request.headers.authorization });
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(payload === undefined ? undefined : Buffer.isBuffer(payload) ? payload : JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
