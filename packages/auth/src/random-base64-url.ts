// Random values handed to clients (challenges, user handles, session tokens) are base64url of fresh random bytes.
import { LoomworksError } from '@loomworks/core';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { AuthContext } from './create-auth-context';

export function randomBase64Url(context: AuthContext, length: number): string {
  const bytes = context.randomBytes(length);
  if (bytes.length !== length) throw new LoomworksError('E_USAGE', `randomBytes(${length}) returned ${bytes.length} bytes`);
  return isoBase64URL.fromBuffer(new Uint8Array(bytes));
}
