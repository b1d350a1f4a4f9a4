import { describe, expect, it } from 'vitest';
import type { CredentialRecord, MemoryEvent, TurnRecord } from './records';
import { createRelationalLayout } from './relational-layout';

// The two dialects of the shipped stores: SQLite stores booleans as 0/1, Postgres has its own.
const zeroOne = createRelationalLayout<number>({ encodeBoolean: (value) => (value ? 1 : 0), decodeBoolean: (value) => value === 1 });
const native = createRelationalLayout<boolean>({ encodeBoolean: (value) => value, decodeBoolean: (value) => value === true });

const credential: CredentialRecord = {
  id: 'cred-1',
  personId: 'person-1',
  publicKey: 'pk',
  counter: 7,
  transports: ['usb', 'nfc'],
  deviceType: 'multiDevice',
  backedUp: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastUsedAt: null,
};

const event: MemoryEvent = {
  id: 'event-1',
  engagementId: 'eng-1',
  seq: 1,
  type: 'engagement_created',
  actor: { kind: 'person', id: 'person-1' },
  at: '2026-01-01T00:00:00.000Z',
  payload: { name: 'Marketing', parts: [1, { z: null, a: true }] },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

const turn: TurnRecord = {
  sessionId: 'session-1',
  index: 2,
  role: 'companion',
  text: 'Who is it for?',
  at: '2026-01-01T00:00:00.000Z',
  intent: null,
  trace: null,
  usage: { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 0, cacheReadTokens: 3 },
  request: null,
};

function rowOf(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column, index) => [column, values[index]]));
}

describe('createRelationalLayout', () => {
  it('writes rows in the format existing databases hold: JSON as JSON.stringify text, booleans as the dialect stores them', () => {
    expect(rowOf(zeroOne.credentials.columns, zeroOne.credentials.toRow(credential))).toEqual({
      id: 'cred-1',
      person_id: 'person-1',
      public_key: 'pk',
      counter: 7,
      transports: '["usb","nfc"]',
      device_type: 'multiDevice',
      backed_up: 1,
      created_at: '2026-01-01T00:00:00.000Z',
      last_used_at: null,
    });
    expect(native.credentials.toRow(credential)[native.credentials.columns.indexOf('backed_up')]).toBe(true);
    expect(rowOf(native.events.columns, native.events.toRow(event))).toMatchObject({
      actor_kind: 'person',
      actor_id: 'person-1',
      payload: '{"name":"Marketing","parts":[1,{"z":null,"a":true}]}',
    });
  });

  it('reads back exactly the record it wrote, nulls, nested objects and JSON key order included, in either dialect', () => {
    for (const layout of [zeroOne, native] as const) {
      for (const [table, record] of [
        ['credentials', credential],
        ['events', event],
        ['turns', turn],
        ['credentials', { ...credential, backedUp: false, lastUsedAt: '2026-02-01T00:00:00.000Z' }],
      ] as const) {
        const mapping = layout[table] as { columns: readonly string[]; toRow(record: unknown): unknown[]; fromRow(row: Record<string, unknown>): unknown };
        const back = mapping.fromRow(rowOf(mapping.columns, mapping.toRow(record)));
        expect(back).toStrictEqual(record);
        expect(JSON.stringify(back)).toBe(JSON.stringify(record));
      }
    }
  });

  it('reads integers a driver hands back as strings (Postgres BIGINT) as numbers', () => {
    const row = rowOf(native.events.columns, native.events.toRow(event));
    expect(native.events.fromRow({ ...row, seq: '1' }).seq).toBe(1);
    expect(native.engagements.fromRow({ seed_version: '3' }).seedVersion).toBe(3);
  });

  it('gives each table its primary key in scan order, with the types a cursor must carry', () => {
    expect([zeroOne.turns.key, zeroOne.turns.keyShape, zeroOne.turns.keyOf(turn)]).toEqual([['session_id', 'idx'], ['string', 'number'], ['session-1', 2]]);
    expect([zeroOne.outbox.key, zeroOne.outbox.keyShape]).toEqual([['event_id'], ['string']]);
    expect(zeroOne.events.keyOf(event)).toEqual(['eng-1', 1]);
  });
});
