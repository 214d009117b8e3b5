import type { IdentityGuard } from '../../security/identityGuard';
import type { SecretBox } from '../../security/secretBox';
import type { DocumentLinks, SelfServiceBackend } from './ports';

/** What the self-service actions need besides the conversation services. */
export interface ActionServices {
  backend: SelfServiceBackend;
  guard: IdentityGuard;
  box: SecretBox;
  links: DocumentLinks;
  now: () => number;
}
