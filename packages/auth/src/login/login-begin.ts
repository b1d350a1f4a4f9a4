// loginBegin: a discoverable-credential request; an email, when given, only narrows allowCredentials.
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { issueChallenge } from '../challenges';
import type { AuthContext } from '../create-auth-context';
import { isPlausibleEmail, normalizeEmail } from '../people';
import type { LoginBeginInput, LoginBeginResult } from '../types';

/**
 * The email is a hint and nothing more: its credential ids become `allowCredentials` so the browser can
 * offer the right passkey, and loginComplete never sees it. An email with no passkeys (or a blank one)
 * yields exactly the discoverable response — same keys, no `allowCredentials` — so the response does not
 * say whether an account exists for it.
 */
export async function loginBegin(context: AuthContext, input?: LoginBeginInput): Promise<LoginBeginResult> {
  const email = normalizeEmail(input?.email);
  const hintedIds = email !== null && isPlausibleEmail(email) ? await context.store.findCredentialIdsByEmailHint(email) : [];
  const challenge = await issueChallenge(context, { purpose: 'login', personId: null });
  const options = await generateAuthenticationOptions({
    rpID: context.rpID,
    challenge: isoBase64URL.toBuffer(challenge.challenge),
    timeout: context.challengeTtlMs,
    userVerification: 'required',
    ...(hintedIds.length > 0 ? { allowCredentials: hintedIds.map((id) => ({ id })) } : {}),
  });
  return { flowId: challenge.flowId, options: withoutUndefined(options) };
}

/** SimpleWebAuthn leaves absent options as `undefined` keys; drop them so both paths have the same keys. */
function withoutUndefined(options: PublicKeyCredentialRequestOptionsJSON): PublicKeyCredentialRequestOptionsJSON {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as PublicKeyCredentialRequestOptionsJSON;
}
