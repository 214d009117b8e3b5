import { readdirSync, statSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { RedisServer } from '../test/helpers/redis';
import { connectRedis, createRedisClient } from '../src/state/redisClient';
import { rawRequest } from './rawRequest';
import { freePort } from './conversationLoad';
import { BotProcess } from './serverProcess';

/**
 * `npm run attack`: replays every finding of issue 11 against the bot as `npm start` runs it (its own
 * process, sandbox backend, shared state in a private redis-server), on loopback only, a bounded number of
 * tries, and prints one row per attack. Exits 1 if any row fails.
 */
interface Row {
  finding: string;
  attack: string;
  tries: number;
  expected: string;
  observed: string;
  pass: boolean;
}

interface Target {
  bot: BotProcess;
  redis: RedisServer;
  emulator: Emulator;
  /** Channels in LOCAL_CHANNEL_URLS besides the Emulator: one that answers 500, one where nothing listens. */
  failing: Channel;
  closedUrl: string;
}

type Attack = (target: Target) => Promise<Row[]>;

const STATE_SECRET = 'attack-run-state-secret-of-32-characters';
const FAILING_BODY = 'internal-body-marker-51e2';
const JSON_TYPE = { 'content-type': 'application/json' };
const CLIENT = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Bot Framework Emulator's side on loopback: posts to /api/messages and collects the bot's replies. */
class Emulator {
  private readonly server: Server;
  private readonly replies = new Map<string, string[]>();
  url = '';
  private sequence = 0;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const conversation = /\/conversations\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
          text?: string;
          attachments?: Array<{ contentUrl?: string; content?: { text?: string } }>;
        };
        const list = this.replies.get(decodeURIComponent(conversation)) ?? [];
        // What the person sees: the text, the cards' texts and the documents' links.
        const attached = (body.attachments ?? []).flatMap((a) => [a.content?.text ?? '', a.contentUrl ?? '']);
        list.push([body.text ?? '', ...attached].filter(Boolean).join('\n'));
        this.replies.set(decodeURIComponent(conversation), list);
        res.writeHead(200, JSON_TYPE);
        res.end(JSON.stringify({ id: `r${(this.sequence += 1)}` }));
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /**
   * One turn: the texts the bot answered with (the POST returns once the turn's replies are out). `user`
   * is the channel's user id: the same for one attacker, different for several people.
   */
  async say(botUrl: string, conversationId: string, text: string, user = 'attacker'): Promise<string> {
    const before = this.replies.get(conversationId)?.length ?? 0;
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(this.activity(conversationId, { text, from: { id: user } })),
    });
    await response.arrayBuffer();
    return (this.replies.get(conversationId) ?? []).slice(before).join('\n');
  }

  activity(conversationId: string, fields: Record<string, unknown> = {}) {
    return {
      type: 'message',
      id: `a${(this.sequence += 1)}`,
      channelId: 'emulator',
      serviceUrl: this.url,
      conversation: { id: conversationId },
      from: { id: 'attacker' },
      recipient: { id: 'bot' },
      locale: 'de-CH',
      ...fields,
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback HTTP server that counts the requests it gets and answers each with `status` and `body`. */
class Channel {
  requests = 0;
  url = '';
  private readonly server: Server;

  constructor(status: number, body: string) {
    this.server = createServer((req, res) => {
      this.requests += 1;
      req.resume();
      res.writeHead(status);
      res.end(body);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function row(
  finding: string,
  attack: string,
  tries: number,
  expected: string,
  observed: string,
  pass: boolean,
) {
  return { finding, attack, tries, expected, observed, pass };
}

async function healthMs(url: string): Promise<string> {
  const start = Date.now();
  const response = await rawRequest(`${url}/healthz`, { method: 'GET', timeoutMs: 10_000 }).catch(
    () => undefined,
  );
  return response?.status === 200 ? `${Date.now() - start} ms` : 'no answer';
}

const bodies: Attack = async ({ bot }) => {
  const rows: Row[] = [];
  const gz = { ...JSON_TYPE, 'content-encoding': 'gzip' };
  const posts = await Promise.all(
    [1, 2, 3].map(() => rawRequest(`${bot.url}/api/messages`, { headers: gz, body: 'hello' })),
  );
  rows.push(
    row(
      '1',
      'malformed gzip body, POST /api/messages',
      3,
      '400, process alive',
      `${posts.map((r) => r.status)}, alive=${bot.alive}`,
      posts.every((r) => r.status === 400) && bot.alive,
    ),
  );
  const gets = await Promise.all(
    [1, 2, 3].map(() => rawRequest(`${bot.url}/healthz`, { method: 'GET', headers: gz, body: 'hello' })),
  );
  rows.push(
    row(
      '1',
      'malformed gzip body, GET /healthz',
      3,
      '200, process alive',
      `${gets.map((r) => r.status)}, alive=${bot.alive}`,
      gets.every((r) => r.status === 200) && bot.alive,
    ),
  );
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  const started = Date.now();
  const bombs = Promise.all(
    [1, 2, 3, 4, 5, 6].map(() => rawRequest(`${bot.url}/api/messages`, { headers: gz, body: bomb })),
  );
  const health = await healthMs(bot.url);
  const answers = await bombs;
  const slowest = Date.now() - started;
  rows.push(
    row(
      '1',
      `gzip bomb (${Math.round(bomb.length / 1024)} KB → 64 MB), 6 at once`,
      6,
      '413 each within 2 s; /healthz meanwhile < 1 s',
      `${answers.map((r) => r.status)} in ${slowest} ms; /healthz ${health}`,
      answers.every((r) => r.status === 413) &&
        slowest < 2000 &&
        /^\d+ ms$/.test(health) &&
        parseInt(health) < 1000,
    ),
  );
  const bigFiles = () =>
    new Set(
      readdirSync(tmpdir()).filter((name) => {
        try {
          const stat = statSync(path.join(tmpdir(), name));
          return stat.isFile() && stat.size > 1024 * 1024;
        } catch {
          return false;
        }
      }),
    );
  const before = bigFiles();
  const boundary = 'attack';
  const multipart = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n`),
    Buffer.alloc(20 * 1024 * 1024, 0x41),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const upload = await rawRequest(`${bot.url}/api/messages`, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: multipart,
  });
  await wait(300);
  const added = [...bigFiles()].filter((name) => !before.has(name));
  rows.push(
    row(
      '2',
      'multipart upload of 20 MB to /api/messages',
      1,
      '415, no new file in the temp folder',
      `${upload.status}, ${added.length} new files`,
      upload.status === 415 && added.length === 0,
    ),
  );
  return rows;
};

const openMode: Attack = async ({ bot, emulator, redis, failing, closedUrl }) => {
  const rows: Row[] = [];
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(`${bot.url}/api/messages`, {
      headers: { ...JSON_TYPE, ...headers },
      body: JSON.stringify(body),
    });
  const ssrf = await Promise.all(
    ['http://192.0.2.1:9/', 'http://169.254.169.254/', 'http://10.0.0.1:6379/'].map((serviceUrl) =>
      post(emulator.activity(`ssrf-${serviceUrl}`, { text: 'hallo', serviceUrl })),
    ),
  );
  rows.push(
    row(
      '3',
      'replies to a serviceUrl elsewhere (SSRF)',
      3,
      '403, nothing sent',
      `${ssrf.map((r) => r.status)}`,
      ssrf.every((r) => r.status === 403),
    ),
  );
  const remote = await post(emulator.activity('remote', { text: 'hallo' }), CLIENT(50));
  rows.push(
    row(
      '3',
      'anonymous /api/messages from another machine (via the proxy)',
      1,
      '403',
      `${remote.status}`,
      remote.status === 403,
    ),
  );
  const grant = await token(bot.url, CLIENT(51));
  await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' }, CLIENT(51));
  const hijack = await Promise.all(
    ['directline', 'emulator'].map((channelId) =>
      post(emulator.activity(grant.conversationId, { text: 'KPT10000001', channelId })),
    ),
  );
  rows.push(
    row(
      '3',
      'continue a widget conversation through /api/messages',
      2,
      '403',
      `${hijack.map((r) => r.status)}`,
      hijack.every((r) => r.status === 403),
    ),
  );
  // Another port of this machine (a service, or Redis itself), not in LOCAL_CHANNEL_URLS.
  const canary = await new Channel(200, '{}').start();
  const redisPort = new URL(redis.url).port;
  const local = await Promise.all(
    [canary.url, canary.url.replace('127.0.0.1', 'localhost'), `http://127.0.0.1:${redisPort}/`].map(
      (serviceUrl) => post(emulator.activity(`port-${serviceUrl}`, { text: 'hallo', serviceUrl })),
    ),
  );
  await canary.close();
  rows.push(
    row(
      '3',
      'replies to another port of this machine (a local service, Redis)',
      3,
      '403 naming LOCAL_CHANNEL_URLS, nothing sent',
      `${local.map((r) => r.status)}, ${canary.requests} sent`,
      local.every((r) => r.status === 403 && r.body.includes('LOCAL_CHANNEL_URLS')) && canary.requests === 0,
    ),
  );
  const logBefore = bot.log.length;
  const timed = async (serviceUrl: string, id: string) => {
    const start = Date.now();
    const response = await post(emulator.activity(id, { text: 'hallo', serviceUrl }));
    return { ...response, ms: Date.now() - start };
  };
  const scans = await Promise.all([timed(failing.url, 'scan-1'), timed(closedUrl, 'scan-2')]);
  await wait(200);
  const newLog = bot.log.slice(logBefore);
  const leaked = scans.filter((r) => r.body.includes(FAILING_BODY) || /ECONNREFUSED|connect /i.test(r.body));
  const lines = newLog.split('\n').filter((line) => line.includes('reply not delivered')).length;
  const stacks = (newLog.match(/"stack"|\n\s+at /g) ?? []).length;
  const slowest = Math.max(...scans.map((r) => r.ms));
  rows.push(
    row(
      '3',
      'channel answers 500 / port closed: echoed? retried? stack traces?',
      2,
      '502 without its body or error text; tried once; one log line each, no stack; < 2 s',
      `${scans.map((r) => r.status)}, ${leaked.length} leaked, ${failing.requests} tries, ${lines} lines, ${stacks} stacks, slowest ${slowest} ms`,
      leaked.length === 0 &&
        scans.every((r) => r.status === 502) &&
        failing.requests === 1 &&
        lines === 2 &&
        stacks === 0 &&
        slowest < 2000,
    ),
  );
  const invokes = await Promise.all(
    [{}, null, 'x', { action: { type: 'Action.Execute', verb: 5 } }, { action: [[[{}]]] }].map((value, i) =>
      post(emulator.activity(`invoke-${i}`, { type: 'invoke', name: 'adaptiveCard/action', value })),
    ),
  );
  const teamsInvokes = await Promise.all(
    ['composeExtension/submitAction', 'fileConsent/invoke', 'task/fetch'].map((name, i) =>
      post(emulator.activity(`teams-invoke-${i}`, { type: 'invoke', name, value: null })),
    ),
  );
  await wait(200);
  const invokeStacks = (bot.log.match(/TypeError|"stack"/g) ?? []).length;
  rows.push(
    row(
      '3',
      'invoke adaptiveCard/action with {}, null, junk; Teams invokes with null',
      8,
      '400 card error in the user’s language, 501; no stack in the log',
      `${invokes.map((r) => r.status)}; ${teamsInvokes.map((r) => r.status)}; ${invokeStacks} stacks`,
      invokes.every((r) => r.status === 400 && r.body.includes('Schaltfläche')) &&
        teamsInvokes.every((r) => r.status === 501) &&
        invokeStacks === 0,
    ),
  );
  const outside = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => info!.address);
  const port = new URL(bot.url).port;
  const reached = await Promise.all(
    outside.map((address) =>
      rawRequest(`http://${address}:${port}/healthz`, { method: 'GET', timeoutMs: 2000 }).then(
        () => true,
        () => false,
      ),
    ),
  );
  rows.push(
    row(
      '3',
      'reach the server on a non-loopback interface',
      outside.length,
      'refused (listens on 127.0.0.1)',
      `${reached.filter(Boolean).length} of ${outside.length} interfaces answered; log: ${/listening on (\S+)/.exec(bot.log)?.[1] ?? '?'}`,
      !reached.some(Boolean) && bot.log.includes('listening on http://127.0.0.1:'),
    ),
  );
  return rows;
};

interface Grant {
  token: string;
  conversationId: string;
  domain: string;
}

async function token(url: string, headers: Record<string, string>): Promise<Grant> {
  const response = await fetch(`${url}/api/webchat/token`, { method: 'POST', headers });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  return (await response.json()) as Grant;
}

function directLine(
  grant: Grant,
  method: string,
  suffix: string,
  body: unknown,
  headers: Record<string, string>,
) {
  return fetch(`${grant.domain}${suffix}`, {
    method,
    headers: { authorization: `Bearer ${grant.token}`, ...JSON_TYPE, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const localDirectLine: Attack = async ({ bot }) => {
  const rows: Row[] = [];
  const flood: number[] = [];
  let retryAfter: string | null = null;
  const deadline = Date.now() + 10_000;
  for (let i = 0; i < 200 && Date.now() < deadline; i += 1) {
    const response = await fetch(`${bot.url}/api/webchat/token`, { method: 'POST', headers: CLIENT(60) });
    await response.arrayBuffer();
    flood.push(response.status);
    if (response.status === 429) retryAfter = response.headers.get('retry-after');
  }
  const visitor = await fetch(`${bot.url}/api/webchat/token`, { method: 'POST', headers: CLIENT(61) });
  const granted = flood.filter((status) => status === 200).length;
  const waitSeconds = Number(retryAfter);
  rows.push(
    row(
      '4',
      'token flood from one client',
      flood.length,
      '≤ 10 granted, then 429 with Retry-After (1–60 s); a new visitor still gets one',
      `${granted} granted, ${flood.length - granted} refused (Retry-After ${retryAfter ?? 'absent'}); visitor ${visitor.status}`,
      granted <= 10 && waitSeconds >= 1 && waitSeconds <= 60 && visitor.status === 200,
    ),
  );

  const grant = await token(bot.url, CLIENT(62));
  await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' }, CLIENT(62));
  const path = `/conversations/${grant.conversationId}/activities`;
  const big = { type: 'message', text: 'x'.repeat(1000), value: { padding: 'y'.repeat(235 * 1024) } };
  const posts: number[] = [];
  for (let i = 0; i < 20; i += 1) posts.push((await directLine(grant, 'POST', path, big, CLIENT(62))).status);
  const log = (await (await directLine(grant, 'GET', path, undefined, CLIENT(62))).json()) as {
    activities: unknown[];
  };
  const size = JSON.stringify(log).length;
  rows.push(
    row(
      '4',
      '240 KB activities posted to one conversation',
      20,
      '413 each, nothing stored',
      `${[...new Set(posts)]}; log ${Math.round(size / 1024)} KB`,
      posts.every((s) => s === 413) && size < 64 * 1024,
    ),
  );

  const tokens = [grant.token];
  let current = grant;
  for (let i = 0; i < 20; i += 1) {
    const response = await directLine(current, 'POST', '/tokens/refresh', undefined, CLIENT(63));
    current = { ...current, token: ((await response.json()) as Grant).token };
    tokens.push(current.token);
  }
  const live = await Promise.all(
    tokens.map(
      async (t) => (await directLine({ ...grant, token: t }, 'GET', path, undefined, CLIENT(63))).status,
    ),
  );
  rows.push(
    row(
      '4',
      'token refresh repeated',
      20,
      '1 live token per conversation',
      `${live.filter((s) => s === 200).length} live of ${tokens.length}`,
      live.filter((s) => s === 200).length === 1,
    ),
  );

  const polls: number[] = [];
  for (let i = 0; i < 400; i += 1) {
    const response = await directLine(current, 'GET', path, undefined, CLIENT(64));
    await response.arrayBuffer();
    polls.push(response.status);
  }
  const limited = polls.filter((s) => s === 429).length;
  rows.push(
    row(
      '4',
      'Direct Line calls from one client in a minute',
      400,
      '429 beyond 300 a minute',
      `${polls.length - limited} answered, ${limited} × 429`,
      limited > 0 && polls.length - limited <= 300,
    ),
  );
  return rows;
};

/** Defects found after the attack round (2026-12-03 afternoon): the local Direct Line's own doors. */
/** The first line of the answer to bytes written as they are on a fresh connection ('' if none in time). */
function rawExchange(url: string, payload: string | Buffer, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(payload));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.setTimeout(ms, () => socket.destroy());
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', () => undefined);
  });
}

/** Every public input with odd bytes: headers, encodings, limits, tokens, paths, methods, slow bodies. */
const probes: Attack = async ({ bot }) => {
  const rows: Row[] = [];
  const grant = await token(bot.url, CLIENT(90));
  const other = await token(bot.url, CLIENT(91));
  await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' }, CLIENT(90));
  const activities = `${grant.domain}/conversations/${grant.conversationId}/activities`;
  const auth = { ...JSON_TYPE, ...CLIENT(90), authorization: `Bearer ${grant.token}` };
  const head = 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
  const odd = [
    await rawRequest(`${bot.url}/healthz`, { method: 'GET', headers: { 'x-big': 'a'.repeat(70_000) } }),
    await rawRequest(`${bot.url}/healthz`, {
      method: 'GET',
      headers: Object.fromEntries(Array.from({ length: 2100 }, (_, i) => [`x-h${i}`, 'v'])),
    }),
  ].map((r) => String(r.status));
  odd.push(
    ...(
      await Promise.all([
        rawExchange(bot.url, `${head}Content-Length: 2\r\nContent-Length: 5\r\n\r\n{}`),
        rawExchange(bot.url, `${head}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
        rawExchange(
          bot.url,
          Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: \xff\x00\x80\r\n\r\n', 'latin1'),
        ),
        rawExchange(bot.url, 'GET /\x00 HTTP/1.1\r\n\r\n'),
      ])
    ).map((line) => line.split(' ')[1] ?? 'none'),
  );
  rows.push(
    row(
      'p',
      '70 KB header, 2,100 headers, two Content-Lengths, CL + chunked, bytes 0xff/0x00 in a header, NUL in the path',
      6,
      '4xx each, process alive',
      `${odd}, alive=${bot.alive}`,
      odd.every((status) => /^4\d\d$/.test(status)) && bot.alive,
    ),
  );
  const bodies = await Promise.all([
    rawRequest(activities, { headers: { ...auth, 'content-encoding': 'br' }, body: 'xx' }),
    rawRequest(activities, { headers: { ...auth, 'content-encoding': 'deflate' }, body: 'xxxx' }),
    rawRequest(activities, {
      headers: { ...auth, 'content-encoding': 'gzip, gzip' },
      body: gzipSync(gzipSync('{}')),
    }),
    rawRequest(`${bot.url}/api/messages`, { headers: JSON_TYPE, body: `{"a":"${'a'.repeat(256 * 1024)}"}` }),
    rawRequest(activities, {
      headers: auth,
      body: Buffer.concat([
        Buffer.from('{"type":"message","text":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]),
    }),
  ]);
  rows.push(
    row(
      'p',
      'Direct Line bodies: br, broken deflate, gzip twice, 256 KB + 1, invalid UTF-8',
      5,
      '415, 400, 415, 413, 400',
      `${bodies.map((r) => r.status)}`,
      bodies.map((r) => r.status).join() === '415,400,415,413,400',
    ),
  );
  const otherPath = `${grant.domain}/conversations/${other.conversationId}/activities`;
  const bearer = (value: string) => ({ ...JSON_TYPE, ...CLIENT(90), authorization: `Bearer ${value}` });
  const tokens = await Promise.all([
    rawRequest(otherPath, { method: 'GET', headers: auth }),
    rawRequest(otherPath, { headers: auth, body: '{"type":"message","text":"x"}' }),
    rawRequest(activities, { method: 'GET', headers: bearer(`${grant.token.slice(0, -2)}xx`) }),
    rawRequest(activities, { method: 'GET', headers: bearer('eyJhbGciOiJub25lIn0.eyJjb252IjoiYSJ9.') }),
    rawRequest(activities, { method: 'GET', headers: { ...CLIENT(90) } }),
  ]);
  rows.push(
    row(
      'p',
      'another conversation with my token (read, write), forged token, alg "none" JWT, no token',
      5,
      '403 each, nothing of the other conversation',
      `${tokens.map((r) => r.status)}`,
      tokens.every((r) => r.status === 403 && !r.body.includes('activities')),
    ),
  );
  const paths = [
    '/vendor/..%2f..%2fpackage.json',
    '/vendor/%2e%2e/%2e%2e/package.json',
    '/../package.json',
    '/widget.js/..%2f..%2f.env',
    '/vendor/..\\..\\package.json',
    '/vendor/webchat.js%00.txt',
    '//etc/passwd',
    '/downloads/..%2f..%2fpackage.json',
    '/downloads/%00',
    `/downloads/${'a'.repeat(5000)}`,
  ];
  const traversal = await Promise.all(paths.map((p) => rawRequest(`${bot.url}${p}`, { method: 'GET' })));
  rows.push(
    row(
      'p',
      'path traversal on static files and downloads (%2f, %2e, backslashes, NUL, 5,000 characters)',
      paths.length,
      '404, no file content',
      `${[...new Set(traversal.map((r) => r.status))]}`,
      traversal.every((r) => r.status === 404 && !/"dependencies"|root:x:|STATE_SECRET/.test(r.body)),
    ),
  );
  const methods = await Promise.all(
    ['OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND'].flatMap((method) => [
      rawRequest(`${bot.url}/api/messages`, { method, headers: JSON_TYPE }),
      rawRequest(activities, { method, headers: auth }),
    ]),
  );
  rows.push(
    row(
      'p',
      'OPTIONS, HEAD, PUT, DELETE, PATCH, TRACE, PROPFIND on /api/messages and Direct Line',
      methods.length,
      '4xx, never 5xx',
      `${[...new Set(methods.map((r) => r.status))]}`,
      methods.every((r) => r.status >= 400 && r.status < 500),
    ),
  );
  const slow = Array.from(
    { length: 20 },
    () =>
      new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(bot.url).port), '127.0.0.1', () =>
          socket.write(`${head}Content-Length: 1000\r\n\r\n`),
        );
        let sent = 0;
        const drip = setInterval(() => {
          if ((sent += 1) > 10) socket.destroy();
          else socket.write('{');
        }, 300);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(drip);
          resolve();
        });
      }),
  );
  await wait(500);
  const during = await healthMs(bot.url);
  await Promise.all(slow);
  rows.push(
    row(
      'p',
      '20 slow bodies (one byte every 300 ms for 3 s)',
      20,
      '/healthz answers meanwhile in < 1 s; process alive',
      `/healthz ${during}, alive=${bot.alive}`,
      /^\d+ ms$/.test(during) && parseInt(during, 10) < 1000 && bot.alive,
    ),
  );
  return rows;
};

const directLineDoors: Attack = async ({ bot }) => {
  const rows: Row[] = [];
  const started = async (client: number) => {
    const grant = await token(bot.url, CLIENT(client));
    await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' }, CLIENT(client));
    return grant;
  };
  const victim = await started(70);
  const attacker = await started(71);
  const path = (grant: Grant) => `/conversations/${grant.conversationId}/activities`;
  const read = async (grant: Grant, client: number) =>
    (await (await directLine(grant, 'GET', path(grant), undefined, CLIENT(client))).json()) as {
      activities: Record<string, unknown>[];
    };
  const seen = JSON.stringify((await read(attacker, 71)).activities);
  const leaked = /serviceUrl|local-connector/.test(seen);
  const before = (await read(victim, 70)).activities.length;
  const forged = await fetch(
    `${bot.url}/local-connector/x/v3/conversations/${victim.conversationId}/activities`,
    {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ type: 'message', text: 'Bitte Passwort hier eingeben: http://evil.example' }),
    },
  );
  const after = (await read(victim, 70)).activities.length;
  rows.push(
    row(
      'dl-1',
      "read the bot's serviceUrl, then write into another conversation as the bot",
      1,
      'no serviceUrl in any activity; no connector door (404); victim log unchanged',
      `serviceUrl seen: ${leaked}; ${forged.status}; victim log ${before} → ${after}`,
      !leaked && forged.status === 404 && after === before,
    ),
  );

  const latin1 = await rawRequest(`${bot.url}${new URL(attacker.domain).pathname}${path(attacker)}`, {
    headers: {
      authorization: `Bearer ${attacker.token}`,
      'content-type': 'application/json; charset=iso-8859-1',
      ...CLIENT(71),
    },
    body: Buffer.from('{"type":"message","text":"Grüezi"}', 'latin1'),
  });
  const watermarks = await Promise.all(
    ['-5', '99999999999999999999'].map(async (watermark) => {
      const response = await directLine(
        attacker,
        'GET',
        `${path(attacker)}?watermark=${watermark}`,
        undefined,
        CLIENT(71),
      );
      await response.arrayBuffer();
      return response.status;
    }),
  );
  rows.push(
    row(
      'dl-5',
      'a Latin-1 body; watermarks -5 and 10^20 (the whole log)',
      3,
      '415; 400, 400',
      `${latin1.status}; ${watermarks.join(', ')}`,
      latin1.status === 415 && watermarks.every((status) => status === 400),
    ),
  );

  const padded: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const event = {
      type: 'event',
      name: 'pad',
      channelData: { clientActivityID: `p${i}`, pad: 'p'.repeat(15_000) },
    };
    padded.push((await directLine(attacker, 'POST', path(attacker), event, CLIENT(71))).status);
  }
  const stored = JSON.stringify((await read(attacker, 71)).activities).length;
  rows.push(
    row(
      'dl-2',
      'events with 15 KB channelData to fill the store',
      20,
      'channelData beyond Web Chat’s ids not stored (log < 16 KB)',
      `${[...new Set(padded)]}; log ${Math.round(stored / 1024)} KB`,
      stored < 16 * 1024,
    ),
  );

  // One client filling Redis (several instances share it): held to its 4 MB like in memory.
  const filled = new Map<number, number>();
  let clientFull = '';
  for (let c = 0; c < 5 && !clientFull; c += 1) {
    const grant = await started(80);
    for (let i = 0; i < 70; i += 1) {
      const event = { type: 'event', name: 'fill', text: 'f'.repeat(15_500) };
      const response = await directLine(grant, 'POST', path(grant), event, CLIENT(80));
      filled.set(response.status, (filled.get(response.status) ?? 0) + 1);
      const body = await response.text();
      if (body.includes('Too much stored for this client')) clientFull = body;
      if (response.status !== 200) break;
    }
  }
  const newcomer = await started(81);
  const newcomerPost = await directLine(
    newcomer,
    'POST',
    path(newcomer),
    { type: 'message', text: 'Online-Rabatt' },
    CLIENT(81),
  );
  await newcomerPost.arrayBuffer();
  rows.push(
    row(
      'dl-6',
      'one client fills the widget’s store in Redis (15 KB events)',
      [...filled.values()].reduce((a, b) => a + b, 0),
      '429 “Too much stored for this client” near 4 MB; a newcomer served',
      `${[...filled].map(([status, n]) => `${n}×${status}`).join(', ')}; newcomer ${newcomerPost.status}`,
      clientFull !== '' && (filled.get(200) ?? 0) < 280 && newcomerPost.status === 200,
    ),
  );

  const forgedHops = [
    'garbage',
    '',
    '999.999.1.1',
    ...Array.from({ length: 17 }, (_, i) => `198.18.0.${i}, x`),
  ];
  const hopStatuses: number[] = [];
  for (const hop of forgedHops) {
    const response = await fetch(`${bot.url}/api/webchat/token`, {
      method: 'POST',
      headers: { 'x-forwarded-for': hop },
    });
    await response.arrayBuffer();
    hopStatuses.push(response.status);
  }
  const hopGranted = hopStatuses.filter((status) => status === 200).length;
  rows.push(
    row(
      'dl-4',
      'X-Forwarded-For entries that are not addresses, as new clients',
      forgedHops.length,
      '≤ 10 tokens (all count as the proxy)',
      `${hopGranted} granted, ${forgedHops.length - hopGranted} refused`,
      hopGranted <= 10,
    ),
  );
  return rows;
};

/** The sandbox's "SMS gateway" lines and its verification calls, as the bot process printed them. */
const sandboxLines = (bot: BotProcess, pattern: RegExp) =>
  bot.log.split('\n').filter((line) => pattern.test(line));

async function startVerification(
  bot: BotProcess,
  emulator: Emulator,
  conversation: string,
  contract: string,
  user?: string,
) {
  await emulator.say(bot.url, conversation, 'Ich möchte das Login auf zwei Stufen umstellen', user);
  await emulator.say(bot.url, conversation, contract, user);
  return emulator.say(bot.url, conversation, 'per SMS', user);
}

const codes: Attack = async ({ bot, emulator }) => {
  const rows: Row[] = [];
  const sentBefore = sandboxLines(bot, /\[outbox\].*KPT10000004/).length;
  for (let i = 0; i < 4; i += 1) {
    await emulator.say(bot.url, `request-${i}`, 'Schicken Sie mir einen Code');
    await emulator.say(bot.url, `request-${i}`, 'KPT10000004');
    await emulator.say(bot.url, `request-${i}`, 'SMS');
    await startVerification(bot, emulator, `sends-${i}`, 'KPT10000004');
  }
  const sent = sandboxLines(bot, /\[outbox\].*KPT10000004/).length - sentBefore;
  rows.push(
    row(
      '5',
      '4 login codes and 4 verification codes for one number',
      8,
      '≤ 5 an hour',
      `${sent} sent`,
      sent <= 5,
    ),
  );

  let wrongAnswered = 0;
  let tried = 0;
  for (let n = 0; n < 40; n += 1) {
    const conversation = `guess-${n}`;
    await startVerification(bot, emulator, conversation, `KPT2${String(n).padStart(7, '0')}`);
    for (const code of ['000000', '000001']) {
      tried += 1;
      if ((await emulator.say(bot.url, conversation, code)).includes('stimmt leider nicht'))
        wrongAnswered += 1;
    }
  }
  rows.push(
    row(
      '5',
      'wrong codes across 40 numbers from one client',
      tried,
      'a polite wait before all are checked',
      `${wrongAnswered} checked as wrong`,
      wrongAnswered < tried,
    ),
  );

  const verifyBefore = sandboxLines(bot, /verifications/).length;
  // Five people (or one with five identities), so that no per-user budget hides the race.
  const parallel = [0, 1, 2, 3, 4].map((i) => `parallel-${i}`);
  for (const id of parallel) await startVerification(bot, emulator, id, 'KPT10000002', id);
  await Promise.all(parallel.map((id) => emulator.say(bot.url, id, '999999', id)));
  const reached = sandboxLines(bot, /verifications/).length - verifyBefore;
  rows.push(
    row(
      '5',
      '5 parallel wrong codes for one number',
      5,
      '≤ 3 reach the backend',
      `${reached} reached it`,
      reached <= 3,
    ),
  );
  return rows;
};

const supportRequests: Attack = async ({ bot, emulator }) => {
  const mails = () => sandboxLines(bot, /E-mail to web support/).length;
  /** One request, from the wish to the consent: topic, description, contact, "ja". */
  const request = async (conversation: string, description: string) => {
    await emulator.say(bot.url, conversation, 'Ich möchte eine Anfrage an den Websupport hinterlassen');
    await emulator.say(bot.url, conversation, 'Login');
    const afterDescription = await emulator.say(bot.url, conversation, description);
    await emulator.say(bot.url, conversation, 'angreifer@example.com');
    await emulator.say(bot.url, conversation, 'ja');
    return afterDescription;
  };
  const before = mails();
  for (let i = 0; i < 3; i += 1) await request('support-flood', 'Ich komme nicht ins Portal.');
  const sent = mails() - before;
  const oversized = mails();
  const refusal = await request('support-oversized', 'x'.repeat(2_500));
  const oversizedSent = mails() - oversized;
  return [
    row(
      '15',
      'three support requests from one conversation',
      3,
      '1 sent, then a wait',
      `${sent} sent`,
      sent === 1,
    ),
    row(
      '15',
      'a 2,500-character description',
      1,
      'asked again, nothing sent',
      `${refusal.includes('höchstens') ? 'asked again' : 'not asked again'}, ${oversizedSent} sent`,
      refusal.includes('höchstens') && oversizedSent === 0,
    ),
  ];
};

const certificates: Attack = async ({ bot, redis, emulator }) => {
  // The customer herself, not the guessing attacker, whose code checks are spent by now.
  const [conversation, user] = ['certificate', 'customer'];
  await emulator.say(bot.url, conversation, 'Ich brauche die Steuerbescheinigung', user);
  await emulator.say(bot.url, conversation, 'KPT10000001', user);
  await emulator.say(bot.url, conversation, 'per SMS', user);
  const code =
    [...sandboxLines(bot, /\[outbox\].*KPT10000001/)].pop()?.match(/identity code (\d{6})/)?.[1] ?? '';
  let answer = await emulator.say(bot.url, conversation, code, user);
  if (!answer.includes('/downloads/'))
    answer += await emulator.say(bot.url, conversation, 'letztes Jahr', user);
  const link = /\/downloads\/([A-Za-z0-9_-]+)/.exec(answer)?.[1];
  const reader = createRedisClient(redis.url);
  await connectRedis(reader);
  try {
    const keys = await reader.keys('*');
    const values = await Promise.all(keys.map((key) => reader.get(key).catch(() => '')));
    const rawKey = link !== undefined && keys.some((key) => key.includes(link));
    const clearPdf = values.some((value) => value?.includes('JVBER') || value?.includes('%PDF'));
    return [
      row(
        '6',
        'certificate link token and PDF in Redis',
        1,
        'key hashed, document encrypted',
        link ? `raw token in key: ${rawKey}, PDF in clear: ${clearPdf}` : 'no link obtained',
        !!link && !rawKey && !clearPdf,
      ),
    ];
  } finally {
    reader.disconnect();
  }
};

const logs: Attack = async ({ bot, redis, emulator }) => {
  for (const text of [
    'mein Passwort ist Hunter2!',
    'Passwort Hunter2! geht nicht xq',
    'mon mot de passe est Hunter2!',
  ]) {
    await emulator.say(bot.url, `password-${text.length}`, text);
  }
  const grant = await token(bot.url, CLIENT(70));
  await directLine(grant, 'POST', '/conversations', {}, { ...CLIENT(70), 'content-encoding': 'gzip' });
  // A reply that cannot be delivered: botbuilder prints the failed URL, conversation id included.
  await rawRequest(`${bot.url}/api/messages`, {
    headers: JSON_TYPE,
    body: JSON.stringify(
      emulator.activity('KPT10000003-in-the-id', { text: 'hallo', serviceUrl: 'http://127.0.0.1:9' }),
    ),
  });
  await wait(1500);
  const botLines = bot.log.split('\n').filter((line) => !line.startsWith('[sandbox]'));
  const leaks = botLines.filter((line) => line.includes(grant.token) || /KPT ?\d{8}|Hunter2/.test(line));
  const reader = createRedisClient(redis.url);
  await connectRedis(reader);
  let stored: string;
  let recorded: number;
  try {
    const records = await reader.xrange('bot:insights', '-', '+');
    recorded = records.length;
    stored = JSON.stringify(records);
  } finally {
    reader.disconnect();
  }
  return [
    row(
      '7',
      'tokens, contract numbers, passwords in the log',
      botLines.length,
      'none',
      `${leaks.length} lines`,
      leaks.length === 0,
    ),
    row(
      '7',
      'typed password in the insights',
      1,
      'masked',
      `${recorded} records, ${stored.includes('Hunter2') ? 'password in clear' : 'password not in clear'}`,
      recorded > 0 && !stored.includes('Hunter2'),
    ),
  ];
};

/** Explorer 2026-12-03: one long made-up word made the matcher compare it with every known word. */
const madeUpWord: Attack = async ({ bot, emulator }) => {
  const letters = Array.from(randomBytes(2_000), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  const start = Date.now();
  const turn = emulator
    .say(bot.url, 'made-up-word', letters)
    .then((answer) => ({ answer, ms: Date.now() - start }));
  await wait(20);
  const during = await healthMs(bot.url);
  const { answer, ms } = await turn;
  return [
    row(
      'dos',
      'one message of 2,000 random letters (no space)',
      1,
      'a reply in < 1 s; /healthz meanwhile < 1 s',
      `answered in ${ms} ms (${answer ? 'a reply' : 'no reply'}); /healthz ${during}`,
      answer !== '' && ms < 1000 && /^\d+ ms$/.test(during) && parseInt(during, 10) < 1000,
    ),
  ];
};

const low: Attack = async ({ bot }) => {
  const rows: Row[] = [];
  const reflected = await rawRequest(`${bot.url}/api/webchat/token`, {
    headers: { host: 'evil.example.com' },
  });
  rows.push(
    row(
      'low',
      'Host header in the widget token’s domain',
      1,
      'never reflected',
      reflected.body.includes('evil')
        ? 'reflected'
        : `${JSON.parse(reflected.body).domain ?? reflected.status}`,
      !reflected.body.includes('evil'),
    ),
  );
  const grant = await token(bot.url, CLIENT(80));
  await directLine(grant, 'POST', '/conversations', {}, CLIENT(80));
  const path = `/conversations/${grant.conversationId}/activities`;
  const deep = `{"type":"message","text":"hi","value":${'{"v":'.repeat(40_000)}1${'}'.repeat(40_000)}}`;
  const posted = await rawRequest(`${grant.domain}${path}`, {
    headers: { ...JSON_TYPE, ...CLIENT(80), authorization: `Bearer ${grant.token}` },
    body: deep,
  });
  const history = await directLine(grant, 'GET', path, undefined, CLIENT(80));
  rows.push(
    row(
      'low',
      'deep JSON (40,000 levels) in value, then read the history',
      1,
      '400 at intake, history 200',
      `${posted.status}, history ${history.status}`,
      posted.status === 400 && history.status === 200,
    ),
  );
  const metrics = await rawRequest(`${bot.url}/metrics`, { method: 'GET', headers: CLIENT(81) });
  rows.push(
    row(
      'low',
      '/metrics from another machine without METRICS_TOKEN',
      1,
      '401',
      `${metrics.status}`,
      metrics.status === 401,
    ),
  );
  const probe = '<script>alert(1)</script>';
  const unknown = await Promise.all([
    rawRequest(`${bot.url}/${encodeURIComponent(probe)}`, { method: 'GET' }),
    rawRequest(`${bot.url}/healthz`, { method: 'DELETE' }),
  ]);
  rows.push(
    row(
      'low',
      'unknown path with a script in it, DELETE /healthz: is the request quoted back?',
      2,
      '404 and 405, fixed text, nothing of the request',
      `${unknown.map((r) => `${r.status} ${r.body}`).join(', ')}`,
      unknown.map((r) => r.status).join() === '404,405' &&
        unknown.every((r) => !/script|alert|DELETE|healthz/i.test(r.body)),
    ),
  );
  const [getStrings, headStrings] = await Promise.all(
    ['GET', 'HEAD'].map((method) => rawRequest(`${bot.url}/api/webchat/strings/de`, { method })),
  );
  rows.push(
    row(
      'low',
      'HEAD /api/webchat/strings/de (an uptime check of the widget)',
      1,
      'like GET (200, same type), no body',
      `${headStrings!.status} ${headStrings!.headers['content-type']}, ${headStrings!.body.length} bytes`,
      headStrings!.status === 200 &&
        headStrings!.headers['content-type'] === getStrings!.headers['content-type'] &&
        headStrings!.body === '',
    ),
  );
  const page = await rawRequest(`${bot.url}/`, { method: 'GET' });
  const scripts = /script-src [^;]*/.exec(String(page.headers['content-security-policy'] ?? ''))?.[0];
  rows.push(
    row(
      'low',
      'Content-Security-Policy on the demo page',
      1,
      "present, scripts from the server only (no 'unsafe-…')",
      scripts ?? 'absent',
      scripts === "script-src 'self'",
    ),
  );
  return rows;
};

/** Explorer round of 2026-12-04: restify's own 404/405 texts, personal data in fullwidth or other digits. */
const explorer: Attack = async ({ bot, redis, emulator }) => {
  const marker = '%3Cscript%3Ealert(1)%3C/script%3E';
  const unknown = await Promise.all([
    rawRequest(`${bot.url}/${marker}`, { method: 'GET' }),
    rawRequest(`${bot.url}/v3/directline/conversations/%ff%fe/${'a'.repeat(3000)}`, { method: 'GET' }),
    rawRequest(`${bot.url}/healthz?${marker}`, { method: 'DELETE' }),
  ]);
  const echoed = unknown.filter((r) => /script|%ff|aaaa|DELETE/i.test(r.body));
  const typed = ['ＫＰＴ１０００００９１', 'KPT١٠٠٠٠٠٩٢', 'anna.muster＠example.com'];
  for (const [i, text] of typed.entries()) await emulator.say(bot.url, `lookalike-${i}`, text);
  await wait(500);
  const reader = createRedisClient(redis.url);
  await connectRedis(reader);
  let stored: string;
  try {
    stored = JSON.stringify(await reader.xrange('bot:insights', '-', '+'));
  } finally {
    reader.disconnect();
  }
  const clear = ['１０００００９１', '١٠٠٠٠٠٩٢', 'muster'].filter((digits) => stored.includes(digits));
  return [
    row(
      'e',
      'unknown path (markup, invalid bytes, 3,000 characters) and method: restify echoed them in its 404/405',
      unknown.length,
      '404/405, fixed message, nosniff',
      `${unknown.map((r) => r.status)}, ${echoed.length} echoed`,
      echoed.length === 0 && unknown.every((r) => r.headers['x-content-type-options'] === 'nosniff'),
    ),
    row(
      'e',
      'contract numbers and e-mail typed in fullwidth or Arabic-Indic digits, in the insights',
      typed.length,
      'masked',
      clear.length === 0 ? 'masked' : `in clear: ${clear.length}`,
      clear.length === 0,
    ),
  ];
};

/**
 * Last: SIGTERM while 10 keep-alive clients hold open connections and each sends one more request on its own
 * connection. Each must be answered (with Connection: close); a new connection afterwards is refused.
 */
async function sigterm(bot: BotProcess): Promise<Row> {
  const agent = new Agent({ keepAlive: true, maxSockets: 10 });
  const ask = () =>
    new Promise<string>((resolve) => {
      const req = request(`${bot.url}/readyz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(`${res.statusCode} ${res.headers.connection ?? ''}`.trim()));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
  const tenAtOnce = () => Promise.all(Array.from({ length: 10 }, ask));
  await tenAtOnce();
  const exit = bot.stop('SIGTERM');
  await wait(200);
  const during = await tenAtOnce();
  await wait(1500);
  const fresh = await ask();
  agent.destroy();
  const code = await exit;
  const answered = during.filter((outcome) => outcome === '503 close').length;
  return row(
    'low',
    'SIGTERM: 10 keep-alive clients each send one more request',
    10,
    'each answered 503 with Connection: close, then refused; exit 0',
    `${answered} answered (${[...new Set(during)].join(', ')}), then ${fresh}, exit ${code}`,
    answered === 10 && fresh === 'ECONNREFUSED' && code === 0,
  );
}

function table(rows: Row[]): string {
  const header =
    '| finding | attack | tries | expected | observed | result |\n| --- | --- | ---: | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.finding} | ${r.attack} | ${r.tries} | ${r.expected} | ${r.observed.replace(/\|/g, '/')} | ${r.pass ? 'pass' : 'FAIL'} |`,
  );
  return [header, ...lines].join('\n');
}

async function main(): Promise<void> {
  // Bounded: whatever happens, the run ends within five minutes.
  setTimeout(() => {
    console.error('attack run took longer than 5 minutes: stopped');
    process.exit(2);
  }, 5 * 60_000).unref();
  const redis = await RedisServer.start();
  const emulator = new Emulator();
  await emulator.start();
  const failing = await new Channel(500, FAILING_BODY).start();
  const closedUrl = `http://127.0.0.1:${await freePort()}`;
  const bot = await BotProcess.start({
    REDIS_URL: redis.url,
    STATE_SECRET,
    TRUST_PROXY: '1',
    LOG_LEVEL: 'info',
    LOCAL_CHANNEL_URLS: [emulator.url, failing.url, closedUrl].join(','),
  });
  const rows: Row[] = [];
  try {
    for (const [name, attack] of Object.entries({
      bodies,
      openMode,
      localDirectLine,
      codes,
      supportRequests,
      certificates,
      logs,
      madeUpWord,
      low,
      probes,
      // Last: its forged X-Forwarded-For values all count as the loopback client and use up its budget.
      directLineDoors,
      explorer,
    })) {
      try {
        rows.push(...(await attack({ bot, redis, emulator, failing, closedUrl })));
      } catch (error) {
        rows.push(row('?', name, 0, 'runs', `error: ${(error as Error).message}`, false));
      }
    }
    rows.push(await sigterm(bot));
  } finally {
    await bot.stop('SIGKILL');
    await emulator.close();
    await failing.close();
    await redis.dispose();
  }
  console.log(
    `Attack run ${new Date().toISOString()} against src/index.ts on loopback (REDIS_URL, TRUST_PROXY=1)\n`,
  );
  console.log(table(rows));
  const failed = rows.filter((r) => !r.pass).length;
  console.log(`\n${rows.length - failed} of ${rows.length} pass`);
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
