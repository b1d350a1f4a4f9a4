import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store';
import { StoreMutex, TransactionScope, createTransactionScopes } from './transaction-scopes';

describe('createTransactionScopes', () => {
  it("tells a call from inside this store's own callback, and only while its scope is active", async () => {
    const scopes = createTransactionScopes();
    const other = createTransactionScopes();
    const scope = new TransactionScope();
    expect(scopes.inside()).toBe(false);
    await scopes.run(scope, async () => {
      await Promise.resolve();
      expect(scopes.inside()).toBe(true);
      expect(other.inside()).toBe(false);
      expect(() => scopes.assertOutside('listTurns')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
      scope.end();
      expect(scopes.inside()).toBe(false);
    });
    expect(scopes.inside()).toBe(false);
    expect(() => scope.assertActive('getEngagement')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: 'tx.getEngagement() was called after its transaction ended' }));
  });

  it("still knows the outer store's transaction inside another store's transaction", async () => {
    const outer = createMemoryStore();
    const inner = createMemoryStore();
    await outer.transaction(async () => {
      await inner.transaction(async () => {
        // Waiting for the outer store here would wait for its own transaction, forever.
        await expect(outer.listEngagements({ operatorId: 'op' })).rejects.toMatchObject({ code: 'E_USAGE' });
        await expect(inner.listEngagements({ operatorId: 'op' })).rejects.toMatchObject({ code: 'E_USAGE' });
      });
      await expect(inner.listEngagements({ operatorId: 'op' })).resolves.toMatchObject({ items: [] });
    });
    await expect(outer.listEngagements({ operatorId: 'op' })).resolves.toMatchObject({ items: [] });
  });
});

describe('StoreMutex', () => {
  it('runs tasks one at a time in call order, going on after a failure', async () => {
    const mutex = new StoreMutex();
    const order: string[] = [];
    const task = (name: string, fail = false) => async () => {
      order.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([mutex.run(task('a')), mutex.run(task('b', true)), mutex.run(task('c'))]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
