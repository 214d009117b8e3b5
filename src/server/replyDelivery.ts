import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { parseRetryAfter } from '../backend/retry';

/** A channel that has not accepted the connection by then is taken as unreachable. */
export const REPLY_CONNECT_TIMEOUT_MS = 2_000;
/** A reply the channel has not answered by then is given up. */
const REPLY_TIMEOUT_MS = 10_000;
/** A throttled reply (429/503) is tried once more when the channel asks for at most this wait. */
const THROTTLE_WAIT_MAX_MS = 3_000;

/** Gives up a socket that is not connected within `ms` (Node waits for the system's SYN timeout, minutes). */
function withConnectTimeout<A extends http.Agent>(agent: A, ms: number): A {
  const withCreate = agent as unknown as { createConnection: (...args: unknown[]) => Socket };
  const create = withCreate.createConnection.bind(agent);
  withCreate.createConnection = (...args) => {
    const socket = create(...args);
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`no connection within ${ms} ms`), { code: 'ECONNTIMEOUT' });
      socket.destroy(error);
    }, ms);
    const clear = () => clearTimeout(timer);
    socket.once('connect', clear);
    socket.once('close', clear);
    return socket;
  };
  return agent;
}

const agents = {
  http: withConnectTimeout(new http.Agent({ keepAlive: true }), REPLY_CONNECT_TIMEOUT_MS),
  https: withConnectTimeout(new https.Agent({ keepAlive: true }), REPLY_CONNECT_TIMEOUT_MS),
};

// The few members of @azure/core-rest-pipeline's request, response and pipeline this module touches.
interface PipelineRequest {
  url: string;
  agent?: http.Agent;
  timeout: number;
}
interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;
interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(
    policy: {
      name: string;
      sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
    },
    options: { phase: 'Retry' },
  ): void;
}

/** The wait a throttled channel asks for (Retry-After; 1 s without), if it is short enough to wait in the turn. */
function throttleWaitMs(retryAfter: string | undefined): number | undefined {
  const seconds = retryAfter === undefined ? 1 : parseRetryAfter(retryAfter, Date.now());
  return seconds !== undefined && seconds * 1_000 <= THROTTLE_WAIT_MAX_MS ? seconds * 1_000 : undefined;
}

/**
 * Makes a connector client (the bot's replies to a channel) fail fast: botbuilder's pipeline retries a
 * refused or unreachable channel three times with growing waits (~5 s per reply, a user waiting on a dead
 * turn), and Node waits minutes for a connection that never comes. Now: no retry of a connection failure,
 * a connection within 2 s, an answer within 10 s, one more try only when the channel throttles briefly.
 */
export function failFast(connector: object): void {
  const pipeline = (connector as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder changed: the connector client has no pipeline to bound');
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(
    {
      name: 'failFastReplies',
      async sendRequest(request, next) {
        request.agent ??= request.url.startsWith('https:') ? agents.https : agents.http;
        if (!request.timeout) request.timeout = REPLY_TIMEOUT_MS;
        const response = await next(request);
        if (response.status !== 429 && response.status !== 503) return response;
        const wait = throttleWaitMs(response.headers.get('retry-after'));
        if (wait === undefined) return response;
        await new Promise((resolve) => setTimeout(resolve, wait));
        return next(request);
      },
    },
    { phase: 'Retry' },
  );
}

/** What a reply the channel did not take failed with (no message: it may quote the channel or a URL). */
export interface UndeliveredReply {
  /** The system error (ECONNREFUSED, ECONNTIMEOUT, …); not `code`, which the logger masks as a one-time code. */
  reason?: string;
  status?: number;
}

/** The failure of a reply to the channel (a RestError of the connector client), else undefined. */
export function undeliveredReply(error: unknown): UndeliveredReply | undefined {
  if (!(error instanceof Error) || error.name !== 'RestError') return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  return {
    ...(typeof code === 'string' && { reason: code }),
    ...(typeof statusCode === 'number' && { status: statusCode }),
  };
}
