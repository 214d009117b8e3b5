import type { IncomingMessage } from 'node:http';
import { finished, Transform, type Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type restify from 'restify';

/**
 * The one body reader of every route, in place of restify's bodyParser (whose gunzip stream has no error
 * handler, restify issue 1785, and whose multipart parser writes temp files before any route runs):
 * JSON only, in UTF-8 (415 otherwise), identity, gzip or deflate, inflated bytes counted against the limit (413 as
 * soon as it is passed, whatever the compressed size), nesting at most `maxDepth` deep (400), nothing on disk.
 */
export interface BodyLimits {
  /** Largest body in bytes, after decompression. */
  maxBytes: number;
  /** Deepest nesting of arrays and objects: deeper JSON is refused before any route or store sees it. */
  maxDepth: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 256 * 1024, maxDepth: 32 };

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/** restify middleware: `req.body` is the parsed JSON (undefined when the request has no body). */
export function jsonBodyReader(limits: BodyLimits = DEFAULT_BODY_LIMITS): restify.RequestHandler {
  return (req, res, next) => {
    if (METHODS_WITHOUT_BODY.has(req.method ?? '')) {
      // Whatever a GET carries is never read, decompressed or kept: drained and dropped.
      req.resume();
      return next();
    }
    readJsonBody(req, limits).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        const refusal = error instanceof BodyError ? error : new BodyError(400, 'unreadable body');
        // The rest of a refused upload is drained and dropped (never kept): answering mid-upload would make
        // Node close the connection under a client still writing, which then never reads the answer.
        req.resume();
        finished(req, () => {
          res.send(refusal.status, { error: refusal.message });
          next(false);
        });
      },
    );
  };
}

/** Reads, decompresses (bounded), parses and checks one JSON body. */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && !(declared > 0)) {
    req.resume();
    return undefined;
  }
  if (!isJson(req.headers['content-type'])) {
    req.resume();
    throw new BodyError(415, 'only application/json bodies are accepted');
  }
  if (!isUtf8(req.headers['content-type'])) {
    req.resume();
    throw new BodyError(415, 'only UTF-8 JSON is accepted');
  }
  if (declared > limits.maxBytes && !req.headers['content-encoding']) {
    req.resume();
    throw new BodyError(413, `body larger than ${limits.maxBytes} bytes`);
  }
  const text = await readBounded(decoded(req), limits.maxBytes, req);
  if (text.length === 0) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'malformed JSON');
  }
  if (depthOf(body) > limits.maxDepth) {
    throw new BodyError(400, `JSON nested deeper than ${limits.maxDepth} levels`);
  }
  return body;
}

function isJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** JSON is UTF-8 (RFC 8259): a body declared in another charset would be read wrongly, so it is refused. */
function isUtf8(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

/** The body as sent, or inflated for gzip and deflate; any other encoding is refused. */
function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return req;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    req.resume();
    throw new BodyError(415, `content encoding ${encoding} is not accepted`);
  }
  const inflate = encoding === 'gzip' ? createGunzip() : createInflate();
  // A broken upload ends the inflater too (its error is handled in readBounded).
  req.on('error', (error) => inflate.destroy(error));
  return req.pipe(inflate);
}

/** Collects the stream's bytes, giving up (and stopping the inflater) as soon as `maxBytes` is passed. */
function readBounded(stream: Readable, maxBytes: number, req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: BodyError) => {
      stream.removeAllListeners('data');
      if (stream instanceof Transform) {
        req.unpipe(stream);
        stream.destroy();
      }
      req.resume();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new BodyError(413, `body larger than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    stream.on('error', () => fail(new BodyError(400, 'body could not be decoded')));
    stream.on('end', () => {
      try {
        resolve(STRICT_UTF8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new BodyError(400, 'body is not valid UTF-8'));
      }
    });
  });
}

/** Bytes that are not UTF-8 are refused, not silently turned into U+FFFD and stored. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Nesting depth of a parsed JSON value, without recursion (a deep value cannot overflow the stack here). */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}
