export { USER_HANDLE_BYTES, signupBegin } from './signup-begin';
export { signupComplete } from './signup-complete';
