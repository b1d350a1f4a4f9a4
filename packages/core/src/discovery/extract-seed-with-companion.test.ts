import { createFakeCompanion } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { createGuidedCompanion } from '../companion';
import type { Seed } from '../seed';
import { extractSeedWithCompanion } from './extract-seed-with-companion';

const seed: Seed = {
  name: 'Garden club notes',
  purpose: 'A monthly note for the garden club.',
  audience: 'Club members.',
  voice: 'Friendly.',
  constraints: ['One page at most'],
  success: ['Members reply with photos'],
  additionalAssertions: [],
};

describe('extractSeedWithCompanion', () => {
  it('re-asks with the validation errors and succeeds on a repaired answer', async () => {
    const answers = [JSON.stringify({ ...seed, voice: '' }), '```json\n' + JSON.stringify(seed) + '\n```'];
    const companion = createFakeCompanion({ complete: (_request, call) => answers[call - 1]! });
    const result = await extractSeedWithCompanion('free-form notes', { companion });
    expect(result).toMatchObject({ ok: true, seed, attempts: 2 });
    expect(companion.completions[1]!.history).toEqual([
      { role: 'assistant', text: answers[0] },
      { role: 'user', text: expect.stringContaining('voice') },
    ]);
    expect(companion.completions[0]!.prompt).toContain('"additionalAssertions"');
  });

  it('stops after the repair budget and returns the last attempt with its issues', async () => {
    const companion = createFakeCompanion({ complete: () => 'not json at all' });
    const result = await extractSeedWithCompanion('free-form notes', { companion, repairBudget: 1 });
    expect(result).toMatchObject({ ok: false, attempts: 2, attempt: 'not json at all' });
    expect(companion.completions).toHaveLength(2);
    if (!result.ok) expect(result.issues[0]?.code).toBe('invalid_json');
  });

  it('needs a Companion that can answer one-shot tasks', async () => {
    await expect(extractSeedWithCompanion('notes', { companion: createGuidedCompanion() })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
