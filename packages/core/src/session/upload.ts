// Uploading a Discovery record written elsewhere (SPEC §6.7): the non-conversational path, same commit.
import type { Companion } from '../companion/types';
import { LoomworksError } from '../errors';
import { createUlidGenerator, sha256Hex, systemClock, type Clock, type IdGenerator } from '../runtime';
import { engagementNameKey, type LoomworksStore, type StoreOperations, type TokenUsage } from '../store';
import { commitEngagement, loadCreationResult } from './commit';
import { decodeContent, readContent, type ContentInput } from './read-content';
import { extractSeedWithCompanion, type ExtractSeedResult } from '../discovery';
import { ZERO_USAGE } from './state';
import type { CreationResult, Operator } from './types';

export type UploadDiscoveryRecordOptions = {
  store: LoomworksStore;
  operator: Operator;
  /** Used only when the document has none of the record's structure (the extraction fallback). */
  companion?: Companion;
  clock?: Clock;
  ids?: IdGenerator;
};

const defaultIds = createUlidGenerator();

/**
 * Stores the document, extracts its Seed, inducts it and commits — in one transaction, with the same
 * events as a session commit. Uploading the same bytes again for the same Operator returns the
 * engagement the first upload created. A record that does not extract is rejected
 * (`E_EXTRACTION_FAILED`, with the issues) and nothing is written.
 */
export async function uploadDiscoveryRecord(markdown: ContentInput, options: UploadDiscoveryRecordOptions): Promise<CreationResult> {
  const { text, extraction, usage, viaCompanion } = await readUpload(markdown, options);
  if (!extraction.ok) {
    const first = extraction.issues[0];
    throw new LoomworksError('E_EXTRACTION_FAILED', `The Discovery record does not extract: ${first ? `${first.line}:${first.column} ${first.message}` : 'no Seed'}`, {
      details: { issues: extraction.issues },
    });
  }
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? defaultIds;
  return options.store.transaction(async (tx) => {
    const existing = await findUpload(tx, options.operator.id, extraction.seed.name, text);
    if (existing) return loadCreationResult(tx, existing, usage);
    return commitEngagement(tx, {
      operatorId: options.operator.id,
      sessionId: null,
      source: 'upload',
      draft: extraction.seed,
      upload: { content: text, extraction },
      ...(viaCompanion && options.companion ? { companionId: options.companion.id } : {}),
      usage,
      clock,
      ids,
    });
  });
}

/** Reads the upload; a document without the record's structure goes to the Companion fallback when one is given. */
async function readUpload(markdown: ContentInput, options: UploadDiscoveryRecordOptions): Promise<{ text: string; extraction: ExtractSeedResult; usage: TokenUsage; viaCompanion: boolean }> {
  try {
    return { ...readContent(markdown), usage: ZERO_USAGE, viaCompanion: false };
  } catch (error) {
    if (!LoomworksError.is(error, 'E_INVALID_CONTENT') || !options.companion?.complete) throw error;
    const text = decodeContent(markdown);
    const fallback = await extractSeedWithCompanion(text, { companion: options.companion });
    if (!fallback.ok) {
      throw new LoomworksError('E_EXTRACTION_FAILED', 'The document could not be read into project details, even with the Companion\'s help', {
        details: { issues: fallback.issues, attempts: fallback.attempts },
      });
    }
    return { text, extraction: { ok: true, seed: fallback.seed, warnings: [], metadata: { format: 'text' } }, usage: fallback.usage, viaCompanion: true };
  }
}

/** An engagement of this Operator founded by uploading exactly this text (idempotent uploads). */
async function findUpload(tx: StoreOperations, operatorId: string, name: string, text: string): Promise<string | null> {
  const hash = sha256Hex(text);
  for (const engagement of await tx.findEngagementsByNameKey(operatorId, engagementNameKey(name))) {
    if (engagement.sessionId !== null) continue;
    const documents = await tx.listDocuments(engagement.id);
    if (documents.some((document) => document.sha256 === hash)) return engagement.id;
  }
  return null;
}
