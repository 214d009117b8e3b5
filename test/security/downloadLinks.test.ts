import { SecretBox } from '../../src/security/secretBox';
import { DownloadLinks, FETCHES_PER_LINK } from '../../src/server/downloadLinks';
import { RedisExpiringStore } from '../../src/state/redisExpiringStore';
import { redisForTests } from '../helpers/redis';

/** Finding 6 of the attack round: a certificate in Redis must be useless to whoever reads Redis. */
const redis = redisForTests();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

function links(): DownloadLinks {
  return new DownloadLinks(
    new RedisExpiringStore(redis.client()),
    new SecretBox('download-test-secret'),
    'https://bot.example.ch',
    10,
  );
}

async function publish(sut: DownloadLinks): Promise<string> {
  const { url } = await sut.publish({
    fileName: 'Steuerbescheinigung-2025.pdf',
    contentType: 'application/pdf',
    content: PDF,
  });
  return url.split('/downloads/')[1]!;
}

test('Redis holds neither the link token nor the document in clear', async () => {
  const token = await publish(links());
  const keys = await redis.client().keys('*');
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.filter((key) => key.includes(token))).toEqual([]);
  const values = await Promise.all(keys.map((key) => redis.client().get(key)));
  for (const value of values) {
    expect(value).not.toContain('%PDF');
    expect(value).not.toContain(PDF.toString('base64').slice(0, 12));
    expect(value).not.toContain('Steuerbescheinigung');
  }
});

test('a link serves the document once, even when fetched in parallel; then it is known as used', async () => {
  expect(FETCHES_PER_LINK).toBe(1);
  const sut = links();
  const token = await publish(sut);
  const other = await publish(sut);
  expect(await sut.used(token)).toBe(false);
  const fetched = await Promise.all(Array.from({ length: 6 }, () => sut.find(token)));
  const served = fetched.filter((document) => document !== undefined);
  expect(served).toHaveLength(1);
  expect(served[0]!.content.equals(PDF)).toBe(true);
  // A second person with the link (curl, a forwarded mail) gets nothing, and the page can say why.
  expect(await sut.find(token)).toBeUndefined();
  expect(await sut.used(token)).toBe(true);
  // Other links are untouched; an invented token is not "used", only unknown.
  expect(await sut.used(other)).toBe(false);
  expect((await sut.find(other))?.content.equals(PDF)).toBe(true);
  expect(await sut.used('A'.repeat(43))).toBe(false);
});

test('a document sealed with another secret (another deployment) is not served', async () => {
  const token = await publish(links());
  const other = new DownloadLinks(
    new RedisExpiringStore(redis.client()),
    new SecretBox('another-secret'),
    'https://bot.example.ch',
    10,
  );
  expect(await other.find(token)).toBeUndefined();
});
