import { describe, expect, it } from 'vitest';

describe('discovery public surface', () => {
  it('exports exactly the names core re-exports, and every issue code is an EXTRACT_ code', async () => {
    const surface = await import('./index');
    expect(Object.keys(surface).sort()).toEqual(['BRIEF_FORMAT', 'DISCOVERY_RECORD_FORMAT', 'EXTRACTION_ISSUE_CODES', 'extractSeed', 'extractSeedWithCompanion', 'renderBrief', 'renderDiscoveryRecord']);
    expect(surface.DISCOVERY_RECORD_FORMAT).toBe('discovery-record/v1');
    expect(surface.BRIEF_FORMAT).toBe('brief/v1');
    for (const code of surface.EXTRACTION_ISSUE_CODES) expect(code).toMatch(/^EXTRACT_[A-Z_]+$/);
    expect(new Set(surface.EXTRACTION_ISSUE_CODES).size).toBe(surface.EXTRACTION_ISSUE_CODES.length);
  });
});
