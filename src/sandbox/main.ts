// CLI: `npx tsx src/sandbox/main.ts` — runs the sandbox on SANDBOX_PORT (default 3979),
// SANDBOX_HOST (default 127.0.0.1) with SANDBOX_API_KEY (default 'sandbox-api-key').
import { SANDBOX_API_KEY, startSandbox } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 3979);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('SANDBOX_PORT must be a port number');
  const apiKey = process.env.SANDBOX_API_KEY ?? SANDBOX_API_KEY;
  const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
  const sandbox = await startSandbox({ port, host, apiKey, log: (line) => console.log(`[sandbox] ${line}`) });
  console.log(`[sandbox] listening on ${sandbox.url} (X-Api-Key: ${apiKey}); codes appear as [outbox] lines`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
