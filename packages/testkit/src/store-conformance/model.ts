// The model-based run: random command sequences against the store and a plain in-memory model, compared after every command.
import {
  GENESIS_HASH,
  type AnchorPriority,
  type ChallengeRecord,
  type CreationSessionRecord,
  type EngagementRecord,
  type EngagementStatus,
  type ErrorCode,
  type InductionStatus,
  type LoomworksStore,
  type MemoryEvent,
  type OutboxEntry,
  type SeedVersionRecord,
  type StoreOperations,
  type TurnRecord,
} from '@loomworks/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import {
  at,
  chainedEvents,
  challengeRecord,
  engagementRecord,
  expectRejection,
  outboxEntry,
  scanAll,
  seedVersionRecord,
  sessionRecord,
  turnRecord,
} from './fixtures';

// Small pools, so commands collide: duplicate ids, equal createdAt, missing parents, contested seqs.
const ENGAGEMENT_IDS = ['eng-a', 'eng-b', 'eng-c', 'eng-d'];
const OPERATOR_IDS = ['operator-1', 'operator-2'];
const CREATED_AT = [at(100), at(200), at(300)];
const SESSION_IDS = ['session-a', 'session-b'];
const FLOW_IDS = ['flow-a', 'flow-b', 'flow-c'];
const PRIORITY_RANK: Record<AnchorPriority, number> = { high: 0, standard: 1, low: 2 };

type Model = {
  time: number;
  nextId: number;
  engagements: Map<string, EngagementRecord>;
  sessions: Map<string, CreationSessionRecord>;
  turns: Map<string, TurnRecord[]>;
  seedVersions: Map<string, SeedVersionRecord[]>;
  events: Map<string, MemoryEvent[]>;
  outbox: Map<string, OutboxEntry>;
  challenges: Map<string, ChallengeRecord>;
};

function emptyModel(): Model {
  return {
    time: 0,
    nextId: 0,
    engagements: new Map(),
    sessions: new Map(),
    turns: new Map(),
    seedVersions: new Map(),
    events: new Map(),
    outbox: new Map(),
    challenges: new Map(),
  };
}

/** A fresh, increasing timestamp: the model's clock. */
function tick(model: Model): string {
  model.time += 1;
  return at(1000 + model.time);
}

/** Thrown after a store call failed exactly as the model predicted; a transaction lets it roll everything back. */
class ExpectedRejection extends Error {}

type Expectation = { ok: true } | { ok: false; codes: readonly ErrorCode[] };
const OK: Expectation = { ok: true };
const fails = (...codes: ErrorCode[]): Expectation => ({ ok: false, codes });

async function perform<T>(expectation: Expectation, call: () => Promise<T>): Promise<T> {
  if (expectation.ok) return call();
  await expectRejection(call(), expectation.codes);
  throw new ExpectedRejection(`rejected with ${expectation.codes.join(' or ')} as the model predicted`);
}

/** For a child appended at `offset` from the next number: a missing parent may be reported before or after the number. */
function childExpectation(parentExists: boolean, offset: number): Expectation {
  if (!parentExists) return offset === 0 ? fails('E_NOT_FOUND') : fails('E_NOT_FOUND', 'E_CONFLICT');
  return offset === 0 ? OK : fails('E_CONFLICT');
}

function pendingInOrder(model: Model): OutboxEntry[] {
  return [...model.outbox.values()]
    .filter((entry) => entry.anchoredAt === null)
    .sort(
      (left, right) =>
        PRIORITY_RANK[left.priority] - PRIORITY_RANK[right.priority] ||
        left.enqueuedAt.localeCompare(right.enqueuedAt) ||
        (left.engagementId < right.engagementId ? -1 : left.engagementId > right.engagementId ? 1 : 0) ||
        left.seq - right.seq
    );
}

// ── Writes: each predicts its outcome from the model, checks the store agrees, and updates the model ──

type WriteOp = { label: string; run(model: Model, ops: StoreOperations): Promise<void> };

