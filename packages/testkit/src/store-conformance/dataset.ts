// A small store population touching every table, shared by the bulk, transaction and lifecycle cases.
import type { StoreOperations } from '@loomworks/core';
import {
  at,
  authSessionRecord,
  chainedEvents,
  challengeRecord,
  credentialRecord,
  documentRecord,
  engagementRecord,
  outboxEntry,
  personRecord,
  recoveryCodeRecord,
  seedVersionRecord,
  sessionRecord,
  turnRecord,
} from './fixtures';

/** Writes at least two records to every table (turn indexes past 10, one anchored outbox entry). */
export async function populate(store: StoreOperations): Promise<void> {
  await store.insertPerson(personRecord('person-1', { email: 'ada@example.com' }));
  await store.insertPerson(personRecord('person-2'));
  await store.insertCredential(credentialRecord('cred-1', 'person-1'));
  await store.insertCredential(credentialRecord('cred-2', 'person-1', { counter: 7 }));
  await store.insertCredential(credentialRecord('cred-3', 'person-2'));
  for (const flowId of ['flow-1', 'flow-2', 'flow-3']) await store.insertChallenge(challengeRecord(flowId));
  await store.insertAuthSession(authSessionRecord('token-hash-1', 'person-1'));
  await store.insertAuthSession(authSessionRecord('token-hash-2', 'person-2', { revokedAt: at(9) }));
  await store.insertRecoveryCodes(['code-hash-1', 'code-hash-2', 'code-hash-3'].map((codeHash) => recoveryCodeRecord(codeHash, 'person-1')));

  await store.insertEngagement(engagementRecord('eng-1', { sessionId: 'session-1', createdAt: at(1) }));
  await store.insertEngagement(engagementRecord('eng-2', { createdAt: at(2) }));
  await store.insertEngagement(engagementRecord('eng-3', { operatorId: 'operator-2', createdAt: at(3) }));
  await store.insertSession(sessionRecord('session-1', { engagementId: 'eng-1', status: 'committed' }));
  await store.insertSession(sessionRecord('session-2'));
  for (let index = 1; index <= 12; index += 1) await store.appendTurn(turnRecord('session-1', index));
  for (let index = 1; index <= 2; index += 1) await store.appendTurn(turnRecord('session-2', index));
  await store.insertDocument(documentRecord('doc-1', 'eng-1', { sessionId: 'session-1' }));
  await store.insertDocument(documentRecord('doc-2', 'eng-1', { kind: 'brief', format: 'brief/v1' }));
  await store.insertDocument(documentRecord('doc-3', 'eng-2'));
  for (let version = 1; version <= 3; version += 1)
    await store.insertSeedVersion(seedVersionRecord('eng-1', version, { documentId: version === 1 ? 'doc-1' : null }));
  await store.insertSeedVersion(seedVersionRecord('eng-2', 1));

  const first = chainedEvents('eng-1', 11);
  const second = chainedEvents('eng-2', 2);
  await store.appendEvents(first);
  await store.appendEvents(second);
  await store.enqueueAnchors([
    outboxEntry(first[0] ?? never(), 'standard', at(20)),
    outboxEntry(first[1] ?? never(), 'high', at(21)),
    outboxEntry(second[0] ?? never(), 'low', at(22)),
  ]);
  await store.markAnchored([{ eventId: first[0]?.id ?? never(), anchoredAt: at(30), receipt: { sink: 'test' } }]);
}

function never(): never {
  throw new Error('dataset fixture is shorter than expected');
}
