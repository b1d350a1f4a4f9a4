export { createAuthHandlers, type AuthHandlers, type AuthHandlersOptions } from './create-auth-handlers';
export {
  LoginBeginBody,
  LoginCompleteBody,
  PasskeyCompleteBody,
  RecoveryCompleteBody,
  RecoveryRedeemBody,
  SignupBeginBody,
  SignupCompleteBody,
} from './schemas';
