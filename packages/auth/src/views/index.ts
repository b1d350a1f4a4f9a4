export { toCredentialView } from './to-credential-view';
export { toPersonView } from './to-person-view';
