// Phase 3 of `npm run soak`: ten thousand scripted creations (SPEC §6.6) of the marketing content with the guided
// Companion on one SQLite file, each under its own name, then verifyMemory over every chain with exact counts.
import { deepStrictEqual } from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoomworksError, createFromContent, createGuidedCompanion, extractSeed, verifyMemory, type MemoryEventType, type Seed } from '@loomworks/core';
import { createSqliteStore } from '@loomworks/store-sqlite';
import { formatDuration, formatNumber, startPhase } from './soak-monitor';
import type { SoakPhaseResult } from './soak-chunks';

export type PipelineSoakOptions = {
  creations: number;
  /** Creations are spread over this many Operators, so each one's list and name check grow too. */
  operators: number;
  intervalSeconds: number;
};

const CONTENT_URL = new URL('../examples/marketing/content.md', import.meta.url);

/** What one guided Discovery-record creation writes to Memory, in order (SPEC §6.3, §7.1). */
function expectedEventTypes(seed: Seed): MemoryEventType[] {
  return [
    'engagement_created',
    'discovery_record_uploaded',
    'discovery_to_seed_extracted',
    'seed_inducted',
    'engagement_activated',
    ...seed.additionalAssertions.map((): MemoryEventType => 'assertion_committed'),
  ];
}

function describeError(error: unknown): string {
  if (LoomworksError.is(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export async function soakPipeline(options: PipelineSoakOptions): Promise<SoakPhaseResult> {
  const template = readFileSync(CONTENT_URL, 'utf8');
  const extracted = extractSeed(template);
  if (!extracted.ok) throw new LoomworksError('E_INVALID_CONTENT', 'examples/marketing/content.md no longer extracts', { details: { issues: extracted.issues } });
  const baseSeed = extracted.seed;
  // The name appears in the frontmatter and the H1; numbering every occurrence keeps names unique per Operator.
  const contentFor = (index: number) => template.split(baseSeed.name).join(`${baseSeed.name} ${index}`);

  const directory = mkdtempSync(join(tmpdir(), 'loomworks-soak-'));
  const filename = join(directory, 'soak.db');
  const store = createSqliteStore({ filename });
  const companion = createGuidedCompanion();
  const eventTypes = expectedEventTypes(baseSeed);

  const monitor = startPhase({ name: `pipeline: scripted creations on SQLite (guided Companion, ${options.operators} Operators)`, unit: 'creations', total: options.creations, intervalSeconds: options.intervalSeconds });
  console.log(`   SQLite file: ${filename}`);
  let done = 0;
  let failure: string | null = null;
  for (let index = 0; index < options.creations; index += 1) {
    const name = `${baseSeed.name} ${index}`;
    try {
      const result = await createFromContent(contentFor(index), { companion, store, operator: { id: `soak-operator-${index % options.operators}` } });
      deepStrictEqual(
        { name: result.engagement.name, status: result.engagement.status, induction: result.induction, seed: result.seed },
        { name, status: 'active', induction: { status: 'induction-pass-clean', findings: [] }, seed: { ...baseSeed, name } },
      );
      // The expected event count below rests on this list; check it once against what the store holds.
      if (index === 0) deepStrictEqual((await store.listEvents(result.engagement.id)).map((event) => event.type), eventTypes);
    } catch (error) {
      failure = `Creation ${index} ("${name}") failed: ${describeError(error)}`;
      break;
    }
    done += 1;
    monitor.tick(done);
  }
  if (failure === null) {
    try {
      const started = performance.now();
      const verified = await verifyMemory(store);
      deepStrictEqual(verified, { ok: true, engagements: done, events: done * eventTypes.length });
      console.log(`   verifyMemory: ${formatNumber(done * eventTypes.length)} events in ${formatNumber(done)} chains, all valid (${formatDuration(performance.now() - started)})`);
    } catch (error) {
      failure = `verifyMemory after ${done} creations: ${describeError(error)}`;
    }
  }
  // Sampled with the store still open, as a long-running server would hold it.
  const summary = monitor.finish(done);
  await store.close();
  const megabytes = statSync(filename).size / (1024 * 1024);
  if (failure === null) {
    rmSync(directory, { recursive: true, force: true });
    console.log(`   the database had grown to ${megabytes.toFixed(1)} MB (removed)`);
  } else {
    console.log(`   the database is kept for inspection: ${filename} (${megabytes.toFixed(1)} MB)`);
  }
  return { summary, failure };
}