function insertEngagement(id: string, operatorId: string, createdAt: string): WriteOp {
  return {
    label: `insertEngagement(${id}, ${operatorId}, ${createdAt})`,
    async run(model, ops) {
      const record = engagementRecord(id, { operatorId, createdAt, updatedAt: createdAt });
      await perform(model.engagements.has(id) ? fails('E_CONFLICT') : OK, () => ops.insertEngagement(record));
      model.engagements.set(id, record);
    },
  };
}

function updateEngagement(id: string, status: EngagementStatus, inductionStatus: InductionStatus | null): WriteOp {
  return {
    label: `updateEngagement(${id}, ${status}, ${inductionStatus})`,
    async run(model, ops) {
      const updatedAt = tick(model);
      const current = model.engagements.get(id);
      const result = await perform(current ? OK : fails('E_NOT_FOUND'), () => ops.updateEngagement(id, { status, inductionStatus, updatedAt }));
      const expected = { ...(current as EngagementRecord), status, inductionStatus, updatedAt };
      expect(result).toEqual(expected);
      model.engagements.set(id, expected);
    },
  };
}

function appendEvents(engagementId: string, count: number, offset: number, priority: AnchorPriority | null): WriteOp {
  return {
    label: `appendEvents(${engagementId}, ${count} events, seq offset ${offset}, anchor ${priority})`,
    async run(model, ops) {
      const chain = model.events.get(engagementId) ?? [];
      const last = chain[chain.length - 1];
      const from = { seq: (last?.seq ?? 0) + offset, hash: last?.hash ?? GENESIS_HASH };
      const events = chainedEvents(engagementId, count, from, `model-${++model.nextId}`);
      await perform(childExpectation(model.engagements.has(engagementId), offset), () => ops.appendEvents(events));
      model.events.set(engagementId, [...chain, ...events]);
      if (priority === null) return;
      const entries = events.map((event) => outboxEntry(event, priority, tick(model)));
      await ops.enqueueAnchors(entries);
      for (const entry of entries) model.outbox.set(entry.eventId, entry);
    },
  };
}

function markAnchored(count: number): WriteOp {
  return {
    label: `markAnchored(first ${count} pending)`,
    async run(model, ops) {
      const anchoredAt = tick(model);
      const chosen = pendingInOrder(model).slice(0, count);
      await ops.markAnchored(chosen.map((entry) => ({ eventId: entry.eventId, anchoredAt, receipt: { model: entry.seq } })));
      for (const entry of chosen) model.outbox.set(entry.eventId, { ...entry, anchoredAt, receipt: { model: entry.seq } });
    },
  };
}

function insertSession(id: string, operatorId: string): WriteOp {
  return {
    label: `insertSession(${id}, ${operatorId})`,
    async run(model, ops) {
      const createdAt = tick(model);
      const record = sessionRecord(id, { operatorId, createdAt, updatedAt: createdAt });
      await perform(model.sessions.has(id) ? fails('E_CONFLICT') : OK, () => ops.insertSession(record));
      model.sessions.set(id, record);
    },
  };
}

function updateSession(id: string, stale: boolean): WriteOp {
  return {
    label: `updateSession(${id}${stale ? ', from a stale version' : ''})`,
    async run(model, ops) {
      const current = model.sessions.get(id);
      const expectedVersion = current ? current.version - (stale ? 1 : 0) : 1;
      const record: CreationSessionRecord = {
        ...(current ?? sessionRecord(id)),
        version: expectedVersion + 1,
        state: { step: model.time },
        updatedAt: tick(model),
      };
      await perform(!current ? fails('E_NOT_FOUND') : stale ? fails('E_CONFLICT') : OK, () => ops.updateSession(record, expectedVersion));
      model.sessions.set(id, record);
    },
  };
}

function appendTurn(sessionId: string, offset: number): WriteOp {
  return {
    label: `appendTurn(${sessionId}, index offset ${offset})`,
    async run(model, ops) {
      const turns = model.turns.get(sessionId) ?? [];
      const record = turnRecord(sessionId, turns.length + 1 + offset, { at: tick(model) });
      await perform(childExpectation(model.sessions.has(sessionId), offset), () => ops.appendTurn(record));
      model.turns.set(sessionId, [...turns, record]);
    },
  };
}

