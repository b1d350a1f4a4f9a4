// createPasskeyAuth: binds the ceremony functions to one validated configuration (SPEC §9).
import { addPasskeyBegin, addPasskeyComplete, listPasskeys, removePasskey } from './passkeys';
import { createAuthContext } from './create-auth-context';
import { loginBegin, loginComplete } from './login';
import { recoveryComplete, redeemRecoveryCode } from './recovery';
import { revokeSession, verifySession } from './session';
import { signupBegin, signupComplete } from './signup';
import type { PasskeyAuth, PasskeyAuthOptions } from './types';

export function createPasskeyAuth(options: PasskeyAuthOptions): PasskeyAuth {
  const context = createAuthContext(options);
  return {
    signupBegin: (input) => signupBegin(context, input),
    signupComplete: (input) => signupComplete(context, input),
    loginBegin: (input) => loginBegin(context, input),
    loginComplete: (input) => loginComplete(context, input),
    addPasskeyBegin: (sessionToken) => addPasskeyBegin(context, sessionToken),
    addPasskeyComplete: (sessionToken, input) => addPasskeyComplete(context, sessionToken, input),
    listPasskeys: (sessionToken) => listPasskeys(context, sessionToken),
    removePasskey: (sessionToken, credentialId) => removePasskey(context, sessionToken, credentialId),
    redeemRecoveryCode: (input) => redeemRecoveryCode(context, input),
    recoveryComplete: (input) => recoveryComplete(context, input),
    verifySession: (token) => verifySession(context, token),
    revokeSession: (token) => revokeSession(context, token),
  };
}
