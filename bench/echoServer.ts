import restify from 'restify';
import { jsonBodyReader } from '../src/server/requestBody';

/**
 * The ceiling for /api/messages on this machine: restify with the same body parser as the bot's server,
 * an endpoint that sends the text straight back to the activity's serviceUrl and answers 200 — the same two
 * HTTP exchanges per turn as the bot, and nothing else.
 * npx tsx bench/echoServer.ts PORT
 */
interface Activity {
  id: string;
  serviceUrl: string;
  conversation: { id: string };
  from: unknown;
  recipient: unknown;
  text: string;
}

const server = restify.createServer({ name: 'echo' });
server.use(jsonBodyReader());
server.post('/api/messages', async (req, res) => {
  const activity = req.body as Activity;
  const conversation = encodeURIComponent(activity.conversation.id);
  const reply = await fetch(
    `${activity.serviceUrl}/v3/conversations/${conversation}/activities/${activity.id}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: activity.text,
        replyToId: activity.id,
        from: activity.recipient,
        recipient: activity.from,
        conversation: activity.conversation,
      }),
    },
  );
  await reply.arrayBuffer();
  res.send(reply.ok ? 200 : 502);
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(process.argv[2]), '127.0.0.1');
