// The commit (SPEC §6.3): engagement → document → Seed → induction → Memory, written in ONE transaction by the caller.
import type { CoverageState } from '../companion/types';
import {
  DISCOVERY_RECORD_FORMAT,
  BRIEF_FORMAT,
  extractSeed,
  renderBrief,
  renderDiscoveryRecord,
  type ExtractSeedResult,
  type TrajectoryEntry,
} from '../discovery';
import { LoomworksError } from '../errors';
import { inductSeed, type Finding } from '../induction';
import { appendMemoryEvents, type MemoryEventDraft } from '../memory';
import { isoNow, sha256Hex, type Clock, type IdGenerator } from '../runtime';
import { safeParseSeed, type SeedDraft } from '../seed';
import { engagementNameKey, type InductionStatus, type JsonValue, type SeedSource, type StoreOperations, type TokenUsage } from '../store';
import type { CreationResult } from './types';

export const UNTITLED_NAME = 'Untitled project';

export type CommitInput = {
  operatorId: string;
  sessionId: string | null;
  /** `discovery` and `brief` write the session's draft up; `upload` commits a document written elsewhere. */
  source: 'discovery' | 'brief' | 'upload';
  draft: SeedDraft;
  /** For uploads: the document as given and its extraction. */
  upload?: { content: string; extraction: ExtractSeedResult };
  companionId?: string;
  prompts?: Record<string, string>;
  trajectory?: readonly TrajectoryEntry[];
  coverage?: CoverageState;
  usage: TokenUsage;
  clock: Clock;
  ids: IdGenerator;
};

/** Runs every write of a commit through `tx`. The caller owns the transaction; any throw rolls all of it back. */
export async function commitEngagement(tx: StoreOperations, input: CommitInput): Promise<CreationResult> {
  const { clock, ids } = input;
  const now = isoNow(clock);
  const person = { kind: 'person', id: input.operatorId } as const;
  const system = { kind: 'system', id: 'loomworks' } as const;

  // 1. The engagement, as a candidate.
  const engagementId = ids.newId();
  const name = (typeof input.draft.name === 'string' && input.draft.name) || UNTITLED_NAME;
  await tx.insertEngagement({
    id: engagementId,
    operatorId: input.operatorId,
    name,
    nameKey: engagementNameKey(name),
    status: 'candidate',
    inductionStatus: null,
    seedVersion: null,
    sessionId: input.sessionId,
    createdAt: now,
    updatedAt: now,
  });

  // 2. The document: the Discovery record (or brief) written from the draft, or the uploaded text as given.
  const kind = input.source === 'brief' ? 'brief' : 'discovery-record';
  const content =
    input.upload?.content ??
    (input.source === 'brief'
      ? renderBrief(input.draft, { created: now, ...(input.sessionId ? { session: input.sessionId } : {}), ...(input.companionId ? { companion: input.companionId } : {}) })
      : renderDiscoveryRecord(input.draft, {
          created: now,
          ...(input.sessionId ? { session: input.sessionId } : {}),
          ...(input.companionId ? { companion: input.companionId } : {}),
          ...(input.prompts && Object.keys(input.prompts).length > 0 ? { prompts: input.prompts } : {}),
          ...(input.trajectory && input.trajectory.length > 0 ? { trajectory: input.trajectory } : {}),
        }));
  const format = input.upload ? (input.upload.extraction.metadata.format ?? 'text') : kind === 'brief' ? BRIEF_FORMAT : DISCOVERY_RECORD_FORMAT;
  const documentId = ids.newId();
  const sha256 = sha256Hex(content);
  await tx.insertDocument({ id: documentId, engagementId, sessionId: input.sessionId, kind, format, content, sha256, createdAt: now });

  // 3. The Seed: extracted from the record (the canonical artifact), or straight from the validated draft on the brief path.
  const extraction = input.source === 'brief' ? null : (input.upload?.extraction ?? extractSeed(content));
  const seed: SeedDraft = extraction ? (extraction.ok ? extraction.seed : extraction.partial) : input.draft;

  // 4. Induction. The name check reads through the transaction and never counts this engagement.
  const induction = await inductSeed(seed, { store: tx, operatorId: input.operatorId, engagementId });
  const passed = induction.status !== 'induction-fail';
  const seedSource: SeedSource = input.source === 'upload' ? 'upload' : input.source;
  await tx.insertSeedVersion({
    engagementId,
    version: 1,
    seed,
    source: seedSource,
    documentId,
    inductionStatus: induction.status,
    findings: induction.findings,
    createdAt: now,
  });

  // 5. Memory: everything that happened, hash-chained and queued for anchoring.
  const events: MemoryEventDraft[] = [
    { type: 'engagement_created', actor: person, payload: { name, operatorId: input.operatorId, sessionId: input.sessionId, status: 'candidate' } },
  ];
  if (extraction) {
    events.push({
      type: 'discovery_record_uploaded',
      actor: input.upload ? person : system,
      payload: { documentId, sha256, format, source: input.upload ? 'upload' : 'session', sessionId: input.sessionId },
    });
    events.push({
      type: 'discovery_to_seed_extracted',
      actor: system,
      payload: {
        documentId,
        seedVersion: 1,
        ok: extraction.ok,
        issues: (extraction.ok ? [] : extraction.issues).map(({ code, line, column, field }) => ({ code, line, column, field: field ?? null })),
        warnings: extraction.warnings.map(({ code, line, column }) => ({ code, line, column })),
      },
    });
  } else {
    events.push({ type: 'seed_committed_from_brief', actor: person, payload: { documentId, sha256, seedVersion: 1, sessionId: input.sessionId } });
  }
  events.push({ type: 'seed_inducted', actor: system, payload: inductionPayload(1, induction.status, induction.findings) });
  await appendMemoryEvents(tx, engagementId, events, { clock, ids });

  // 6. Activation on a passing status, then each Field 6 entry committed as an assertion.
  const status = passed ? 'active' : 'candidate';
  await tx.updateEngagement(engagementId, { status, inductionStatus: induction.status, seedVersion: 1, updatedAt: now });
  if (passed) {
    await appendMemoryEvents(
      tx,
      engagementId,
      [{ type: 'engagement_activated', actor: system, payload: { seedVersion: 1, inductionStatus: induction.status } }, ...assertionEvents(seed, 1, input, documentId)],
      { clock, ids },
    );
  }
  return creationResult({ id: engagementId, name, status }, seed, induction.status, induction.findings, input.sessionId, input.usage);
}

