import type { SelfServiceBackend } from '../../src/dialogs/actions/ports';
import { MemoryExpiringStore } from '../../src/security/expiringStore';
import { SecretBox } from '../../src/security/secretBox';
import { DownloadLinks } from '../../src/server/downloadLinks';

const down = async (): Promise<never> => {
  throw Object.assign(new Error('backend down'), { kind: 'unavailable' });
};

/** A backend that is down: every call fails as unavailable. */
export const backendDown: SelfServiceBackend = {
  createChallenge: down,
  verifyChallenge: down,
  sendLoginCode: down,
  getLoginMode: down,
  setLoginMode: down,
  listTaxCertificates: down,
  getTaxCertificatePdf: down,
  createSupportRequest: down,
};

export function offlineActionDependencies(backend: SelfServiceBackend = backendDown) {
  const store = new MemoryExpiringStore();
  return {
    backend,
    store,
    links: new DownloadLinks(store, new SecretBox('offline-test-secret'), 'http://localhost:3978', 10),
  };
}
