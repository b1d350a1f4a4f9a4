// Conformance cases for what holds across the whole store: records are copies, and a closed store refuses work.
import type { LoomworksStore, StoreOperations } from '@loomworks/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { populate } from './dataset';
import {
  at,
  challengeRecord,
  chainedEvents,
  credentialRecord,
  documentRecord,
  engagementRecord,
  expectRejection,
  outboxEntry,
  personRecord,
  seedVersionRecord,
  sessionRecord,
  snapshot,
  turnRecord,
} from './fixtures';

/** Overwrites every nested value of a record in place, the way a careless caller might. */
function scribble(value: unknown): void {
  if (Array.isArray(value)) {
    value.push('scribbled');
    value.forEach(scribble);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (typeof record[key] === 'object' && record[key] !== null) scribble(record[key]);
    else record[key] = 'scribbled';
  }
}

/** A call of every method, for the closed-store case. */
function everyCall(store: LoomworksStore): [string, () => Promise<unknown>][] {
  const [event] = chainedEvents('eng-1', 1);
  const calls: [string, (ops: StoreOperations) => Promise<unknown>][] = [
    ['insertEngagement', (ops) => ops.insertEngagement(engagementRecord('eng-closed'))],
    ['updateEngagement', (ops) => ops.updateEngagement('eng-1', { status: 'active', updatedAt: at(1) })],
    ['getEngagement', (ops) => ops.getEngagement('eng-1')],
    ['listEngagements', (ops) => ops.listEngagements({ operatorId: 'operator-1' })],
    ['findEngagementsByNameKey', (ops) => ops.findEngagementsByNameKey('operator-1', 'x')],
    ['insertSession', (ops) => ops.insertSession(sessionRecord('session-closed'))],
    ['getSession', (ops) => ops.getSession('session-1')],
    ['updateSession', (ops) => ops.updateSession(sessionRecord('session-1', { version: 2 }), 1)],
    ['appendTurn', (ops) => ops.appendTurn(turnRecord('session-1', 99))],
    ['listTurns', (ops) => ops.listTurns('session-1')],
    ['insertDocument', (ops) => ops.insertDocument(documentRecord('doc-closed', 'eng-1'))],
    ['getDocument', (ops) => ops.getDocument('doc-1')],
    ['listDocuments', (ops) => ops.listDocuments('eng-1')],
    ['insertSeedVersion', (ops) => ops.insertSeedVersion(seedVersionRecord('eng-1', 99))],
    ['getSeedVersion', (ops) => ops.getSeedVersion('eng-1')],
    ['listSeedVersions', (ops) => ops.listSeedVersions('eng-1')],
    ['appendEvents', (ops) => ops.appendEvents(chainedEvents('eng-1', 1))],
    ['getMemoryHead', (ops) => ops.getMemoryHead('eng-1')],
    ['listEvents', (ops) => ops.listEvents('eng-1')],
    ['enqueueAnchors', (ops) => ops.enqueueAnchors(event ? [outboxEntry(event, 'standard', at(1))] : [])],
    ['listPendingAnchors', (ops) => ops.listPendingAnchors(10)],
    ['markAnchored', (ops) => ops.markAnchored([])],
    ['insertPerson', (ops) => ops.insertPerson(personRecord('person-closed'))],
    ['getPerson', (ops) => ops.getPerson('person-1')],
    ['getPersonByUserHandle', (ops) => ops.getPersonByUserHandle('handle-person-1')],
    ['insertCredential', (ops) => ops.insertCredential(credentialRecord('cred-closed', 'person-1'))],
    ['getCredential', (ops) => ops.getCredential('cred-1')],
    ['listCredentials', (ops) => ops.listCredentials('person-1')],
    ['findCredentialIdsByEmailHint', (ops) => ops.findCredentialIdsByEmailHint('ada@example.com')],
    ['updateCredentialCounter', (ops) => ops.updateCredentialCounter('cred-1', { expectedCounter: 0, counter: 1, backedUp: true, lastUsedAt: at(1) })],
    ['deleteCredential', (ops) => ops.deleteCredential('cred-1')],
    ['insertChallenge', (ops) => ops.insertChallenge(challengeRecord('flow-closed'))],
    ['consumeChallenge', (ops) => ops.consumeChallenge('flow-1')],
    ['insertAuthSession', (ops) => ops.insertAuthSession({ tokenHash: 'closed', personId: 'person-1', createdAt: at(0), expiresAt: at(1), revokedAt: null })],
    ['getAuthSession', (ops) => ops.getAuthSession('token-hash-1')],
    ['revokeAuthSession', (ops) => ops.revokeAuthSession('token-hash-1', at(1))],
    ['insertRecoveryCodes', (ops) => ops.insertRecoveryCodes([])],
    ['consumeRecoveryCode', (ops) => ops.consumeRecoveryCode('code-hash-1', at(1))],
    ['scan', (ops) => ops.scan('engagements')],
    ['importRecord', (ops) => ops.importRecord('engagements', engagementRecord('eng-1'))],
  ];
  return [
    ...calls.map(([name, call]): [string, () => Promise<unknown>] => [name, () => call(store)]),
    ['transaction', () => store.transaction(async () => 'never')],
  ];
}

