import { lintPlainTerms } from '@loomworks/prompts';
import { describe, expect, it } from 'vitest';
import type { Seed } from '../seed';
import { extractSeed } from './extract-seed';
import { renderBrief } from './render-brief';

const seed: Seed = {
  name: 'Tea club',
  purpose: 'A monthly tasting.\n# with a heading-looking line',
  audience: 'Colleagues.',
  voice: 'Relaxed.',
  constraints: ['No coffee.', '- not a list'],
  success: ['People come back.'],
  additionalAssertions: [{ key: 'Cups', value: 'two' }],
};

describe('renderBrief', () => {
  it('renders a one-page summary with format brief/v1 and plain section titles', () => {
    expect(renderBrief(seed, { created: new Date(Date.UTC(2026, 10, 26)), session: 's1', companion: 'guided' })).toMatchInlineSnapshot(`
      "---
      format: brief/v1
      engagement: Tea club
      session: s1
      created: 2026-11-26T00:00:00.000Z
      companion: guided
      ---

      # Tea club

      Short summary: what we are making, who it is for, how it should sound, the rules, and how we will know it is working.

      ## What we're making
      A monthly tasting.
      \\# with a heading-looking line

      ## Who it's for
      Colleagues.

      ## How it should sound
      Relaxed.

      ## Rules to follow
      - No coffee.
      - \\- not a list

      ## Signs it's working
      - People come back.

      ## Also true
      - **Cups:** two
      "
    `);
  });

  it('uses plain words for people: none of the developer terms outside the frontmatter', () => {
    const body = renderBrief({ ...seed, additionalAssertions: [] }).split('---\n').slice(2).join('---\n');
    expect(lintPlainTerms(body)).toEqual([]);
  });

  it('is deterministic and reads back to the same Seed', () => {
    const brief = renderBrief(seed);
    expect(renderBrief(structuredClone(seed))).toBe(brief);
    expect(extractSeed(brief)).toEqual({ ok: true, seed, warnings: [], metadata: { format: 'brief/v1', engagement: 'Tea club' } });
  });

  it('renders a draft, leaving out what it lacks', () => {
    expect(renderBrief({ purpose: 'A monthly tasting.' })).toBe(
      "---\nformat: brief/v1\n---\n\nShort summary: what we are making, who it is for, how it should sound, the rules, and how we will know it is working.\n\n## What we're making\nA monthly tasting.\n",
    );
  });
});
