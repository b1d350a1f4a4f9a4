// The store conformance suite (SPEC §7.2): every LoomworksStore calls it, so every store behaves the same.
import { describe } from 'vitest';
import { registerAuthCases } from './auth';
import { registerBulkCases } from './bulk';
import { createConformanceContext, type StoreConformanceOptions } from './context';
import { registerDocumentCases } from './documents';
import { registerEngagementCases } from './engagements';
import { registerLifecycleCases } from './lifecycle';
import { registerMemoryCases } from './memory';
import { registerModelCases } from './model';
import { registerOutboxCases } from './outbox';
import { registerSessionCases } from './sessions';
import { registerTransactionCases } from './transactions';

export { CONFORMANCE_CAPABILITIES, type ConformanceCapability, type StoreConformanceOptions } from './context';

/**
 * Registers the conformance cases for one store implementation, inside the calling test file:
 *
 * ```ts
 * defineStoreConformanceSuite({ name: 'sqlite', create: async () => createSqliteStore({ filename: await tempFile() }) });
 * ```
 *
 * `create` must resolve to a new, empty store each time (cases count what they find). Only the public
 * LoomworksStore interface is used, so the cases hold for in-process and networked stores alike.
 */
export function defineStoreConformanceSuite(options: StoreConformanceOptions): void {
  describe(`LoomworksStore conformance: ${options.name}`, () => {
    const context = createConformanceContext(options);
    registerEngagementCases(context);
    registerSessionCases(context);
    registerDocumentCases(context);
    registerMemoryCases(context);
    registerOutboxCases(context);
    registerAuthCases(context);
    registerBulkCases(context);
    registerTransactionCases(context);
    registerLifecycleCases(context);
    registerModelCases(context);
  });
}
