// Calibration against the live Anthropic API (SPEC §8): the persona fixtures, played by a scripted Operator,
// must give the same result with Claude as the Companion. Costs real tokens, so it runs only with
// LOOMWORKS_RUN_CALIBRATION=1 and ANTHROPIC_API_KEY set; otherwise it skips and says why.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnthropicCompanion } from '@loomworks/anthropic';
import { createFromContent, createMemoryStore, renderDiscoveryRecord, verifyMemory, type TurnResult } from '@loomworks/core';
import { lintPlainTerms } from '@loomworks/prompts';
import { readTranscriptFixture } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';

const folder = fileURLToPath(new URL('../../fixtures/voice-calibration/', import.meta.url));
const personas = readdirSync(folder).filter((file) => /^persona_.+\.md$/.test(file)).sort();

const skipReason =
  process.env.LOOMWORKS_RUN_CALIBRATION !== '1'
    ? 'set LOOMWORKS_RUN_CALIBRATION=1 (and ANTHROPIC_API_KEY) to run the live calibration'
    : !process.env.ANTHROPIC_API_KEY
      ? 'LOOMWORKS_RUN_CALIBRATION=1 but ANTHROPIC_API_KEY is not set'
      : null;
if (skipReason) console.warn(`[calibration] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`live calibration against the Anthropic API${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it.each(personas)('%s: asks Field 1 first, covers every part, speaks plainly, and ends with the expected Seed', async (file) => {
    const fixture = await readTranscriptFixture(join(folder, file));
    if (!fixture.expected) throw new Error(`${file} has no expected Seed`);
    const store = createMemoryStore();
    const turns: TurnResult[] = [];
    const creation = await createFromContent(renderDiscoveryRecord(fixture.expected), {
      companion: createAnthropicCompanion(),
      store,
      operator: { id: `calibration-${fixture.who}` },
      onTurn: (turn) => turns.push(turn),
    });
    expect(turns[0]?.reply).toMatch(/what (are we making|is it)|what should we call it/i);
    expect(turns[0]?.state.asking === 'purpose' || turns[0]?.state.asking === 'name').toBe(true);
    for (const turn of turns) expect(lintPlainTerms(turn.reply), turn.reply).toEqual([]);
    expect(Object.values(creation.induction.status === 'induction-fail' ? {} : turns.at(-1)!.state.coverage).every((field) => field.status === 'confirmed')).toBe(true);
    expect(creation.seed).toEqual(fixture.expected);
    expect(await verifyMemory(store)).toMatchObject({ ok: true });
  }, 300_000);
});
