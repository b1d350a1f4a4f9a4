// Wraps a real store so a chosen call fails — inside transactions too — to prove nothing half-written survives.
import { LoomworksError, type LoomworksStore, type StoreOperations } from '@loomworks/core';

export type StoreFault = {
  /** The store method to fail, e.g. `insertDocument` or `appendEvents`. */
  method: keyof StoreOperations;
  /** Fail the nth call of that method counted from when the fault was armed (default 1). */
  nth?: number;
  error?: unknown;
};

export type FaultyStore = LoomworksStore & {
  /** Arms a fault (replacing any armed one); `null` disarms. */
  arm(fault: StoreFault | null): void;
  /** Calls per method since creation, for assertions. */
  readonly calls: Partial<Record<keyof StoreOperations, number>>;
};

export function createFaultyStore(store: LoomworksStore): FaultyStore {
  let armed: (StoreFault & { seen: number }) | null = null;
  const calls: Partial<Record<keyof StoreOperations, number>> = {};

  const guard = (method: keyof StoreOperations) => {
    calls[method] = (calls[method] ?? 0) + 1;
    if (!armed || armed.method !== method) return;
    armed.seen += 1;
    if (armed.seen === (armed.nth ?? 1)) {
      const fault = armed;
      armed = null;
      throw fault.error ?? new LoomworksError('E_STORE', `Injected failure in ${method}`);
    }
  };

  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function' || property === 'transaction' || property === 'close' || typeof property !== 'string') {
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
        }
        return async (...args: unknown[]) => {
          guard(property as keyof StoreOperations);
          return (value as (...args: unknown[]) => unknown).apply(object, args);
        };
      },
    });

  const wrapped = wrap(store);
  return Object.assign(Object.create(wrapped) as LoomworksStore, {
    kind: store.kind,
    calls,
    arm(fault: StoreFault | null) {
      armed = fault ? { ...fault, seen: 0 } : null;
    },
    transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
      return store.transaction((tx) => fn(wrap(tx)));
    },
    close: () => store.close(),
  }) as FaultyStore;
}
