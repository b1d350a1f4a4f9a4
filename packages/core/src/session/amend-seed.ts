// The induction loop (SPEC §6.4): amend a committed Seed, supersede the previous version, re-induct.
import { LoomworksError } from '../errors';
import { PART_ORDER, type SeedPart } from '../fields';
import { inductSeed } from '../induction';
import { appendMemoryEvents, type MemoryEventDraft } from '../memory';
import { createUlidGenerator, isoNow, systemClock, type Clock, type IdGenerator } from '../runtime';
import { fieldSchemas, nameSchema, type AssertionEntry, type Seed, type SeedDraft } from '../seed';
import { engagementNameKey, type JsonValue, type LoomworksStore } from '../store';
import { assertionEvents, creationResult, inductionPayload } from './commit';
import { ZERO_USAGE } from './state';
import type { CreationResult, Operator } from './types';

export type AmendSeedOptions = {
  store: LoomworksStore;
  operator: Operator;
  clock?: Clock;
  ids?: IdGenerator;
};

export type AmendSeedResult = CreationResult & {
  /** The Seed version now current (unchanged when the amendment changed nothing). */
  version: number;
  /** The parts that changed. */
  changed: SeedPart[];
};

const defaultIds = createUlidGenerator();

/**
 * Applies `changes` to the engagement's current Seed, stores the result as a new version that
 * supersedes the previous one, and re-inducts it, all in one transaction. A candidate that now passes
 * is activated. An active engagement never goes back: an amendment that would fail induction is
 * rejected with `E_INDUCTION_FAILED` (its findings in `details`) and nothing is written. Invalid values
 * reject with `E_INVALID_SEED`.
 */
export async function amendSeed(engagementId: string, changes: Partial<Seed>, options: AmendSeedOptions): Promise<AmendSeedResult> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? defaultIds;
  const parsed = parseChanges(changes);
  return options.store.transaction(async (tx) => {
    const engagement = await tx.getEngagement(engagementId);
    if (!engagement || engagement.operatorId !== options.operator.id) {
      throw new LoomworksError('E_NOT_FOUND', `No engagement ${engagementId} for this Operator`, { details: { engagementId } });
    }
    const current = await tx.getSeedVersion(engagementId);
    if (!current) throw new LoomworksError('E_NOT_FOUND', `Engagement ${engagementId} has no Seed yet`, { details: { engagementId } });
    const seed: SeedDraft = { ...current.seed, ...parsed };
    const changed = PART_ORDER.filter((part) => part in parsed && JSON.stringify(parsed[part]) !== JSON.stringify(current.seed[part]));
    if (changed.length === 0) {
      const result = creationResult(engagement, current.seed, current.inductionStatus, current.findings as never, engagement.sessionId, ZERO_USAGE);
      return { ...result, version: current.version, changed };
    }

    const induction = await inductSeed(seed, { store: tx, operatorId: engagement.operatorId, engagementId });
    const passed = induction.status !== 'induction-fail';
    if (!passed && engagement.status === 'active') {
      throw new LoomworksError('E_INDUCTION_FAILED', 'The change would fail the final check, so it was not made', {
        details: { engagementId, findings: induction.findings },
      });
    }
    const now = isoNow(clock);
    const version = current.version + 1;
    await tx.insertSeedVersion({
      engagementId,
      version,
      seed,
      source: 'amend',
      documentId: null,
      inductionStatus: induction.status,
      findings: induction.findings,
      createdAt: now,
    });
    const person = { kind: 'person', id: options.operator.id } as const;
    const system = { kind: 'system', id: 'loomworks' } as const;
    const events: MemoryEventDraft[] = [
      {
        type: 'seed_amended',
        actor: person,
        payload: { fromVersion: current.version, toVersion: version, changed, values: Object.fromEntries(changed.map((part) => [part, seed[part]])) as JsonValue },
      },
      { type: 'seed_inducted', actor: system, payload: inductionPayload(version, induction.status, induction.findings) },
    ];
    const activating = passed && engagement.status === 'candidate';
    if (activating) events.push({ type: 'engagement_activated', actor: system, payload: { seedVersion: version, inductionStatus: induction.status } });
    if (passed) {
      // An engagement that was already active has committed its earlier entries; only new or changed ones are new commitments.
      const before = engagement.status === 'active' ? current.seed.additionalAssertions ?? [] : [];
      const fresh = (seed.additionalAssertions ?? []).filter((entry) => !before.some((old) => sameEntry(old, entry)));
      events.push(...assertionEvents({ additionalAssertions: fresh }, version, { operatorId: options.operator.id, sessionId: null }, null));
    }
    await appendMemoryEvents(tx, engagementId, events, { clock, ids });
    const name = typeof seed.name === 'string' ? seed.name : engagement.name;
    const updated = await tx.updateEngagement(engagementId, {
      name,
      nameKey: engagementNameKey(name),
      status: passed ? 'active' : engagement.status,
      inductionStatus: induction.status,
      seedVersion: version,
      updatedAt: now,
    });
    const result = creationResult(updated, seed, induction.status, induction.findings, updated.sessionId, ZERO_USAGE);
    return { ...result, version, changed };
  });
}

function sameEntry(left: AssertionEntry, right: AssertionEntry): boolean {
  return left.key === right.key && left.value === right.value;
}

/** Validates each changed part with its own schema; unknown keys and invalid values reject with `E_INVALID_SEED`. */
function parseChanges(changes: Partial<Seed>): SeedDraft {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new LoomworksError('E_INVALID_SEED', 'Changes must be an object of part → new value');
  }
  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!(PART_ORDER as readonly string[]).includes(key)) {
      problems.push(`${key}: not a part of a Seed (expected one of ${PART_ORDER.join(', ')})`);
      continue;
    }
    const schema = key === 'name' ? nameSchema : fieldSchemas[key as Exclude<SeedPart, 'name'>];
    const result = schema.safeParse(value);
    if (result.success) parsed[key] = result.data;
    else problems.push(...result.error.issues.map((issue) => `${[key, ...issue.path].join('.')}: ${issue.message}`));
  }
  if (problems.length > 0) throw new LoomworksError('E_INVALID_SEED', `Invalid change: ${problems.join('; ')}`, { details: { issues: problems } });
  return parsed as SeedDraft;
}
