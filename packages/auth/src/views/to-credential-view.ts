// What callers see of a passkey: never its public key.
import type { CredentialRecord } from '@loomworks/core';
import type { CredentialView } from '../types';

export function toCredentialView(credential: CredentialRecord): CredentialView {
  return {
    id: credential.id,
    deviceType: credential.deviceType,
    backedUp: credential.backedUp,
    createdAt: credential.createdAt,
    lastUsedAt: credential.lastUsedAt,
    transports: [...credential.transports],
  };
}
