import { runCli } from '../src/cli/args';
import { durationMs, positiveInteger, readOptions } from './options';
import { MAX_GROWTH_PERCENT, runSoak, type SoakSample } from './soakRun';

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

function sampleRow(s: SoakSample): string {
  const time = `${Math.floor(s.atSeconds / 60)}:${String(s.atSeconds % 60).padStart(2, '0')}`;
  return row([time + (s.underLoad ? '' : ' (idle)'), s.turns, s.errors, s.conversations, s.rssMb, s.heapMb]);
}

/**
 * npm run soak -- [--minutes 20] [--conversations 10] [--turns 10] [--ttl-minutes 2] [--settle 150s]
 * The real server on loopback under a steady load (that many conversations at once, a new one after every
 * `--turns` turns) with a short conversation TTL; prints turns, errors, conversation states held, RSS and
 * heap every 10 s, then a verdict: PASS when 0 errors and RSS grows ≤ 10% from minute 5 to the last minute.
 */
runCli(async (argv) => {
  const options = readOptions(argv, ['minutes', 'conversations', 'turns', 'ttl-minutes', 'settle']);
  const minutes = positiveInteger('minutes', options.get('minutes') ?? '20');
  const ttlMinutes = Number(options.get('ttl-minutes') ?? '2');
  if (!(ttlMinutes > 0))
    throw new Error(`--ttl-minutes must be a positive number, not "${options.get('ttl-minutes')}"`);
  const conversations = positiveInteger('conversations', options.get('conversations') ?? '10');
  const turns = positiveInteger('turns', options.get('turns') ?? '10');
  const settleMs = durationMs('settle', options.get('settle') ?? `${ttlMinutes * 60 + 30}s`);
  console.log(
    `soak: ${minutes} min, ${conversations} conversations at once × ${turns} turns each, ` +
      `CONVERSATION_TTL_MINUTES=${ttlMinutes}, then ${settleMs / 1000} s idle; started ${new Date().toISOString()}`,
  );
  console.log(row(['time', 'turns', 'errors', 'conversations held', 'RSS MB', 'heap used MB']));
  console.log(row(['---', '---', '---', '---', '---', '---']));
  const result = await runSoak({
    minutes,
    conversations,
    turnsPerConversation: turns,
    ttlMinutes,
    sampleEveryMs: 10_000,
    settleMs,
    onSample: (sample) => console.log(sampleRow(sample)),
  });
  const v = result.verdict;
  console.log(
    `\n${result.turns} turns, ${result.errors} errors; RSS median minute ${v.baselineMinute} ${v.baselineRssMb} MB, ` +
      `last minute ${v.lastMinuteRssMb} MB (${v.growthPercent >= 0 ? '+' : ''}${v.growthPercent}%); ` +
      `max ${v.maxRssMb} MB, ${v.maxAfterBaselineMb} MB from minute ${v.baselineMinute} on`,
  );
  for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
  console.log(
    `verdict: ${v.pass ? 'PASS' : 'FAIL'} (0 errors and RSS growth after minute ${v.baselineMinute} ≤ ${MAX_GROWTH_PERCENT}%)`,
  );
  return v.pass ? 0 : 1;
});