function insertSeedVersion(engagementId: string, offset: number): WriteOp {
  return {
    label: `insertSeedVersion(${engagementId}, version offset ${offset})`,
    async run(model, ops) {
      const versions = model.seedVersions.get(engagementId) ?? [];
      const record = seedVersionRecord(engagementId, versions.length + 1 + offset, { createdAt: tick(model) });
      await perform(childExpectation(model.engagements.has(engagementId), offset), () => ops.insertSeedVersion(record));
      model.seedVersions.set(engagementId, [...versions, record]);
    },
  };
}

function insertChallenge(flowId: string): WriteOp {
  return {
    label: `insertChallenge(${flowId})`,
    async run(model, ops) {
      const record = challengeRecord(flowId, { createdAt: tick(model) });
      await perform(model.challenges.has(flowId) ? fails('E_CONFLICT') : OK, () => ops.insertChallenge(record));
      model.challenges.set(flowId, record);
    },
  };
}

function consumeChallenge(flowId: string): WriteOp {
  return {
    label: `consumeChallenge(${flowId})`,
    async run(model, ops) {
      expect(await ops.consumeChallenge(flowId)).toEqual(model.challenges.get(flowId) ?? null);
      model.challenges.delete(flowId);
    },
  };
}

// ── Commands ─────────────────────────────────────────────────────────────────────────────────

/** The store holds exactly what the model holds, table by table. */
async function expectStoreMatchesModel(model: Model, store: LoomworksStore): Promise<void> {
  const keyed = <T>(records: readonly T[], key: (record: T) => string) => Object.fromEntries(records.map((record) => [key(record), record]));
  const turnKey = (turn: TurnRecord) => `${turn.sessionId}#${turn.index}`;
  const versionKey = (version: SeedVersionRecord) => `${version.engagementId}#${version.version}`;
  const eventKey = (event: MemoryEvent) => `${event.engagementId}#${event.seq}`;
  expect(keyed(await scanAll(store, 'engagements'), (record) => record.id)).toEqual(Object.fromEntries(model.engagements));
  expect(keyed(await scanAll(store, 'sessions'), (record) => record.id)).toEqual(Object.fromEntries(model.sessions));
  expect(keyed(await scanAll(store, 'turns'), turnKey)).toEqual(keyed([...model.turns.values()].flat(), turnKey));
  expect(keyed(await scanAll(store, 'seedVersions'), versionKey)).toEqual(keyed([...model.seedVersions.values()].flat(), versionKey));
  expect(keyed(await scanAll(store, 'events'), eventKey)).toEqual(keyed([...model.events.values()].flat(), eventKey));
  expect(keyed(await scanAll(store, 'outbox'), (entry) => entry.eventId)).toEqual(Object.fromEntries(model.outbox));
  expect(keyed(await scanAll(store, 'challenges'), (record) => record.flowId)).toEqual(Object.fromEntries(model.challenges));
}

type StoreCommand = fc.AsyncCommand<Model, LoomworksStore>;

function standaloneCommand(op: WriteOp): StoreCommand {
  return {
    check: () => true,
    async run(model, store) {
      try {
        await op.run(model, store);
      } catch (error) {
        if (!(error instanceof ExpectedRejection)) throw error;
      }
      await expectStoreMatchesModel(model, store);
    },
    toString: () => op.label,
  };
}

function transactionCommand(ops: readonly WriteOp[], throwAt: number | null): StoreCommand {
  return {
    check: () => true,
    async run(model, store) {
      // The writes run against a copy of the model, which replaces the model only if the transaction commits.
      const draft = structuredClone(model);
      const abort = new Error('the transaction callback gave up half-way');
      try {
        await store.transaction(async (tx) => {
          for (const [index, op] of ops.entries()) {
            if (throwAt === index) throw abort;
            await op.run(draft, tx);
          }
          if (throwAt === ops.length) throw abort;
        });
        Object.assign(model, draft);
      } catch (error) {
        if (error !== abort && !(error instanceof ExpectedRejection)) throw error;
      }
      await expectStoreMatchesModel(model, store);
    },
    toString: () =>
      `transaction[${ops.map((op) => op.label).join('; ')}]${throwAt === null || throwAt > ops.length ? '' : ` throwing before step ${throwAt + 1}`}`,
  };
}

