import type { IncomingMessage, ServerResponse } from 'node:http';
import { format } from 'node:util';
import type { Logger } from './logger';

/**
 * Libraries that write their own log lines: restify logs with the pino instance it is given (a whole
 * request, headers included, when a response cannot be formatted); botbuilder writes failures with
 * console.error / console.warn (a failed reply with its URL, conversation id included). Both go through
 * the one masking logger. console.log stays: it prints the start-up banner and the sandbox's outbox.
 */
export function restifyLogger(logger: Logger): Logger {
  const child = logger.child({ source: 'restify' });
  return new Proxy(child, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (!LEVELS.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        value.apply(target, [summarise(args[0]), ...args.slice(1)].slice(0, args.length));
    },
  });
}

const LEVELS = new Set<string | symbol>(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** restify hands over whole request and response objects: keep the method, the path and the status. */
function summarise(first: unknown): unknown {
  if (typeof first !== 'object' || first === null || first instanceof Error) return first;
  const { req, res, ...rest } = first as { req?: IncomingMessage; res?: ServerResponse };
  return {
    ...rest,
    ...(req && { method: req.method, path: req.url?.split('?')[0] }),
    ...(res && { status: res.statusCode }),
  };
}

let installed = false;

/** Routes console.error and console.warn through `logger`; once per process (the first logger wins). */
export function routeConsoleToLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  const library = logger.child({ source: 'console' });
  // An error's own fields may hold a request (URL, headers, body): only its name, message and stack.
  const line = (args: unknown[]) =>
    format(...args.map((arg) => (arg instanceof Error ? (arg.stack ?? `${arg.name}: ${arg.message}`) : arg)));
  console.error = (...args: unknown[]) => library.error(line(args));
  console.warn = (...args: unknown[]) => library.warn(line(args));
}
