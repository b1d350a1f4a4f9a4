// Wraps a store so every method call (inside transactions too) is recorded with its arguments and result.
import type { LoomworksStore, StoreOperations } from '@loomworks/core';

export type RecordedCall = { method: string; args: unknown[]; result?: unknown };

export function createRecordingStore(store: LoomworksStore): { store: LoomworksStore; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const wrap = <T extends StoreOperations>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        if (property === 'transaction') {
          return (fn: (operations: StoreOperations) => Promise<unknown>) => (object as unknown as LoomworksStore).transaction((operations) => fn(wrap(operations)));
        }
        return async (...args: unknown[]) => {
          const call: RecordedCall = { method: property, args: structuredClone(args) };
          calls.push(call);
          call.result = await value.apply(object, args);
          return call.result;
        };
      },
    });
  return { store: wrap(store), calls };
}
