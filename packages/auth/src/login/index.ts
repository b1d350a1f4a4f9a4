export { counterAdvances } from './counter-advances';
export { loginBegin } from './login-begin';
export { loginComplete } from './login-complete';
