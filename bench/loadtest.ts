import { runCli } from '../src/cli/args';
import { botApologies, runConversations, startBotServer, type LoadResult } from './conversationLoad';
import { durationMs, positiveInteger, readOptions } from './options';
import { userMessages } from './userMessages';

export function formatLoad(label: string, result: LoadResult): string {
  return (
    `${label}: ${result.turns} turns in ${(result.durationMs / 1000).toFixed(1)} s = ${result.turnsPerSecond} turns/s, ` +
    `latency p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}`
  );
}

/**
 * npm run loadtest -- [--conversations 50] [--turns 10] [--duration 30s]
 * Starts the bot on loopback, runs that many conversations at once, each of that many turns (or until the
 * duration is over), and exits 1 if any turn failed.
 */
runCli(async (argv) => {
  const options = readOptions(argv, ['conversations', 'turns', 'duration']);
  const conversations = positiveInteger('conversations', options.get('conversations') ?? '50');
  const turns = positiveInteger('turns', options.get('turns') ?? '10');
  const duration = durationMs('duration', options.get('duration') ?? '30s');
  const server = await startBotServer();
  try {
    const result = await runConversations({
      target: server.url,
      concurrency: conversations,
      turnsPerConversation: turns,
      conversations,
      durationMs: duration,
      messages: userMessages(),
      isFailure: botApologies(),
    });
    console.log(formatLoad(`${conversations} conversations × ${turns} turns`, result));
    if (result.turns + result.errors < conversations * turns) {
      console.log(
        `stopped by --duration after ${result.turns + result.errors} of ${conversations * turns} turns`,
      );
    }
    for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
    return result.errors === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
});
