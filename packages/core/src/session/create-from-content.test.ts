import { readFileSync } from 'node:fs';
import { createFakeCompanion } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { createGuidedCompanion } from '../companion';
import { extractSeed, renderDiscoveryRecord } from '../discovery';
import { verifyMemory } from '../memory';
import { createMemoryStore } from '../store';
import { createFromContent } from './create-from-content';
import { resumeCreationSession } from './creation-session';

const operator = { id: 'op-1' };
const marketing = readFileSync(new URL('../../../../examples/marketing/content.md', import.meta.url), 'utf8');

describe('createFromContent', () => {
  it('creates the marketing project through a real conversation, with the Seed extraction gives', async () => {
    const store = createMemoryStore();
    const turns: string[] = [];
    const result = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator, onTurn: (turn) => turns.push(turn.reply) });
    const extracted = extractSeed(marketing);
    if (!extracted.ok) throw new Error('fixture does not extract');
    expect(result.induction).toEqual({ status: 'induction-pass-clean', findings: [] });
    expect(result.seed).toEqual(extracted.seed);
    expect(result.engagement).toMatchObject({ name: 'Loomworks launch marketing', status: 'active' });
    expect(turns[0]).toMatch(/what are we making\?/i);
    // The transcript is a real one: every part was asked and answered, then the recap and the closing.
    const stored = await store.listTurns(result.session!);
    expect(stored.filter((turn) => turn.role === 'operator').map((turn) => turn.text).slice(-2)).toEqual(["That's everything.", 'Ready to begin.']);
    expect(await verifyMemory(store)).toEqual({ ok: true, engagements: 1, events: 13 });
  });

  it('accepts the same content as UTF-8 bytes', async () => {
    const result = await createFromContent(new TextEncoder().encode(marketing), { companion: createGuidedCompanion(), store: createMemoryStore(), operator });
    expect(result.induction.status).toBe('induction-pass-clean');
  });

  it('never reads content as the end of the conversation, even when it says "that\'s it"', async () => {
    const record = renderDiscoveryRecord({
      name: 'Quiet hours',
      purpose: "A sign for the library. That's it.",
      audience: 'Visitors. Nothing else.',
      voice: 'Calm. Create it gently.',
      constraints: ["That's everything we ask: whisper"],
      success: ['Fewer complaints'],
      additionalAssertions: [],
    });
    const result = await createFromContent(record, { companion: createGuidedCompanion(), store: createMemoryStore(), operator });
    expect(result.seed).toMatchObject({ purpose: "A sign for the library. That's it.", audience: 'Visitors. Nothing else.', voice: 'Calm. Create it gently.' });
    expect(result.induction.status).toBe('induction-pass-clean');
  });

  it('skips what the content lacks, then says "create it anyway": a failing candidate, never a hang', async () => {
    const store = createMemoryStore();
    const partial = '# Half a plan\n\n## What we\'re making\nA zine about birds.\n\n## Who it\'s for\nBirdwatchers.\n';
    const result = await createFromContent(partial, { companion: createGuidedCompanion(), store, operator });
    expect(result.engagement.status).toBe('candidate');
    expect(result.induction.status).toBe('induction-fail');
    expect(result.seed).toEqual({ name: 'Half a plan', purpose: 'A zine about birds.', audience: 'Birdwatchers.' });
    const operatorTurns = (await store.listTurns(result.session!)).filter((turn) => turn.role === 'operator').map((turn) => turn.text);
    expect(operatorTurns).toContain('skip');
    expect(operatorTurns).toContain('Create it anyway.');
  });

  it.each([
    ['binary bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])],
    ['invalid UTF-8', new Uint8Array([0xc3, 0x28, 0x41])],
    ['empty text', '  \n'],
    ['text with no recognisable section', 'Just some notes about a project.\n\nNothing structured here.'],
  ])('rejects %s with E_INVALID_CONTENT before a session starts', async (_label, content) => {
    const store = createMemoryStore();
    await expect(createFromContent(content, { companion: createGuidedCompanion(), store, operator })).rejects.toMatchObject({ code: 'E_INVALID_CONTENT' });
    expect((await store.scan('sessions')).records).toEqual([]);
  });

  it('resumes an interrupted scripted session to the same committed project', async () => {
    const store = createMemoryStore();
    const companion = createFakeCompanion({ fallback: createGuidedCompanion(), faults: [{ call: 5, error: new Error('connection reset') }] });
    await expect(createFromContent(marketing, { companion, store, operator })).rejects.toMatchObject({ code: 'E_COMPANION' });
    const [session] = (await store.scan('sessions')).records;
    const resumed = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator, resume: session!.id });
    expect(resumed.engagement.status).toBe('active');
    expect(resumed.session).toBe(session!.id);
    const again = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator, resume: session!.id });
    expect(again.engagement.id).toBe(resumed.engagement.id);
    expect((await store.scan('engagements')).records).toHaveLength(1);
    const reopened = await resumeCreationSession(session!.id, { companion: createGuidedCompanion(), store, operator });
    expect(reopened.state().creation?.engagement.id).toBe(resumed.engagement.id);
  });

  it('a new session with identical content is a new creation, and the name check then fails it', async () => {
    const store = createMemoryStore();
    const first = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator });
    const second = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator });
    expect(second.engagement.id).not.toBe(first.engagement.id);
    expect(second.induction.status).toBe('induction-fail');
    expect(second.induction.findings.map((finding) => finding.code)).toContain('INDUCTION_NAME_TAKEN');
    // Another Operator may use the same name.
    const other = await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator: { id: 'op-2' } });
    expect(other.induction.status).toBe('induction-pass-clean');
  });
});
