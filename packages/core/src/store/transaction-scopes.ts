// What every store does alike around `transaction()`: running calls one at a time, telling whether a call comes
// from inside the store's own transaction callback (where waiting for the transaction would wait forever), and
// refusing `tx` calls once the transaction has ended. The memory store uses it; store adapters import it from core.
import { AsyncLocalStorage } from 'node:async_hooks';
import { LoomworksError } from '../errors';

/** Runs tasks one at a time, in call order. */
export class StoreMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One transaction: its `tx` works until `end()`, then refuses every call. */
export class TransactionScope {
  private open = true;

  get active(): boolean {
    return this.open;
  }

  end(): void {
    this.open = false;
  }

  /** E_USAGE for `tx.<method>()` called after the transaction ended. */
  assertActive(method: string): void {
    if (!this.open) throw new LoomworksError('E_USAGE', `tx.${method}() was called after its transaction ended`, { details: { method } });
  }
}

/** The transaction callbacks a piece of code runs inside, innermost first (a store's callback may use another store). */
type Entry = { owner: object; scope: TransactionScope; outer: Entry | undefined };

// One context for every store in the process: on Node 20 each AsyncLocalStorage instance stays registered for
// the life of the process. While no transaction runs it is disabled, because an enabled one runs a hook on
// every promise the process creates (every await of a session, not only the store's).
const context = new AsyncLocalStorage<Entry>();
let running = 0;

export type TransactionScopes = {
  /** Whether the caller runs inside one of this store's transaction callbacks that has not ended. */
  inside(): boolean;
  /** E_USAGE when `store.<method>()` is called from inside this store's own transaction callback. */
  assertOutside(method: string): void;
  /** Runs a transaction callback in `scope`, so calls it makes on the store itself are told apart. */
  run<T>(scope: TransactionScope, callback: () => Promise<T>): Promise<T>;
};

/** One store's view of the transaction callbacks running; create one per store. */
export function createTransactionScopes(): TransactionScopes {
  const owner = {};
  const inside = (): boolean => {
    for (let entry = context.getStore(); entry !== undefined; entry = entry.outer) {
      if (entry.owner === owner && entry.scope.active) return true;
    }
    return false;
  };
  return {
    inside,
    assertOutside(method) {
      if (inside()) {
        throw new LoomworksError('E_USAGE', `store.${method}() was called inside store.transaction(); use the tx object passed to the callback`, {
          details: { method },
        });
      }
    },
    async run(scope, callback) {
      running++;
      try {
        return await context.run({ owner, scope, outer: context.getStore() }, callback);
      } finally {
        if (--running === 0) context.disable();
      }
    },
  };
}

/** What every call on a closed store rejects with. */
export function storeClosedError(): LoomworksError {
  return new LoomworksError('E_STORE_CLOSED', 'The store has been closed');
}
