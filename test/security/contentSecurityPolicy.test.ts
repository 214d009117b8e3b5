import { loadConfig } from '../../src/config';
import { demoPagePolicy } from '../../src/server/contentSecurityPolicy';
import { startSecurityServer } from './securityServer';

/** The low finding "no Content-Security-Policy"; the browser test runs the whole widget under the policy. */
const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

test('the demo page carries the policy: scripts and connections to this server only, never framed', async () => {
  const server = await startSecurityServer();
  try {
    const page = await fetch(`${server.url}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  } finally {
    await server.close();
  }
});

test('with Azure Direct Line the chat may connect to its endpoint and WebSocket stream, nowhere else', () => {
  const policy = demoPagePolicy(
    loadConfig({
      DIRECT_LINE_SECRET: 'a-direct-line-secret-for-tests',
      DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/v3/directline',
    }),
  );
  expect(directive(policy, 'connect-src')).toBe(
    "connect-src 'self' https://europe.directline.botframework.com wss://europe.directline.botframework.com",
  );
});
