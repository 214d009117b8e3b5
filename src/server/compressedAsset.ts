import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type restify from 'restify';
import { contentHash, DISK_CACHE_DIR, readCached, writeCached } from '../diskCache';

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

type Encoding = 'br' | 'gzip';
const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];

function compress(encoding: Encoding, content: Buffer): Promise<Buffer> {
  return encoding === 'br'
    ? compressBrotli(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      })
    : compressGzip(content, { level: constants.Z_BEST_COMPRESSION });
}

/** The encodings the client accepts, best first ("br;q=0" refuses brotli). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}

export interface AssetOptions {
  contentType: string;
  /** How long a browser may use its copy before asking again (then an ETag answers 304). */
  maxAgeSeconds: number;
  /** Where compressed copies are kept between starts; default: node_modules/.cache/portal-help-bot. */
  cacheDir?: string;
}

/**
 * One static response: served brotli- or gzip-compressed when the client accepts it, with Cache-Control and
 * an ETag (304 when the client's copy is current). Compression runs in the background (the 4 MB Web Chat
 * bundle takes seconds at the best brotli level) and is cached on disk by content hash; until it is done the
 * asset goes out uncompressed.
 */
export class CompressedAsset {
  private readonly etag: string;
  private readonly compressed = new Map<Encoding, Buffer>();
  /** Settles when every compressed copy is ready (never rejects: a failure leaves that copy out). */
  readonly ready: Promise<void>;

  constructor(
    private readonly content: Buffer,
    private readonly options: AssetOptions,
  ) {
    const hash = contentHash(content);
    this.etag = `"${hash}"`;
    const cacheDir = options.cacheDir ?? DISK_CACHE_DIR;
    this.ready = Promise.all(
      ENCODINGS.map(async (encoding) => {
        const file = path.join(cacheDir, `${hash}.${encoding}`);
        const cached = readCached(file);
        if (cached) return void this.compressed.set(encoding, cached);
        try {
          const body = await compress(encoding, content);
          this.compressed.set(encoding, body);
          await writeCached(file, body);
        } catch {
          // Served uncompressed.
        }
      }),
    ).then(() => undefined);
  }

  /** The ETag of an encoding: a compressed copy is another representation, so it has a tag of its own. */
  private tagOf(encoding: Encoding | undefined): string {
    return encoding ? `${this.etag.slice(0, -1)}-${encoding}"` : this.etag;
  }

  send(req: restify.Request, res: restify.Response): void {
    const accepted = acceptedEncodings(req.header('accept-encoding'));
    const encoding = ENCODINGS.find((e) => accepted.has(e) && this.compressed.has(e));
    const body = encoding ? this.compressed.get(encoding)! : this.content;
    const etag = this.tagOf(encoding);
    const headers: Record<string, string | number> = {
      'Cache-Control': `public, max-age=${this.options.maxAgeSeconds}`,
      ETag: etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    };
    const known = (req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (known.includes(etag) || known.includes('*')) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': this.options.contentType,
      'Content-Length': body.length,
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(body);
  }
}
