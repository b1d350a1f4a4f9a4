// Conformance cases for transaction(fn): all-or-nothing for every kind of write, isolation, and racing transactions.
import { appendMemoryEvents, verifyMemory, type StoreOperations } from '@loomworks/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { populate } from './dataset';
import {
  at,
  authSessionRecord,
  chainedEvents,
  challengeRecord,
  credentialRecord,
  documentRecord,
  engagementRecord,
  expectRejection,
  outboxEntry,
  personRecord,
  recoveryCodeRecord,
  seedVersionRecord,
  sessionRecord,
  snapshot,
  turnRecord,
} from './fixtures';

/** One write of every kind the contract offers, against the `populate` dataset. */
async function writeEverything(tx: StoreOperations): Promise<void> {
  await tx.insertEngagement(engagementRecord('eng-new', { createdAt: at(500) }));
  await tx.updateEngagement('eng-1', { status: 'active', seedVersion: 3, updatedAt: at(501) });
  await tx.insertSession(sessionRecord('session-new'));
  const session = await tx.getSession('session-2');
  if (!session) throw new Error('dataset has no session-2');
  await tx.updateSession({ ...session, version: session.version + 1, state: { changed: true } }, session.version);
  await tx.appendTurn(turnRecord('session-2', 3));
  await tx.insertDocument(documentRecord('doc-new', 'eng-2'));
  await tx.insertSeedVersion(seedVersionRecord('eng-2', 2));
  const head = await tx.getMemoryHead('eng-2');
  const events = chainedEvents('eng-2', 2, head, 'tx-event');
  await tx.appendEvents(events);
  await tx.enqueueAnchors(events.map((event) => outboxEntry(event, 'high', at(502))));
  const pending = await tx.listPendingAnchors(10);
  await tx.markAnchored(pending.map((entry) => ({ eventId: entry.eventId, anchoredAt: at(503), receipt: { inside: 'transaction' } })));
  await tx.insertPerson(personRecord('person-new'));
  await tx.insertCredential(credentialRecord('cred-new', 'person-new'));
  expect(await tx.updateCredentialCounter('cred-2', { expectedCounter: 7, counter: 8, backedUp: false, lastUsedAt: at(504) })).toBe(true);
  expect(await tx.deleteCredential('cred-1')).toBe('deleted');
  await tx.insertChallenge(challengeRecord('flow-new'));
  expect(await tx.consumeChallenge('flow-1')).not.toBeNull();
  await tx.insertAuthSession(authSessionRecord('token-hash-new', 'person-1'));
  await tx.revokeAuthSession('token-hash-1', at(505));
  await tx.insertRecoveryCodes([recoveryCodeRecord('code-hash-new', 'person-2')]);
  expect(await tx.consumeRecoveryCode('code-hash-1', at(506))).not.toBeNull();
  expect(await tx.importRecord('engagements', engagementRecord('eng-imported'))).toBe('inserted');
}

