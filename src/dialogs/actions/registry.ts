import type { Dialog } from 'botbuilder-dialogs';
import type { ActionId } from '../../actions/catalog';
import type { ActionDeps } from './actionDeps';
import { RequestCodeDialog } from './requestCodeDialog';
import { SupportRequestDialog } from './supportRequestDialog';
import { SwitchLoginStepsDialog } from './switchLoginStepsDialog';
import { TaxCertificateDialog } from './taxCertificateDialog';

/**
 * The dialog of each action in src/actions/catalog.ts. A Record over every ActionId: an action without
 * its dialog does not compile, and the root dialog adds them all from here.
 */
export const ACTION_DIALOGS: Record<ActionId, (deps: ActionDeps) => Dialog> = {
  'request-code': (deps) => new RequestCodeDialog(deps),
  'switch-login-steps': (deps) => new SwitchLoginStepsDialog(deps),
  'tax-certificate': (deps) => new TaxCertificateDialog(deps),
  'support-request': (deps) => new SupportRequestDialog(deps),
};
