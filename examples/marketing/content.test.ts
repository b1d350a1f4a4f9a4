// The demo's pre-drafted content must stay a clean, complete Discovery record.
import { readFileSync } from 'node:fs';
import { extractSeed, inductSeed } from '@loomworks/core';
import { describe, expect, it } from 'vitest';

const markdown = readFileSync(new URL('./content.md', import.meta.url), 'utf8');

describe('examples/marketing/content.md', () => {
  it('extracts with every field, eight Field 6 entries and no warnings', () => {
    const result = extractSeed(markdown);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.seed.name).toBe('Loomworks launch marketing');
    expect(result.seed.constraints.length).toBeGreaterThan(0);
    expect(result.seed.success.length).toBeGreaterThan(0);
    expect(result.seed.additionalAssertions).toHaveLength(8);
  });

  it('passes induction clean', async () => {
    const result = extractSeed(markdown);
    if (!result.ok) throw new Error('content does not extract');
    expect(await inductSeed(result.seed)).toEqual({ status: 'induction-pass-clean', findings: [] });
  });
});