export function registerTransactionCases(context: ConformanceContext): void {
  describe('transactions', () => {
    context.test('transactions', 'commits every write when the callback resolves, and resolves to its value', async () => {
      const store = context.store();
      await populate(store);
      const result = await store.transaction(async (tx) => {
        await writeEverything(tx);
        return 'done';
      });
      expect(result).toBe('done');
      expect((await store.getEngagement('eng-1'))?.status).toBe('active');
      expect(await store.getEngagement('eng-imported')).not.toBeNull();
      expect(await store.getCredential('cred-1')).toBeNull();
      expect(await store.consumeChallenge('flow-1')).toBeNull();
      expect((await store.getAuthSession('token-hash-1'))?.revokedAt).toBe(at(505));
      expect((await store.getMemoryHead('eng-2'))?.seq).toBe(4);
    });

    context.test('transactions', 'rolls back every kind of write when the callback rejects, with the callback’s own error', async () => {
      const store = context.store();
      await populate(store);
      const before = await snapshot(store);
      const failure = new Error('failed half-way');
      await expect(
        store.transaction(async (tx) => {
          await writeEverything(tx);
          throw failure;
        })
      ).rejects.toBe(failure);
      expect(await snapshot(store)).toEqual(before);
    });

    context.test('transactions', 'rolls back earlier writes when a store call inside fails with E_CONFLICT', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.appendEvents(chainedEvents('eng-1', 1));
      await expectRejection(
        store.transaction(async (tx) => {
          await tx.insertEngagement(engagementRecord('eng-2'));
          await tx.updateEngagement('eng-1', { status: 'active', updatedAt: at(9) });
          await tx.appendEvents(chainedEvents('eng-1', 1));
        }),
        'E_CONFLICT'
      );
      expect(await store.getEngagement('eng-2')).toBeNull();
      expect((await store.getEngagement('eng-1'))?.status).toBe('candidate');
    });

    context.test('transactions', 'sees its own writes before it commits', async () => {
      const store = context.store();
      await store.transaction(async (tx) => {
        await tx.insertEngagement(engagementRecord('eng-1'));
        expect(await tx.getEngagement('eng-1')).toEqual(engagementRecord('eng-1'));
        await tx.appendEvents(chainedEvents('eng-1', 2));
        expect((await tx.getMemoryHead('eng-1'))?.seq).toBe(2);
        expect((await tx.listEngagements({ operatorId: 'operator-1' })).items).toHaveLength(1);
      });
    });

    context.test(['transactions', 'concurrency'], 'never shows another reader half of a transaction, nor anything of one that rolls back', async () => {
      const store = context.store();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstWritten: () => void = () => undefined;
      const halfway = new Promise<void>((resolve) => {
        firstWritten = resolve;
      });
      const committing = store.transaction(async (tx) => {
        await tx.insertEngagement(engagementRecord('eng-a', { createdAt: at(1) }));
        firstWritten();
        await gate;
        await tx.insertEngagement(engagementRecord('eng-b', { createdAt: at(2) }));
      });
      await halfway;
      const reading = store.listEngagements({ operatorId: 'operator-1' });
      release();
      await committing;
      expect([0, 2]).toContain((await reading).items.length);

      const failure = new Error('rolled back');
      let rollbackRelease: () => void = () => undefined;
      const rollbackGate = new Promise<void>((resolve) => {
        rollbackRelease = resolve;
      });
      let rollbackWritten: () => void = () => undefined;
      const rollbackHalfway = new Promise<void>((resolve) => {
        rollbackWritten = resolve;
      });
      const rollingBack = store.transaction(async (tx) => {
        await tx.insertEngagement(engagementRecord('eng-doomed', { operatorId: 'operator-2' }));
        rollbackWritten();
        await rollbackGate;
        throw failure;
      });
      await rollbackHalfway;
      const dirtyRead = store.listEngagements({ operatorId: 'operator-2' });
      rollbackRelease();
      await expect(rollingBack).rejects.toBe(failure);
      expect((await dirtyRead).items).toEqual([]);
      expect(await store.getEngagement('eng-doomed')).toBeNull();
    });

    context.test(['transactions', 'concurrency'], 'lands every Memory append of racing transactions that retry on E_CONFLICT', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const writers = Array.from({ length: 5 }, async (_, writer) => {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          try {
            await store.transaction(async (tx) => {
              await tx.insertDocument(documentRecord(`doc-${writer}-${attempt}`, 'eng-1'));
              await appendMemoryEvents(tx, 'eng-1', [{ type: 'assertion_committed', actor: { kind: 'person', id: `writer-${writer}` }, payload: { writer } }]);
            });
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== 'E_CONFLICT') throw error;
          }
        }
        throw new Error(`writer ${writer} never committed`);
      });
      await Promise.all(writers);
      expect(await verifyMemory(store, 'eng-1')).toEqual({ ok: true, engagements: 1, events: 5 });
      // Losing attempts left no documents behind: one per committed transaction.
      expect(await store.listDocuments('eng-1')).toHaveLength(5);
      expect(await store.listPendingAnchors(10)).toHaveLength(5);
    });
  });
}
