// Conformance cases for documents and the gapless Seed versions of an engagement.
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { documentRecord, engagementRecord, expectRejection, seedVersionRecord, settle } from './fixtures';

export function registerDocumentCases(context: ConformanceContext): void {
  describe('documents and Seed versions', () => {
    context.test('documents', "stores documents and lists an engagement's documents", async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.insertEngagement(engagementRecord('eng-2'));
      const record = documentRecord('doc-1', 'eng-1', { sessionId: 'session-1', content: '# Record\n\nLine “two” 🧵\r\n' });
      const brief = documentRecord('doc-2', 'eng-1', { kind: 'brief', format: 'brief/v1' });
      await store.insertDocument(record);
      await store.insertDocument(brief);
      await store.insertDocument(documentRecord('doc-3', 'eng-2'));
      expect(await store.getDocument('doc-1')).toEqual(record);
      expect(await store.getDocument('doc-unknown')).toBeNull();
      expect((await store.listDocuments('eng-1')).sort((left, right) => left.id.localeCompare(right.id))).toEqual([record, brief]);
      expect(await store.listDocuments('eng-unknown')).toEqual([]);
    });

    context.test('documents', 'refuses a duplicate document id with E_CONFLICT and a document of an unknown engagement with E_NOT_FOUND', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.insertDocument(documentRecord('doc-1', 'eng-1'));
      await expectRejection(store.insertDocument(documentRecord('doc-1', 'eng-1', { content: 'other' })), 'E_CONFLICT');
      await expectRejection(store.insertDocument(documentRecord('doc-2', 'eng-unknown')), 'E_NOT_FOUND');
      expect(await store.listDocuments('eng-1')).toEqual([documentRecord('doc-1', 'eng-1')]);
    });

    context.test('documents', 'stores Seed versions 1, 2, … and reads the latest, a given one, or all in order', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const first = seedVersionRecord('eng-1', 1, { documentId: null });
      const second = seedVersionRecord('eng-1', 2, { findings: [], inductionStatus: 'induction-pass-clean' });
      expect(await store.getSeedVersion('eng-1')).toBeNull();
      await store.insertSeedVersion(first);
      await store.insertSeedVersion(second);
      expect(await store.getSeedVersion('eng-1')).toEqual(second);
      expect(await store.getSeedVersion('eng-1', 1)).toEqual(first);
      expect(await store.getSeedVersion('eng-1', 3)).toBeNull();
      expect(await store.listSeedVersions('eng-1')).toEqual([first, second]);
      expect(await store.listSeedVersions('eng-unknown')).toEqual([]);
    });

    context.test(
      'documents',
      'refuses a Seed version that is not the next one with E_CONFLICT, and one of an unknown engagement with E_NOT_FOUND',
      async () => {
        const store = context.store();
        await store.insertEngagement(engagementRecord('eng-1'));
        await expectRejection(store.insertSeedVersion(seedVersionRecord('eng-1', 2)), 'E_CONFLICT');
        await store.insertSeedVersion(seedVersionRecord('eng-1', 1));
        await expectRejection(store.insertSeedVersion(seedVersionRecord('eng-1', 1)), 'E_CONFLICT');
        await expectRejection(store.insertSeedVersion(seedVersionRecord('eng-1', 3)), 'E_CONFLICT');
        await expectRejection(store.insertSeedVersion(seedVersionRecord('eng-unknown', 1)), 'E_NOT_FOUND');
        expect(await store.listSeedVersions('eng-1')).toEqual([seedVersionRecord('eng-1', 1)]);
      }
    );

    context.test(['documents', 'concurrency'], 'lets exactly one of two racing inserts of the same Seed version win', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const { fulfilled, codes } = await settle([
        store.insertSeedVersion(seedVersionRecord('eng-1', 1, { source: 'discovery' })),
        store.insertSeedVersion(seedVersionRecord('eng-1', 1, { source: 'brief' })),
      ]);
      expect(fulfilled).toHaveLength(1);
      expect(codes).toEqual(['E_CONFLICT']);
      expect(await store.listSeedVersions('eng-1')).toHaveLength(1);
    });
  });
}
