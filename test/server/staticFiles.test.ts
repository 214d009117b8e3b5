import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import restify from 'restify';
import { CompressedAsset } from '../../src/server/compressedAsset';
import { registerDemoPage } from '../../src/server/demoPage';
import { registerStaticFiles } from '../../src/server/staticFiles';
import { defaultServices, ui } from '../helpers/conversation';
import { PROJECT_ROOT } from '../helpers/paths';

const WIDGET_JS = path.join(PROJECT_ROOT, 'web', 'widget.js');

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET as the bytes on the wire (fetch would decompress them). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await probe();
    if (done(value) || i > 300) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('static files of the widget', () => {
  let server: restify.Server;
  let base: string;

  beforeAll(async () => {
    server = restify.createServer();
    registerStaticFiles(server, [
      { route: '/widget.js', file: WIDGET_JS, contentType: 'text/javascript; charset=utf-8' },
    ]);
    registerDemoPage(server, path.join(PROJECT_ROOT, 'web', 'demo.html'), defaultServices().translator);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('go out brotli- or gzip-compressed as the browser accepts, plain otherwise, always the same file', async () => {
    const original = readFileSync(WIDGET_JS);
    const br = await until(
      () => get(`${base}/widget.js`, { 'accept-encoding': 'gzip, deflate, br' }),
      (r) => r.headers['content-encoding'] === 'br',
    );
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body)).toEqual(original);
    expect(br.body.length).toBeLessThan(original.length / 2);

    const gzip = await get(`${base}/widget.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body)).toEqual(original);

    for (const refused of [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ] as Array<Record<string, string>>) {
      const plain = await get(`${base}/widget.js`, refused);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toEqual(original);
    }
    for (const response of [br, gzip]) {
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=300');
    }
  });

  test('a browser whose copy is current gets 304 Not Modified for its ETag; each encoding has its own', async () => {
    const first = await get(`${base}/widget.js`, { 'accept-encoding': 'gzip' });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await get(`${base}/widget.js`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);

    const plainTag = (await get(`${base}/widget.js`)).headers.etag;
    expect(plainTag).not.toBe(etag);
    const stale = await get(`${base}/widget.js`, { 'if-none-match': '"something-older"' });
    expect(stale.status).toBe(200);
  });

  test('the demo page is in the language of ?lang= (German otherwise), with <html lang>', async () => {
    for (const [query, lang, locale] of [
      ['?lang=fr', 'fr', 'fr-CH'],
      ['?lang=it', 'it', 'it-CH'],
      ['', 'de', 'de-CH'],
      ['?lang=xx', 'de', 'de-CH'],
    ] as const) {
      const page = (await get(`${base}/${query}`)).body.toString('utf8');
      expect(page).toContain(`<html lang="${locale}">`);
      expect(page).toContain(`<h1>${ui(lang, 'demo.heading')}</h1>`);
      expect(page).toContain(`hreflang="${lang}" lang="${lang}" aria-current="page"`);
      expect(page).not.toMatch(/\{\{/);
    }
  });
});

describe('compressed copies', () => {
  let cacheDir: string;
  beforeEach(() => (cacheDir = mkdtempSync(path.join(os.tmpdir(), 'compressed-'))));
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  test('are made once and kept on disk: the next start serves the kept copy without compressing again', async () => {
    const content = Buffer.from('console.log("hello");\n'.repeat(200));
    await new CompressedAsset(content, { contentType: 'text/javascript', maxAgeSeconds: 60, cacheDir }).ready;
    const kept = readdirSync(cacheDir).sort();
    expect(kept.map((f) => path.extname(f))).toEqual(['.br', '.gzip']);
    // Mark the kept brotli copy: a second asset that compressed again would not serve the mark.
    const brFile = path.join(cacheDir, kept[0]);
    writeFileSync(brFile, 'kept copy');

    const server = restify.createServer();
    const asset = new CompressedAsset(content, {
      contentType: 'text/javascript',
      maxAgeSeconds: 60,
      cacheDir,
    });
    await asset.ready;
    server.get('/a.js', (req, res, next) => {
      asset.send(req, res);
      next();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (server.address() as AddressInfo).port;
      const response = await get(`http://127.0.0.1:${port}/a.js`, { 'accept-encoding': 'br' });
      expect(response.body.toString()).toBe('kept copy');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
