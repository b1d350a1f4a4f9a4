// Conformance cases for creation sessions (optimistic versions) and their gapless turns.
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { at, expectRejection, sessionRecord, settle, turnRecord } from './fixtures';

export function registerSessionCases(context: ConformanceContext): void {
  describe('creation sessions and turns', () => {
    context.test('sessions', 'stores a session with its opaque state and reads it back; unknown ids read as null', async () => {
      const store = context.store();
      const record = sessionRecord('session-1');
      await store.insertSession(record);
      expect(await store.getSession('session-1')).toEqual(record);
      expect(await store.getSession('session-unknown')).toBeNull();
      await expectRejection(store.insertSession(sessionRecord('session-1', { companionId: 'other' })), 'E_CONFLICT');
      expect(await store.getSession('session-1')).toEqual(record);
    });

    context.test('sessions', 'updates a session only from the version the caller read (E_CONFLICT when stale, E_NOT_FOUND when missing)', async () => {
      const store = context.store();
      const original = sessionRecord('session-1');
      await store.insertSession(original);
      const second = { ...original, version: 2, state: { phase: 'committing' }, status: 'committed' as const, engagementId: 'eng-1', updatedAt: at(5) };
      await store.updateSession(second, 1);
      expect(await store.getSession('session-1')).toEqual(second);

      await expectRejection(store.updateSession({ ...original, version: 2, state: { phase: 'lost update' } }, 1), 'E_CONFLICT');
      expect(await store.getSession('session-1')).toEqual(second);

      const third = { ...second, version: 3, updatedAt: at(6) };
      await store.updateSession(third, 2);
      expect((await store.getSession('session-1'))?.version).toBe(3);
      await expectRejection(store.updateSession(sessionRecord('session-missing', { version: 2 }), 1), 'E_NOT_FOUND');
    });

    context.test(['sessions', 'concurrency'], 'lets exactly one of two racing updates from the same version win', async () => {
      const store = context.store();
      await store.insertSession(sessionRecord('session-1'));
      const { fulfilled, codes } = await settle([
        store.updateSession(sessionRecord('session-1', { version: 2, state: { writer: 'a' } }), 1),
        store.updateSession(sessionRecord('session-1', { version: 2, state: { writer: 'b' } }), 1),
      ]);
      expect(fulfilled).toHaveLength(1);
      expect(codes).toEqual(['E_CONFLICT']);
      expect((await store.getSession('session-1'))?.version).toBe(2);
    });

    context.test('sessions', 'appends turns 1, 2, 3 … and lists them in order exactly as stored', async () => {
      const store = context.store();
      await store.insertSession(sessionRecord('session-1'));
      await store.insertSession(sessionRecord('session-2'));
      const turns = [1, 2, 3, 4].map((index) => turnRecord('session-1', index));
      for (const turn of turns) await store.appendTurn(turn);
      await store.appendTurn(turnRecord('session-2', 1));
      expect(await store.listTurns('session-1')).toEqual(turns);
      expect(await store.listTurns('session-2')).toEqual([turnRecord('session-2', 1)]);
      expect(await store.listTurns('session-unknown')).toEqual([]);
    });

    context.test('sessions', 'refuses a turn whose index is not the next one with E_CONFLICT, and a turn of an unknown session with E_NOT_FOUND', async () => {
      const store = context.store();
      await store.insertSession(sessionRecord('session-1'));
      await expectRejection(store.appendTurn(turnRecord('session-1', 2)), 'E_CONFLICT');
      await expectRejection(store.appendTurn(turnRecord('session-1', 0)), 'E_CONFLICT');
      await store.appendTurn(turnRecord('session-1', 1));
      await expectRejection(store.appendTurn(turnRecord('session-1', 1, { text: 'duplicate' })), 'E_CONFLICT');
      await expectRejection(store.appendTurn(turnRecord('session-1', 3)), 'E_CONFLICT');
      expect(await store.listTurns('session-1')).toEqual([turnRecord('session-1', 1)]);
      await expectRejection(store.appendTurn(turnRecord('session-unknown', 1)), 'E_NOT_FOUND');
    });

    context.test(['sessions', 'concurrency'], 'lets exactly one of two racing appends of the same turn index win', async () => {
      const store = context.store();
      await store.insertSession(sessionRecord('session-1'));
      const { fulfilled, codes } = await settle([
        store.appendTurn(turnRecord('session-1', 1, { text: 'a' })),
        store.appendTurn(turnRecord('session-1', 1, { text: 'b' })),
      ]);
      expect(fulfilled).toHaveLength(1);
      expect(codes).toEqual(['E_CONFLICT']);
      expect(await store.listTurns('session-1')).toHaveLength(1);
    });
  });
}
