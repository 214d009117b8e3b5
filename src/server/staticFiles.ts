import { readFileSync } from 'node:fs';
import type restify from 'restify';

export interface StaticFile {
  /** URL path, e.g. "/widget.js". */
  route: string;
  file: string;
  contentType: string;
}

/**
 * Serves a fixed list of files (no directory is exposed). Each is read once at start-up: a missing file
 * stops the server with its path, instead of a widget that silently fails to load.
 */
export function registerStaticFiles(server: restify.Server, files: readonly StaticFile[]): void {
  for (const { route, file, contentType } of files) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (error) {
      throw new Error(`Cannot read ${file} (served at ${route}): ${(error as Error).message}`);
    }
    server.get(route, (_req, res, next) => {
      res.writeHead(200, {
        'Content-Type': contentType,
        'Content-Length': content.length,
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(content);
      next();
    });
  }
}
