// Conformance cases for the auth records of SPEC §9: persons, passkeys, challenges, sessions, recovery codes.
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { at, authSessionRecord, challengeRecord, credentialRecord, expectRejection, personRecord, recoveryCodeRecord } from './fixtures';

export function registerAuthCases(context: ConformanceContext): void {
  describe('auth records', () => {
    context.test('auth', 'stores persons and finds them by id and by user handle, never twice for one id or handle', async () => {
      const store = context.store();
      const ada = personRecord('person-ada', { email: 'ada@example.com' });
      await store.insertPerson(ada);
      expect(await store.getPerson('person-ada')).toEqual(ada);
      expect(await store.getPersonByUserHandle('handle-person-ada')).toEqual(ada);
      expect(await store.getPerson('person-unknown')).toBeNull();
      expect(await store.getPersonByUserHandle('handle-unknown')).toBeNull();
      await expectRejection(store.insertPerson(personRecord('person-ada', { userHandle: 'handle-other' })), 'E_CONFLICT');
      await expectRejection(store.insertPerson(personRecord('person-other', { userHandle: 'handle-person-ada' })), 'E_CONFLICT');
      expect(await store.getPerson('person-other')).toBeNull();
    });

    context.test('auth', "stores passkeys and lists a person's passkeys; refuses a duplicate id (E_CONFLICT) or an unknown person (E_NOT_FOUND)", async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      await store.insertPerson(personRecord('person-2'));
      const first = credentialRecord('cred-1', 'person-1', { lastUsedAt: at(3), deviceType: 'singleDevice', backedUp: false, transports: [] });
      const second = credentialRecord('cred-2', 'person-1');
      await store.insertCredential(first);
      await store.insertCredential(second);
      await store.insertCredential(credentialRecord('cred-3', 'person-2'));
      expect(await store.getCredential('cred-1')).toEqual(first);
      expect(await store.getCredential('cred-unknown')).toBeNull();
      expect((await store.listCredentials('person-1')).sort((left, right) => left.id.localeCompare(right.id))).toEqual([first, second]);
      expect(await store.listCredentials('person-unknown')).toEqual([]);
      await expectRejection(store.insertCredential(credentialRecord('cred-1', 'person-2')), 'E_CONFLICT');
      await expectRejection(store.insertCredential(credentialRecord('cred-4', 'person-unknown')), 'E_NOT_FOUND');
    });

    context.test('auth', 'gives credential ids for an exact contact email only as a hint', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1', { email: 'ada@example.com' }));
      await store.insertPerson(personRecord('person-2', { email: null }));
      await store.insertPerson(personRecord('person-3', { email: 'grace@example.com' }));
      await store.insertCredential(credentialRecord('cred-1a', 'person-1'));
      await store.insertCredential(credentialRecord('cred-1b', 'person-1'));
      await store.insertCredential(credentialRecord('cred-2', 'person-2'));
      await store.insertCredential(credentialRecord('cred-3', 'person-3'));
      expect((await store.findCredentialIdsByEmailHint('ada@example.com')).sort()).toEqual(['cred-1a', 'cred-1b']);
      expect(await store.findCredentialIdsByEmailHint('nobody@example.com')).toEqual([]);
    });

    context.test('auth', 'updates the signature counter only from the counter the caller read (compare-and-set)', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      await store.insertCredential(credentialRecord('cred-1', 'person-1', { counter: 5, backedUp: false }));
      expect(await store.updateCredentialCounter('cred-1', { expectedCounter: 5, counter: 6, backedUp: true, lastUsedAt: at(10) })).toBe(true);
      expect(await store.getCredential('cred-1')).toEqual(credentialRecord('cred-1', 'person-1', { counter: 6, backedUp: true, lastUsedAt: at(10) }));
      expect(await store.updateCredentialCounter('cred-1', { expectedCounter: 5, counter: 7, backedUp: false, lastUsedAt: at(11) })).toBe(false);
      expect((await store.getCredential('cred-1'))?.counter).toBe(6);
      await expectRejection(
        store.updateCredentialCounter('cred-unknown', { expectedCounter: 0, counter: 1, backedUp: false, lastUsedAt: at(1) }),
        'E_NOT_FOUND'
      );
    });

    context.test(['auth', 'concurrency'], 'lets exactly one of two racing counter updates from the same value win', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      await store.insertCredential(credentialRecord('cred-1', 'person-1', { counter: 1 }));
      const results = await Promise.all([
        store.updateCredentialCounter('cred-1', { expectedCounter: 1, counter: 2, backedUp: true, lastUsedAt: at(2) }),
        store.updateCredentialCounter('cred-1', { expectedCounter: 1, counter: 3, backedUp: true, lastUsedAt: at(3) }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect([2, 3]).toContain((await store.getCredential('cred-1'))?.counter);
    });

    context.test('auth', "deletes a passkey but never a person's last one", async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      await store.insertCredential(credentialRecord('cred-1', 'person-1'));
      await store.insertCredential(credentialRecord('cred-2', 'person-1'));
      expect(await store.deleteCredential('cred-1')).toBe('deleted');
      expect(await store.getCredential('cred-1')).toBeNull();
      expect(await store.deleteCredential('cred-2')).toBe('last');
      expect(await store.getCredential('cred-2')).not.toBeNull();
      expect(await store.deleteCredential('cred-1')).toBe('missing');
    });

    context.test(['auth', 'concurrency'], 'keeps one passkey when a person removes their last two at the same time', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      await store.insertCredential(credentialRecord('cred-1', 'person-1'));
      await store.insertCredential(credentialRecord('cred-2', 'person-1'));
      const outcomes = await Promise.all([store.deleteCredential('cred-1'), store.deleteCredential('cred-2')]);
      expect([...outcomes].sort()).toEqual(['deleted', 'last']);
      expect(await store.listCredentials('person-1')).toHaveLength(1);
    });

    context.test('auth', 'hands a challenge out once: consuming removes it, a second consumer gets null', async () => {
      const store = context.store();
      const challenge = challengeRecord('flow-1', { purpose: 'add-passkey', personId: 'person-1' });
      await store.insertChallenge(challenge);
      await expectRejection(store.insertChallenge(challengeRecord('flow-1')), 'E_CONFLICT');
      expect(await store.consumeChallenge('flow-1')).toEqual(challenge);
      expect(await store.consumeChallenge('flow-1')).toBeNull();
      expect(await store.consumeChallenge('flow-unknown')).toBeNull();
    });

    context.test(['auth', 'concurrency'], 'gives a challenge to exactly one of many concurrent consumers', async () => {
      const store = context.store();
      await store.insertChallenge(challengeRecord('flow-1'));
      const results = await Promise.all(Array.from({ length: 8 }, () => store.consumeChallenge('flow-1')));
      expect(results.filter((result) => result !== null)).toEqual([challengeRecord('flow-1')]);
    });

    context.test('auth', 'stores auth sessions by token hash and revokes them; unknown sessions are E_NOT_FOUND', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      const session = authSessionRecord('token-hash-1', 'person-1');
      await store.insertAuthSession(session);
      expect(await store.getAuthSession('token-hash-1')).toEqual(session);
      expect(await store.getAuthSession('token-hash-unknown')).toBeNull();
      await expectRejection(store.insertAuthSession(authSessionRecord('token-hash-1', 'person-1')), 'E_CONFLICT');
      await expectRejection(store.insertAuthSession(authSessionRecord('token-hash-2', 'person-unknown')), 'E_NOT_FOUND');
      await store.revokeAuthSession('token-hash-1', at(100));
      expect(await store.getAuthSession('token-hash-1')).toEqual({ ...session, revokedAt: at(100) });
      await expectRejection(store.revokeAuthSession('token-hash-unknown', at(100)), 'E_NOT_FOUND');
    });

    context.test('auth', 'consumes a recovery code once, and inserts a batch of codes all or nothing', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      const codes = Array.from({ length: 10 }, (_, index) => recoveryCodeRecord(`code-hash-${index}`, 'person-1'));
      await store.insertRecoveryCodes(codes);
      expect(await store.consumeRecoveryCode('code-hash-3', at(50))).toEqual({ ...codes[3], usedAt: at(50) });
      expect(await store.consumeRecoveryCode('code-hash-3', at(51))).toBeNull();
      expect(await store.consumeRecoveryCode('code-hash-unknown', at(52))).toBeNull();
      expect(await store.consumeRecoveryCode('code-hash-4', at(53))).toEqual({ ...codes[4], usedAt: at(53) });

      await expectRejection(
        store.insertRecoveryCodes([recoveryCodeRecord('code-hash-new', 'person-1'), recoveryCodeRecord('code-hash-0', 'person-1')]),
        'E_CONFLICT'
      );
      expect(await store.consumeRecoveryCode('code-hash-new', at(60))).toBeNull();
      await expectRejection(store.insertRecoveryCodes([recoveryCodeRecord('code-hash-orphan', 'person-unknown')]), 'E_NOT_FOUND');
    });

    context.test(['auth', 'concurrency'], 'gives a recovery code to exactly one of many concurrent redeemers', async () => {
      const store = context.store();
      await store.insertPerson(personRecord('person-1'));
      await store.insertRecoveryCodes([recoveryCodeRecord('code-hash-1', 'person-1')]);
      const results = await Promise.all(Array.from({ length: 8 }, (_, index) => store.consumeRecoveryCode('code-hash-1', at(index))));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });
  });
}
