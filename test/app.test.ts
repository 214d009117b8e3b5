import { createServer } from 'node:net';
import { createApplication } from '../src/app';
import { loadConfig } from '../src/config';
import { ContentError } from '../src/faq/loader';
import { freePort } from './helpers/ports';

describe('a start-up that fails', () => {
  test('invalid content stops it and leaves nothing running (the sandbox port is free again)', async () => {
    const port = await freePort();
    const config = loadConfig({ SANDBOX_PORT: String(port), FAQ_DIR: '/nonexistent/faq' });

    await expect(createApplication(config, { sandboxLog: () => undefined })).rejects.toBeInstanceOf(
      ContentError,
    );

    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => probe.close(resolve));
  });
});