export function registerLifecycleCases(context: ConformanceContext): void {
  describe('copies and closing', () => {
    context.test('lifecycle', 'names its kind', async () => {
      expect(typeof context.store().kind).toBe('string');
      expect(context.store().kind.length).toBeGreaterThan(0);
    });

    context.test('lifecycle', 'keeps its own copies: changing a record after writing it, or one it returned, changes nothing stored', async () => {
      const store = context.store();
      const engagement = engagementRecord('eng-1');
      const session = sessionRecord('session-1');
      const person = personRecord('person-1');
      const credential = credentialRecord('cred-1', 'person-1');
      const challenge = challengeRecord('flow-1');
      await store.insertEngagement(engagement);
      await store.insertSession(session);
      await store.insertPerson(person);
      await store.insertCredential(credential);
      await store.insertChallenge(challenge);
      const turns = [turnRecord('session-1', 1), turnRecord('session-1', 2)];
      for (const turn of turns) await store.appendTurn(turn);
      const version = seedVersionRecord('eng-1', 1);
      await store.insertSeedVersion(version);
      const events = chainedEvents('eng-1', 2);
      await store.appendEvents(events);
      const entries = events.map((event) => outboxEntry(event, 'standard', at(1)));
      await store.enqueueAnchors(entries);
      const before = await snapshot(store);

      for (const written of [engagement, session, person, credential, challenge, ...turns, version, ...events, ...entries]) scribble(written);
      expect(await snapshot(store)).toEqual(before);

      const handedOut: unknown[] = [
        await store.getEngagement('eng-1'),
        await store.listEngagements({ operatorId: 'operator-1' }),
        await store.findEngagementsByNameKey('operator-1', engagementRecord('eng-1').nameKey),
        await store.updateEngagement('eng-1', { updatedAt: at(0) }),
        await store.getSession('session-1'),
        await store.listTurns('session-1'),
        await store.getSeedVersion('eng-1'),
        await store.listSeedVersions('eng-1'),
        await store.listEvents('eng-1'),
        await store.getMemoryHead('eng-1'),
        await store.listPendingAnchors(10),
        await store.getPerson('person-1'),
        await store.getPersonByUserHandle('handle-person-1'),
        await store.getCredential('cred-1'),
        await store.listCredentials('person-1'),
        await store.scan('events'),
        await store.scan('sessions'),
      ];
      for (const value of handedOut) scribble(value);
      expect(await snapshot(store)).toEqual(before);

      const consumed = await store.consumeChallenge('flow-1');
      scribble(consumed);
      expect(consumed).not.toEqual(challengeRecord('flow-1'));
      expect(await store.consumeChallenge('flow-1')).toBeNull();
    });

    context.test('lifecycle', 'rejects every call and transaction with E_STORE_CLOSED once closed; closing again is harmless', async () => {
      const store = context.store();
      await populate(store);
      await store.close();
      for (const [name, call] of everyCall(store)) {
        const error = await expectRejection(call(), 'E_STORE_CLOSED').catch((cause: unknown) => {
          throw new Error(`${name} after close()`, { cause });
        });
        expect(error.code).toBe('E_STORE_CLOSED');
      }
      await store.close();
    });

    context.test('lifecycle', 'finishes work already started before it closes', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const pending = store.transaction(async (tx) => {
        await tx.appendEvents(chainedEvents('eng-1', 1));
        return 'committed';
      });
      const closing = store.close();
      expect(await pending).toBe('committed');
      await closing;
    });
  });
}
