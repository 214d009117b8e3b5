import type restify from 'restify';
import type { Config } from '../config';

/**
 * The demo page's Content-Security-Policy. Scripts only from this server (the page, the widget and Web
 * Chat's bundle are files here; no inline script, no eval). Styles also inline: Web Chat writes its styles
 * into <style> elements at run time. The chat talks to this server, and with DIRECT_LINE_SECRET to Azure's
 * Direct Line (HTTPS and its WebSocket stream). docs/security.md lists what a portal embedding the widget
 * must allow in its own policy.
 */
export function demoPagePolicy(config: Pick<Config, 'DIRECT_LINE_SECRET' | 'DIRECT_LINE_ENDPOINT'>): string {
  const directLine = config.DIRECT_LINE_SECRET ? new URL(config.DIRECT_LINE_ENDPOINT) : undefined;
  const connect = directLine ? ` ${directLine.origin} wss://${directLine.host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sends the policy with the demo page (GET /), whichever handler serves it. */
export function registerDemoPagePolicy(server: restify.Server, config: Config): void {
  const policy = demoPagePolicy(config);
  server.pre((req, res, next) => {
    if (req.getPath() === '/') res.header('Content-Security-Policy', policy);
    next();
  });
}