export function inductionPayload(seedVersion: number, status: InductionStatus, findings: readonly Finding[]): JsonValue {
  return { seedVersion, status, findings: findings.map((finding) => ({ ...finding })) as unknown as JsonValue };
}

/** One `assertion_committed` per Field 6 entry, with its provenance. */
export function assertionEvents(
  seed: SeedDraft,
  seedVersion: number,
  origin: { operatorId: string; sessionId: string | null; coverage?: CoverageState },
  documentId: string | null,
): MemoryEventDraft[] {
  const turns = origin.coverage?.additionalAssertions.evidence.map((evidence) => evidence.turn) ?? [];
  const provenance: JsonValue = origin.sessionId
    ? { source: 'session', sessionId: origin.sessionId, turns: [...new Set(turns)], documentId }
    : { source: documentId ? 'upload' : 'amend', documentId };
  return (seed.additionalAssertions ?? []).map((entry, index) => ({
    type: 'assertion_committed',
    actor: { kind: 'person', id: origin.operatorId },
    payload: { key: entry.key, value: entry.value, index, seedVersion, provenance },
  }));
}

export function creationResult(
  engagement: CreationResult['engagement'],
  seed: SeedDraft,
  status: InductionStatus,
  findings: Finding[],
  sessionId: string | null,
  usage: TokenUsage,
): CreationResult {
  const base = { engagement, usage: { ...usage }, ...(sessionId ? { session: sessionId } : {}) };
  if (status === 'induction-fail') return { ...base, seed, induction: { status, findings } };
  const parsed = safeParseSeed(seed);
  if (!parsed.ok) throw new LoomworksError('E_INTERNAL', 'A passing induction was given a Seed that does not validate');
  return { ...base, seed: parsed.seed, induction: { status, findings } };
}

/** Rebuilds the CreationResult of an existing engagement (idempotent commits and uploads). */
export async function loadCreationResult(ops: StoreOperations, engagementId: string, usage: TokenUsage): Promise<CreationResult> {
  const engagement = await ops.getEngagement(engagementId);
  const version = await ops.getSeedVersion(engagementId);
  if (!engagement || !version) throw new LoomworksError('E_NOT_FOUND', `No committed engagement ${engagementId}`, { details: { engagementId } });
  return creationResult(
    { id: engagement.id, name: engagement.name, status: engagement.status },
    version.seed,
    version.inductionStatus,
    version.findings as Finding[],
    engagement.sessionId,
    usage,
  );
}
