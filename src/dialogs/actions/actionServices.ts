import type { IdentityGuard } from '../../security/identityGuard';
import type { SecretBox } from '../../security/secretBox';
import type { SupportRequestLimits } from '../../security/supportRequestLimits';
import type { DocumentLinks, SelfServiceBackend } from './ports';

/** What the self-service actions need besides the conversation services. */
export interface ActionServices {
  backend: SelfServiceBackend;
  guard: IdentityGuard;
  box: SecretBox;
  supportLimits: SupportRequestLimits;
  links: DocumentLinks;
  now: () => number;
}