function listEngagementsCommand(operatorId: string, limit: number): StoreCommand {
  return {
    check: () => true,
    async run(model, store) {
      const expected = [...model.engagements.values()]
        .filter((record) => record.operatorId === operatorId)
        .sort((left, right) => (left.createdAt !== right.createdAt ? (left.createdAt < right.createdAt ? 1 : -1) : left.id < right.id ? 1 : -1));
      const seen: EngagementRecord[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: EngagementRecord[]; nextCursor: string | null } = await store.listEngagements({ operatorId, limit, cursor });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length <= expected.length);
      expect(seen).toEqual(expected);
    },
    toString: () => `listEngagements(${operatorId}, pages of ${limit})`,
  };
}

function pendingAnchorsCommand(limit: number): StoreCommand {
  return {
    check: () => true,
    async run(model, store) {
      expect(await store.listPendingAnchors(limit)).toEqual(pendingInOrder(model).slice(0, limit));
    },
    toString: () => `listPendingAnchors(${limit})`,
  };
}

const engagementId = fc.constantFrom(...ENGAGEMENT_IDS);
const sessionId = fc.constantFrom(...SESSION_IDS);
const flowId = fc.constantFrom(...FLOW_IDS);
const operatorId = fc.constantFrom(...OPERATOR_IDS);
/** Mostly the right next number, sometimes one too low or too high. */
const offset = fc.constantFrom(0, 0, 0, -1, 1);

const writeOp: fc.Arbitrary<WriteOp> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(engagementId, operatorId, fc.constantFrom(...CREATED_AT)).map((args) => insertEngagement(...args)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        engagementId,
        fc.constantFrom<EngagementStatus>('candidate', 'active'),
        fc.constantFrom<InductionStatus | null>(null, 'induction-pass-clean', 'induction-fail')
      )
      .map((args) => updateEngagement(...args)),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(engagementId, fc.integer({ min: 1, max: 3 }), offset, fc.constantFrom<AnchorPriority | null>(null, 'low', 'standard', 'high'))
      .map((args) => appendEvents(...args)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map(markAnchored) },
  { weight: 2, arbitrary: fc.tuple(sessionId, operatorId).map((args) => insertSession(...args)) },
  { weight: 1, arbitrary: fc.tuple(sessionId, fc.boolean()).map((args) => updateSession(...args)) },
  { weight: 2, arbitrary: fc.tuple(sessionId, offset).map((args) => appendTurn(...args)) },
  { weight: 2, arbitrary: fc.tuple(engagementId, offset).map((args) => insertSeedVersion(...args)) },
  { weight: 1, arbitrary: flowId.map(insertChallenge) },
  { weight: 1, arbitrary: flowId.map(consumeChallenge) }
);

const commands = fc.commands(
  [
    fc.oneof(
      { weight: 6, arbitrary: writeOp.map(standaloneCommand) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.array(writeOp, { minLength: 1, maxLength: 4 }), fc.option(fc.nat({ max: 5 }), { nil: null }))
          .map(([ops, throwAt]) => transactionCommand(ops, throwAt)),
      },
      { weight: 1, arbitrary: fc.tuple(operatorId, fc.integer({ min: 1, max: 3 })).map(([operator, limit]) => listEngagementsCommand(operator, limit)) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map(pendingAnchorsCommand) }
    ),
  ],
  // Sequences of a few dozen commands: long enough to build chains and hit collisions, short enough for a networked store.
  { size: 'medium', maxCommands: 40 }
);

export function registerModelCases(context: ConformanceContext): void {
  describe('model-based run', () => {
    context.test('model', 'agrees with a plain in-memory model over random sequences of writes, transactions and reads', async () => {
      await fc.assert(
        fc.asyncProperty(commands, async (sequence) => {
          const store = await context.createStore();
          try {
            await fc.asyncModelRun(() => ({ model: emptyModel(), real: store }), sequence);
          } finally {
            await context.disposeStore(store);
          }
        }),
        { numRuns: 60 }
      );
    });
  });
}
