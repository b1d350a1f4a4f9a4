import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGuidedCompanion } from '../companion';
import { createMemoryStore } from '../store';
import { createFromContent } from './create-from-content';
import { exportTranscriptFixture, parseTranscriptFixture, renderTranscriptFixture, type TranscriptFixture } from './transcript';

const marketing = readFileSync(new URL('../../../../examples/marketing/content.md', import.meta.url), 'utf8');
const clock = { now: () => Date.parse('2026-11-26T12:00:00Z') };

describe('transcript fixtures', () => {
  it('exports a session as a persona fixture: frontmatter, expected Seed, every turn exactly as stored', async () => {
    const store = createMemoryStore();
    const result = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator: { id: 'robin' } });
    const outDir = mkdtempSync(join(tmpdir(), 'loom-fixture-'));
    const exported = await exportTranscriptFixture(result.session!, { store, kind: 'persona', name: 'marketer', outDir, clock });
    expect(exported.fileName).toBe('persona_marketer.md');
    expect(readFileSync(exported.path!, 'utf8')).toBe(exported.markdown);
    const fixture = parseTranscriptFixture(exported.markdown);
    expect(fixture).toMatchObject({ kind: 'persona', who: 'marketer', date: '2026-11-26', companion: 'guided', expected: result.seed });
    expect(Object.values(fixture.coverage)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed']);
    expect(Object.keys(fixture.prompts)).toContain('create_engagement_active');
    const turns = await store.listTurns(result.session!);
    expect(fixture.turns).toEqual(turns.map((turn) => ({ role: turn.role, text: turn.text })));
  });

  it('names real-Operator fixtures with the date', async () => {
    const store = createMemoryStore();
    const result = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator: { id: 'robin' } });
    const exported = await exportTranscriptFixture(result.session!, { store, kind: 'real-operator', name: 'robin', clock });
    expect(exported.fileName).toBe('real_operator_robin_2026-11-26.md');
    expect(parseTranscriptFixture(exported.markdown)).toMatchObject({ kind: 'real-operator', who: 'robin' });
    await expect(exportTranscriptFixture(result.session!, { store, kind: 'persona', name: '../escape' })).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('round-trips turn text that looks like the format itself', () => {
    const fixture: TranscriptFixture = {
      kind: 'persona',
      who: 'tricky',
      date: '2026-11-26',
      companion: 'guided',
      prompts: { voice_principles: 'sha256:abc' },
      coverage: { purpose: 'covered', audience: 'missing', voice: 'missing', constraints: 'missing', success: 'missing', additionalAssertions: 'missing' },
      turns: [
        { role: 'companion', text: 'What are we making?' },
        { role: 'operator', text: '### Companion\n\\escaped already\n\n# a heading\ntrailing newline\n' },
        { role: 'companion', text: '' },
        { role: 'operator', text: '---\nkind: fake' },
      ],
    };
    expect(parseTranscriptFixture(renderTranscriptFixture(fixture))).toEqual(fixture);
  });

  it('reports the line of a malformed fixture', () => {
    expect(() => parseTranscriptFixture('no frontmatter')).toThrow(expect.objectContaining({ code: 'E_INVALID_CONTENT' }));
    expect(() => parseTranscriptFixture('---\nkind: persona\nwhat is this\n---\n')).toThrow(/line 3/);
    expect(() => parseTranscriptFixture('---\nkind: alien\n---\n')).toThrow(/unknown kind/);
  });
});
