import { readFileSync } from 'node:fs';
import type restify from 'restify';
import { CompressedAsset } from './compressedAsset';

export interface StaticFile {
  /** URL path, e.g. "/widget.js". */
  route: string;
  file: string;
  contentType: string;
  /** Browser cache lifetime; default 300 s (the URLs carry no version, so the ETag keeps them fresh). */
  maxAgeSeconds?: number;
}

/** A file read once at start-up: a missing file stops the server with its path, not a widget that fails later. */
export function readStaticFile(file: string, route: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`Cannot read ${file} (served at ${route}): ${(error as Error).message}`);
  }
}

/**
 * Serves a fixed list of files (no directory is exposed), compressed, with cache headers and ETags
 * (./compressedAsset.ts).
 */
export function registerStaticFiles(server: restify.Server, files: readonly StaticFile[]): void {
  for (const { route, file, contentType, maxAgeSeconds = 300 } of files) {
    const asset = new CompressedAsset(readStaticFile(file, route), { contentType, maxAgeSeconds });
    server.get(route, (req, res, next) => {
      asset.send(req, res);
      next();
    });
  }
}
