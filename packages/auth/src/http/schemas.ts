// Valibot schemas of every request body the HTTP handlers accept (exported so integrators can reuse them).
import * as v from 'valibot';
import { DISPLAY_NAME_MAX_LENGTH, isPlausibleEmail } from '../people';

const MAX_ENCODED_LENGTH = 16_384;

/** base64url as browsers and @simplewebauthn/browser send it (padding tolerated). */
const Base64Url = v.pipe(v.string(), v.maxLength(MAX_ENCODED_LENGTH), v.regex(/^[A-Za-z0-9_-]*={0,2}$/, 'must be base64url'));
const FlowId = v.pipe(v.string(), v.nonEmpty(), v.maxLength(128));
const Extensions = v.optional(v.looseObject({}), {});
const Transports = v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(8)));

/** An email field where blank means absent: trimmed, and `''` becomes `undefined`. */
const OptionalEmail = v.optional(
  v.pipe(
    v.nullable(v.string()),
    v.transform((value) => value?.trim() ?? ''),
    v.maxLength(254),
    v.transform((value) => (value === '' ? undefined : value)),
  ),
);

/** A RegistrationResponseJSON (navigator.credentials.create, as serialised by @simplewebauthn/browser). */
const RegistrationResponse = v.looseObject({
  id: Base64Url,
  rawId: Base64Url,
  type: v.literal('public-key'),
  response: v.looseObject({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    transports: Transports,
  }),
  clientExtensionResults: Extensions,
  authenticatorAttachment: v.optional(v.string()),
});

/** An AuthenticationResponseJSON (navigator.credentials.get, as serialised by @simplewebauthn/browser). */
const AuthenticationResponse = v.looseObject({
  id: Base64Url,
  rawId: Base64Url,
  type: v.literal('public-key'),
  response: v.looseObject({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: v.optional(Base64Url),
  }),
  clientExtensionResults: Extensions,
  authenticatorAttachment: v.optional(v.string()),
});

/** `POST {base}/signup/begin` */
export const SignupBeginBody = v.object({
  displayName: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty(),
    v.check((name) => [...name].length <= DISPLAY_NAME_MAX_LENGTH, `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`),
  ),
  email: v.pipe(
    OptionalEmail,
    v.check((email) => email === undefined || isPlausibleEmail(email), 'must be an email address'),
  ),
});

/** `POST {base}/signup/complete` */
export const SignupCompleteBody = v.object({ flowId: FlowId, response: RegistrationResponse });

/** `POST {base}/login/begin`. The email is only a hint; blank counts as absent, and the body may be omitted. */
export const LoginBeginBody = v.object({ email: OptionalEmail });

/** `POST {base}/login/complete` */
export const LoginCompleteBody = v.object({ flowId: FlowId, response: AuthenticationResponse });

/** `POST {base}/passkeys/complete` */
export const PasskeyCompleteBody = v.object({ flowId: FlowId, response: RegistrationResponse });

/** `POST {base}/recovery/redeem` */
export const RecoveryRedeemBody = v.object({ code: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64)) });

/** `POST {base}/recovery/complete` */
export const RecoveryCompleteBody = v.object({ flowId: FlowId, response: RegistrationResponse });
