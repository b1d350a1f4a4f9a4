// What every area of the store conformance suite shares: the store under test per case, and capability skips.
import type { LoomworksStore } from '@loomworks/core';
import { afterEach, beforeEach, it } from 'vitest';

/** Areas of the contract a store may opt out of (each with a reason). */
export const CONFORMANCE_CAPABILITIES = [
  'engagements',
  'sessions',
  'documents',
  'memory',
  'outbox',
  'auth',
  'bulk',
  'transactions',
  /** Cases that race calls against each other (two appends of one seq, concurrent consumers …). */
  'concurrency',
  /** Copies rather than aliases, closing. */
  'lifecycle',
  /** The fast-check model-based run. */
  'model',
] as const;

export type ConformanceCapability = (typeof CONFORMANCE_CAPABILITIES)[number];

export type StoreConformanceOptions = {
  /** Shown in the suite's title, e.g. `memory`, `sqlite`. */
  name: string;
  /** Resolves to a new, empty store; called once per case (and once per model run). */
  create: () => Promise<LoomworksStore>;
  /** Releases a store made by `create` (default: `store.close()`); it may already be closed. */
  dispose?: (store: LoomworksStore) => Promise<void>;
  /** Capabilities this store does not offer, each with the reason printed in the skipped case's title. */
  skip?: Partial<Record<ConformanceCapability, string>>;
};

export type ConformanceContext = {
  /** The store of the running case: a fresh one for every case. */
  store(): LoomworksStore;
  /** A further fresh store (for cases that build several); disposed by the caller through `disposeStore`. */
  createStore(): Promise<LoomworksStore>;
  disposeStore(store: LoomworksStore): Promise<void>;
  /** Registers a case that needs every listed capability; skipped, with the reason in its title, when one is skipped. */
  test(capabilities: ConformanceCapability | readonly ConformanceCapability[], title: string, body: () => Promise<void>): void;
};

export function createConformanceContext(options: StoreConformanceOptions): ConformanceContext {
  const dispose = options.dispose ?? ((store: LoomworksStore) => store.close());
  let current: LoomworksStore | undefined;

  beforeEach(async () => {
    current = await options.create();
  });
  afterEach(async () => {
    const store = current;
    current = undefined;
    if (store) await dispose(store);
  });

  return {
    store() {
      if (!current) throw new Error('The conformance store is only available inside a case');
      return current;
    },
    createStore: () => options.create(),
    disposeStore: (store) => dispose(store),
    test(capabilities, title, body) {
      const needed: readonly ConformanceCapability[] = typeof capabilities === 'string' ? [capabilities] : capabilities;
      const skipped = needed.find((capability) => options.skip?.[capability] !== undefined);
      if (skipped !== undefined) {
        it.skip(`${title} [skipped (${skipped}): ${options.skip?.[skipped]}]`, body);
      } else {
        it(title, body);
      }
    },
  };
}
