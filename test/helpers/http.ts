import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake channel received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A local HTTP server standing in for the channel's serviceUrl (the Bot Connector): it records every
 * request and answers each like the connector does, with a resource id.
 */
export class FakeChannel {
  readonly received: ReceivedRequest[] = [];
  private readonly server: Server;
  private waiters: Array<{ match: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest) => void }> =
    [];

  constructor() {
    this.server = createServer((req, res) => {
      void readBody(req).then((text) => {
        const request = { method: req.method ?? '', path: req.url ?? '', body: parseJson(text) };
        this.received.push(request);
        this.waiters = this.waiters.filter((w) => (w.match(request) ? (w.resolve(request), false) : true));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
      });
    });
  }

  async start(): Promise<string> {
    return listen(this.server);
  }

  /** The first request (already received or still to come) that `match` accepts. */
  waitFor(match: (r: ReceivedRequest) => boolean, timeoutMs = 10_000): Promise<ReceivedRequest> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the channel got no such request; got ${JSON.stringify(this.received)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Listens on a free loopback port; resolves to the base URL. */
export function listen(server: Pick<Server, 'listen' | 'address' | 'once'>): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
