import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { rawRequest } from '../../bench/rawRequest';
import { BotProcess } from '../../bench/serverProcess';

/**
 * Findings 1 and 2 of the attack round, against the real server process (`src/index.ts`): bodies that
 * crashed it or filled the disk. Each test checks afterwards that the same process still answers.
 */
let server: BotProcess;

beforeAll(async () => {
  server = await BotProcess.start();
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

async function healthy(): Promise<boolean> {
  const response = await rawRequest(`${server.url}/healthz`, { method: 'GET' }).catch(() => undefined);
  return server.alive && response?.status === 200;
}

const json = { 'content-type': 'application/json' };

test('a malformed gzip body on /api/messages gets 400 and the process lives on', async () => {
  const response = await rawRequest(`${server.url}/api/messages`, {
    headers: { ...json, 'content-encoding': 'gzip' },
    body: 'hello',
  });
  expect(response.status).toBe(400);
  expect(await healthy()).toBe(true);
});

test('a malformed gzip body on GET /healthz is ignored, and the process lives on', async () => {
  const response = await rawRequest(`${server.url}/healthz`, {
    method: 'GET',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: 'hello',
  });
  expect(response.status).toBe(200);
  expect(await healthy()).toBe(true);
});

test('a gzip bomb (64 KB inflating to 64 MB) gets 413 once the limit is passed', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  expect(bomb.length).toBeLessThan(256 * 1024);
  const response = await rawRequest(`${server.url}/api/messages`, {
    headers: { ...json, 'content-encoding': 'gzip' },
    body: bomb,
  });
  expect(response.status).toBe(413);
  expect(await healthy()).toBe(true);
});

test('an encoding other than identity, gzip or deflate gets 415', async () => {
  const response = await rawRequest(`${server.url}/api/messages`, {
    headers: { ...json, 'content-encoding': 'br' },
    body: 'whatever',
  });
  expect(response.status).toBe(415);
});

test('a 20 MB multipart upload gets 415 and leaves no file in the temp folder', async () => {
  const bigFilesIn = (dir: string) =>
    new Set(
      readdirSync(dir).filter((name) => {
        try {
          const stat = statSync(path.join(dir, name));
          return stat.isFile() && stat.size > 1024 * 1024;
        } catch {
          return false;
        }
      }),
    );
  const before = bigFilesIn(tmpdir());
  const boundary = 'attack-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.alloc(20 * 1024 * 1024, 0x41),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await rawRequest(`${server.url}/api/messages`, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  expect(response.status).toBe(415);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect([...bigFilesIn(tmpdir())].filter((name) => !before.has(name))).toEqual([]);
  expect(await healthy()).toBe(true);
});

test('a JSON body without a JSON content type gets 415', async () => {
  const response = await rawRequest(`${server.url}/api/messages`, {
    headers: { 'content-type': 'text/plain' },
    body: '{"type":"message"}',
  });
  expect(response.status).toBe(415);
});

test('in local mode the server listens on the loopback interface only', () => {
  expect(server.log).toMatch(/Bot listening on http:\/\/127\.0\.0\.1:\d+\/api\/messages/);
});
