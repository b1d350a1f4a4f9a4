// A software passkey authenticator for tests: real P-256 keys, real CBOR, real signatures — and knobs to lie.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_BACKUP_ELIGIBLE = 0x08;
const FLAG_BACKED_UP = 0x10;
const FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;

export type SoftwareAuthenticatorOptions = {
  /** The origin the "browser" reports in clientDataJSON. */
  origin: string;
  /** Synced (multi-device) passkeys: backup-eligible, backed up, and a signature counter that stays 0. */
  synced?: boolean;
};

/** Ways a registration can be made to lie or fail. */
export type RegistrationKnobs = {
  origin?: string;
  /** The RP ID whose hash goes into authenticatorData (default: the options' rp.id). */
  rpID?: string;
  /** Overrides the challenge the "browser" echoes. */
  challenge?: string;
  type?: string;
  userVerified?: boolean;
  userPresent?: boolean;
  /** Reports `credProps.rk = false`: a credential that is not discoverable. */
  notDiscoverable?: boolean;
};

/** Ways an assertion can be made to lie or fail. */
export type AssertionKnobs = {
  /** Which stored credential signs (default: the first one for the RP; allowCredentials is ignored, as a person may pick any passkey). */
  credentialId?: string;
  /** Reports this credential id instead of the real one (the signature stays the real key's). */
  reportedId?: string;
  origin?: string;
  rpID?: string;
  challenge?: string;
  type?: string;
  /** Overrides the user handle sent back (default: the credential's). */
  userHandle?: string | null;
  /** Overrides the signature counter in authenticatorData (the stored counter is left alone). */
  signCount?: number;
  userVerified?: boolean;
  userPresent?: boolean;
  /** Flips a bit of the signature. */
  corruptSignature?: boolean;
};

export type SoftwareCredential = {
  id: string;
  rpID: string;
  userHandle: string;
  privateKey: KeyObject;
  counter: number;
};

export type SoftwareAuthenticator = {
  readonly credentials: readonly SoftwareCredential[];
  register(options: PublicKeyCredentialCreationOptionsJSON, knobs?: RegistrationKnobs): RegistrationResponseJSON;
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, knobs?: AssertionKnobs): AuthenticationResponseJSON;
};

export function createSoftwareAuthenticator(options: SoftwareAuthenticatorOptions): SoftwareAuthenticator {
  const credentials: SoftwareCredential[] = [];
  const synced = options.synced ?? false;
  const backupFlags = synced ? FLAG_BACKUP_ELIGIBLE | FLAG_BACKED_UP : 0;

  return {
    credentials,

    register(creation, knobs = {}) {
      const rpID = creation.rp.id ?? '';
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const credentialId = new Uint8Array(randomBytes(32));
      const id = isoBase64URL.fromBuffer(credentialId);
      credentials.push({ id, rpID, userHandle: creation.user.id, privateKey, counter: 0 });

      const jwk = publicKey.export({ format: 'jwk' });
      const cosePublicKey = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, isoBase64URL.toBuffer(jwk.x ?? '')],
          [-3, isoBase64URL.toBuffer(jwk.y ?? '')],
        ]),
      );
      const flags = userFlags(knobs) | backupFlags | FLAG_ATTESTED_CREDENTIAL_DATA;
      const idLength = new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]);
      const authenticatorData = concat(rpIdHash(knobs.rpID ?? rpID), new Uint8Array([flags]), uint32(0), new Uint8Array(16), idLength, credentialId, cosePublicKey);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', authenticatorData],
        ]),
      );
      const clientDataJSON = clientData(knobs.type ?? 'webauthn.create', knobs.challenge ?? creation.challenge, knobs.origin ?? options.origin);
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
          attestationObject: isoBase64URL.fromBuffer(attestationObject),
          transports: ['internal', 'hybrid'],
          publicKeyAlgorithm: -7,
        },
        clientExtensionResults: { credProps: { rk: !knobs.notDiscoverable } },
        authenticatorAttachment: 'platform',
      };
    },

    authenticate(request, knobs = {}) {
      const rpID = request.rpId ?? '';
      const credential =
        knobs.credentialId === undefined
          ? credentials.find((candidate) => candidate.rpID === rpID)
          : credentials.find((candidate) => candidate.id === knobs.credentialId);
      if (!credential) throw new Error('The software authenticator holds no matching credential');
      if (!synced) credential.counter += 1;
      const signCount = knobs.signCount ?? credential.counter;
      const flags = userFlags(knobs) | backupFlags;
      const authenticatorData = concat(rpIdHash(knobs.rpID ?? credential.rpID), new Uint8Array([flags]), uint32(signCount));
      const clientDataJSON = clientData(knobs.type ?? 'webauthn.get', knobs.challenge ?? request.challenge, knobs.origin ?? options.origin);
      const signature = new Uint8Array(sign('sha256', concat(authenticatorData, sha256(clientDataJSON)), credential.privateKey));
      if (knobs.corruptSignature) signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0x01;
      const userHandle = knobs.userHandle === undefined ? credential.userHandle : knobs.userHandle;
      const id = knobs.reportedId ?? credential.id;
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
          authenticatorData: isoBase64URL.fromBuffer(authenticatorData),
          signature: isoBase64URL.fromBuffer(signature),
          ...(userHandle === null ? {} : { userHandle }),
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}

function userFlags(knobs: { userPresent?: boolean; userVerified?: boolean }): number {
  return (knobs.userPresent === false ? 0 : FLAG_USER_PRESENT) | (knobs.userVerified === false ? 0 : FLAG_USER_VERIFIED);
}

type Bytes = Uint8Array<ArrayBuffer>;

function clientData(type: string, challenge: string, origin: string): Bytes {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function rpIdHash(rpID: string): Bytes {
  return sha256(new TextEncoder().encode(rpID));
}

function sha256(data: Uint8Array): Bytes {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function uint32(value: number): Bytes {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, false);
  return bytes;
}

function concat(...parts: Uint8Array[]): Bytes {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
