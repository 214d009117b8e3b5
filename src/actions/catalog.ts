/**
 * The self-service actions the bot runs, as data: everything about an action except its dialog
 * (src/dialogs/actions/registry.ts) and its wording (faq/phrases.yaml `actions`, locales `actions.<id>`).
 * The interpreter, the FAQ schema, the root dialog and the metrics read this list.
 */
export type VerificationChannel = 'sms' | 'email' | 'totp';
export type LoginMode = 'two-step' | 'three-step';

/** What a request can carry ("per SMS", "2024", "auf dreistufig"), so its question is not asked again. */
export interface Slots {
  channel?: VerificationChannel;
  year?: number;
  /** The login mode to switch to. */
  direction?: LoginMode;
}
export type SlotName = keyof Slots;

/** The operations of the insurer's backend an action can be completed by (actions/selfServiceBackend.ts). */
export type BackendOperation =
  | 'createChallenge'
  | 'verifyChallenge'
  | 'sendLoginCode'
  | 'getLoginMode'
  | 'setLoginMode'
  | 'listTaxCertificates'
  | 'getTaxCertificatePdf'
  | 'createSupportRequest';

export interface ActionDefinition {
  id: string;
  /** The slots a request of this action may fill. */
  slots: readonly SlotName[];
  /** The channels this action accepts for `channel` (a code is sent by SMS or e-mail only). */
  channels?: readonly VerificationChannel[];
  /** The backend operation whose result is the action's outcome (metric bot_action_outcomes_total). */
  completedBy: BackendOperation;
  /** The `action` label of the metrics. */
  metric: string;
}

export const ACTIONS = [
  {
    id: 'request-code',
    slots: ['channel'],
    channels: ['sms', 'email'],
    completedBy: 'sendLoginCode',
    metric: 'request-code',
  },
  {
    id: 'switch-login-steps',
    slots: ['direction', 'channel'],
    completedBy: 'setLoginMode',
    metric: 'switch-login-steps',
  },
  {
    id: 'tax-certificate',
    slots: ['year', 'channel'],
    completedBy: 'getTaxCertificatePdf',
    metric: 'tax-certificate',
  },
  {
    // Hands the case to the web support (docs/support-requests.md); no verification needed.
    id: 'support-request',
    slots: [],
    completedBy: 'createSupportRequest',
    metric: 'support-request',
  },
] as const satisfies readonly ActionDefinition[];

export type ActionId = (typeof ACTIONS)[number]['id'];
export const ACTION_IDS = ACTIONS.map((a) => a.id) as readonly ActionId[] as readonly [
  ActionId,
  ...ActionId[],
];

export function actionDefinition(id: ActionId): ActionDefinition {
  return ACTIONS.find((a) => a.id === id) as ActionDefinition;
}

/** Identity verification completes with this operation; two of the actions need it first. */
export const VERIFICATION = { completedBy: 'verifyChallenge', metric: 'verify-identity' } as const;
