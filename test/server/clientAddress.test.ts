import { startSecurityServer, widgetToken, type SecurityServer } from '../security/securityServer';

/**
 * With TRUST_PROXY=1 the client is the last X-Forwarded-For entry (the one our proxy wrote). An entry there
 * that is not an IP address must not make a new client: it falls back to the socket's address.
 */
describe('X-Forwarded-For entries that are not addresses (TRUST_PROXY=1)', () => {
  let server: SecurityServer;
  beforeAll(async () => {
    server = await startSecurityServer({ TRUST_PROXY: '1' });
  });
  afterAll(() => server.close());

  test('each counts as the proxy itself, so the per-client token budget (10 a minute) still holds', async () => {
    const forged = [
      'garbage',
      '',
      '999.999.1.1',
      '1.2.3.4, garbage',
      '5.6.7.8, ',
      '9.9.9.9,999.1.1.1',
      `${Array.from({ length: 500 }, (_, i) => `10.${i >> 8}.0.${i & 255}`).join(',')},nonsense`,
      '1.1.1.1:80',
      '2001:db8::1, [bad]',
      'unknown',
      'localhost',
      '203.0.113.1 203.0.113.2',
    ];
    const statuses: number[] = [];
    for (const value of forged) {
      statuses.push((await widgetToken(server.url, { 'x-forwarded-for': value })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // A real client behind the proxy is not affected.
    expect((await widgetToken(server.url, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
  });
});
