import { createServer, type Server } from 'node:http';
import { runConversations, type LoadOptions } from '../../bench/conversationLoad';
import { inTurn } from '../../bench/userMessages';
import { listen } from '../helpers/http';

interface Activity {
  id: string;
  serviceUrl: string;
  conversation: { id: string };
  text: string;
}

/** A stand-in bot: replies through the activity's serviceUrl as `behave` says, then answers the POST. */
function fakeBot(
  behave: (activity: Activity) => 'reply' | 'fail' | 'silent' | 'apologise' | 'reply-twice',
): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const activity = JSON.parse(Buffer.concat(chunks).toString()) as Activity;
      const behaviour = behave(activity);
      // writeHead and end not chained: restify (loaded by other tests in this worker) patches writeHead
      // of every http server to return nothing.
      if (behaviour === 'fail') {
        res.writeHead(500);
        return void res.end();
      }
      if (behaviour !== 'silent') {
        const text = behaviour === 'apologise' ? 'Sorry, something went wrong.' : `echo: ${activity.text}`;
        const url = `${activity.serviceUrl}/v3/conversations/${activity.conversation.id}/activities/${activity.id}`;
        for (let i = 0; i < (behaviour === 'reply-twice' ? 2 : 1); i++) {
          await (
            await fetch(url, { method: 'POST', body: JSON.stringify({ type: 'message', text }) })
          ).arrayBuffer();
        }
      }
      res.writeHead(200);
      res.end();
    });
  });
}

describe('the load driver of bench and loadtest', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function drive(behave: Parameters<typeof fakeBot>[0], options: Partial<LoadOptions> = {}) {
    server = fakeBot(behave);
    const target = await listen(server);
    return runConversations({
      target,
      concurrency: 3,
      turnsPerConversation: 4,
      conversations: 3,
      durationMs: 10_000,
      messages: inTurn([{ lang: 'de', text: 'Passwort vergessen' }]),
      replyTimeoutMs: 2_000, // a loaded CI machine must not turn a slow reply into a missing one
      isFailure: (text) => text.startsWith('Sorry'),
      ...options,
    });
  }

  test('counts a turn once its reply reached the receiver, with latency percentiles', async () => {
    const result = await drive(() => 'reply');
    expect(result).toMatchObject({ concurrency: 3, turns: 12, errors: 0, errorSamples: [] });
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p95Ms);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.turnsPerSecond).toBeGreaterThan(0);
    expect(result.channelPostsPerTurn).toBe(1);
  });

  test('counts the POSTs the bot made to the channel per turn', async () => {
    expect((await drive(() => 'reply-twice')).channelPostsPerTurn).toBe(2);
  });

  test('an HTTP error, a missing reply and an apology are errors, not turns', async () => {
    const result = await drive((activity) => {
      if (activity.id.endsWith('-0-1')) return 'fail';
      if (activity.id.endsWith('-1-2')) return 'silent';
      if (activity.id.endsWith('-2-3')) return 'apologise';
      return 'reply';
    });
    expect(result.turns).toBe(9);
    expect(result.errors).toBe(3);
    expect(result.errorSamples.join('\n')).toMatch(/answered 500/);
    expect(result.errorSamples.join('\n')).toMatch(/no reply within 2000 ms/);
    expect(result.errorSamples.join('\n')).toMatch(/apologised/);
  });

  test('stops starting turns when the duration is over', async () => {
    const result = await drive(() => 'reply', { conversations: Infinity, durationMs: 300 });
    expect(result.errors).toBe(0);
    expect(result.turns).toBeGreaterThan(0);
    expect(result.durationMs).toBeLessThan(2000);
  });
});
