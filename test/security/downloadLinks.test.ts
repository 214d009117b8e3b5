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

test(`a link serves the document ${FETCHES_PER_LINK} times, even when fetched in parallel, then no more`, async () => {
  const sut = links();
  const token = await publish(sut);
  const fetched = await Promise.all(Array.from({ length: 6 }, () => sut.find(token)));
  const served = fetched.filter((document) => document !== undefined);
  expect(served).toHaveLength(FETCHES_PER_LINK);
  expect(served[0]!.content.equals(PDF)).toBe(true);
  expect(await sut.find(token)).toBeUndefined();
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
