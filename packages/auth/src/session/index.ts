export { hashSessionToken } from './hash-session-token';
export { SESSION_TOKEN_BYTES, mintSession, type MintSessionResult } from './mint-session';
export { requireSession, type RequireSessionResult } from './require-session';
export { revokeSession } from './revoke-session';
export { verifySession } from './verify-session';
