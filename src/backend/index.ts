export { BackendClient, type BackendClientOptions } from './client';
export { BackendError, type BackendErrorInfo, type BackendErrorKind, type BackendOperation } from './errors';
export {
  isContractNumber,
  isVerificationCode,
  type AccessGrant,
  type Challenge,
  type Channel,
  type LoginCodeChannel,
  type LoginCodeSent,
  type LoginMode,
  type LoginModeChanged,
  type SupportRequest,
  type SupportRequestCreated,
  type TaxCertificate,
  type TaxCertificateDocument,
} from './schemas';
