import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoredDocument } from '../server/downloadLinks';

/**
 * For the terminal chat, where no server serves the download links: the document behind a link, saved to a
 * file of a fresh temporary folder; undefined for a link that is not (or no longer) a download.
 */
export function documentSaver(
  downloads: { find(token: string): Promise<StoredDocument | undefined> },
  folder = mkdtempSync(path.join(os.tmpdir(), 'bot-chat-')),
): (url: string) => Promise<string | undefined> {
  return async (url) => {
    const document = await downloads.find(url.split('/downloads/')[1] ?? '');
    if (!document) return undefined;
    const file = path.join(folder, path.basename(document.fileName));
    writeFileSync(file, document.content);
    return file;
  };
}
