// The fixture format round trip, the file helpers, replay, and the voice-calibration personas in fixtures/.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FIELDS,
  LoomworksError,
  createCreationSession,
  createGuidedCompanion,
  createMemoryStore,
  createSequentialIds,
  exportTranscriptFixture,
  parseTranscriptFixture,
  readOperatorAnswer,
  renderTranscriptFixture,
  type AnswerKind,
  type Clock,
  type CoverageStatus,
  type FieldKey,
  type TranscriptFixture,
} from '@loomworks/core';
import { arbSeed } from './arbitraries/seed';
import { readTranscriptFixture, replayTranscriptFixture, writeTranscriptFixture } from './transcript-fixtures';

const PERSONA_FOLDER = fileURLToPath(new URL('../../../fixtures/voice-calibration/', import.meta.url));

function fakeClock(start = Date.parse('2026-11-26T10:00:00.000Z')): Clock {
  let now = start;
  return { now: () => (now += 1000) };
}

const scratch = await mkdtemp(join(tmpdir(), 'loomworks-transcripts-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

// Lines that look like the format's own structure, or that its escaping has to handle.
const TRICKY_LINES = ['### Operator', '### Companion', '###', '# Heading', '#', '\\', '\\\\', '\\### Operator', '\\#', '---', '', ' ', '  indented', '- item', 'Key: value', 'kind: persona', '"quoted"'];

/** Turn texts: tricky lines, any Unicode (lone surrogates included) and blank lines, joined by `\n`. */
const turnText = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...TRICKY_LINES, '\r', 'crlf line\r', '\r### Operator'), weight: 3 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 2 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n'));

/** A frontmatter value: any Unicode, including CR, LF and U+2028/U+2029. */
const frontmatterText = fc.string({ unit: 'binary', maxLength: 12 });

const coverageStatus = fc.constantFrom<CoverageStatus>('missing', 'covered', 'confirmed');

const arbFixture: fc.Arbitrary<TranscriptFixture> = fc
  .record({
    kind: fc.constantFrom('persona', 'real-operator') as fc.Arbitrary<TranscriptFixture['kind']>,
    who: frontmatterText,
    date: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    companion: frontmatterText,
    prompts: fc.dictionary(fc.stringMatching(/^[a-z][a-z_/]{0,30}$/), fc.stringMatching(/^sha256:[0-9a-f]{64}$/), { maxKeys: 4 }),
    coverage: fc.tuple(...FIELDS.map(() => coverageStatus)).map((statuses) => Object.fromEntries(FIELDS.map((field, index) => [field.key, statuses[index]])) as Record<FieldKey, CoverageStatus>),
    expected: fc.option(
      arbSeed({ maxItems: 3, maxEntries: 3, boundaries: false }),
      { nil: undefined },
    ),
    turns: fc.array(fc.record({ role: fc.constantFrom('operator', 'companion') as fc.Arbitrary<'operator' | 'companion'>, text: turnText }), { maxLength: 6 }),
  })
  .map(({ expected, ...fixture }) => (expected === undefined ? fixture : { ...fixture, expected }));

describe('the transcript fixture format', () => {
  it('parses back exactly what it rendered, whatever the turns say', () => {
    fc.assert(
      fc.property(arbFixture, (fixture) => {
        expect(parseTranscriptFixture(renderTranscriptFixture(fixture))).toEqual(fixture);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a turn that is itself a whole transcript as one turn', () => {
    const inner: TranscriptFixture = {
      kind: 'persona',
      who: 'inner',
      date: '2026-11-26',
      companion: 'guided',
      prompts: {},
      coverage: Object.fromEntries(FIELDS.map((field) => [field.key, 'missing'])) as Record<FieldKey, CoverageStatus>,
      turns: [
        { role: 'operator', text: 'hello\n\n\\### Companion\n' },
        { role: 'companion', text: '' },
      ],
    };
    const outer = { ...inner, turns: [{ role: 'operator' as const, text: renderTranscriptFixture(inner) }] };
    const parsed = parseTranscriptFixture(renderTranscriptFixture(outer));
    expect(parsed.turns).toHaveLength(1);
    expect(parseTranscriptFixture(parsed.turns[0]?.text ?? '')).toEqual(inner);
  });
});

describe('readTranscriptFixture and writeTranscriptFixture', () => {
  it('write then read gives the fixture back, creating the folder', async () => {
    await fc.assert(
      fc.asyncProperty(arbFixture, async (fixture) => {
        // Files hold UTF-8, which has no lone surrogates; everything else survives the disk.
        fc.pre(!JSON.stringify(fixture).match(/\\ud[89a-f]/i));
        const path = join(scratch, 'nested', 'fixture.md');
        await writeTranscriptFixture(path, fixture);
        expect(await readTranscriptFixture(path)).toEqual(fixture);
      }),
      { numRuns: 50 },
    );
  });

  it('reads a file the core exporter wrote, and rejects one that is not a fixture with the line at fault', async () => {
    const store = createMemoryStore();
    const session = await createCreationSession({ companion: createGuidedCompanion(), store, operator: { id: 'op-1' }, clock: fakeClock() });
    await session.start();
    await session.send('A sign-up page for the Saturday litter pick.');
    const exported = await exportTranscriptFixture(session.id, { store, kind: 'real-operator', name: 'litter', outDir: scratch, clock: fakeClock() });
    const fixture = await readTranscriptFixture(exported.path ?? '');
    expect(fixture).toMatchObject({ kind: 'real-operator', who: 'op-1', date: '2026-11-26', companion: 'guided' });
    expect(fixture.turns.map((turn) => turn.role)).toEqual(['companion', 'operator', 'companion']);
    expect(fixture.turns[1]?.text).toBe('A sign-up page for the Saturday litter pick.');

    const broken = join(scratch, 'broken.md');
    await writeFile(broken, '---\nkind: persona\nnot a line of the format\n---\n', 'utf8');
    const error = await readTranscriptFixture(broken).catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_INVALID_CONTENT')).toBe(true);
    expect((error as LoomworksError).details).toMatchObject({ line: 3 });
  });
});

describe('replayTranscriptFixture', () => {
  it('replays the Operator turns through a new session: same Seed, and the guided Companion says the same again', async () => {
    const store = createMemoryStore();
    const session = await createCreationSession({ companion: createGuidedCompanion(), store, operator: { id: 'op-1' }, clock: fakeClock(), ids: createSequentialIds('a') });
    await session.start();
    for (const message of [
      'A sign-up page for the Saturday litter pick.',
      'Pick Up Saturdays',
      'Neighbours who have an hour spare.',
      'skip',
      '- Never ask for more than a first name\n- Always say where to meet',
      '- Twenty people sign up each week',
      'none',
      "That's everything.",
      'Friendly and brisk.',
      "That's everything.",
      'Ready to begin.',
    ]) {
      await session.send(message);
    }
    const { markdown } = await exportTranscriptFixture(session.id, { store, kind: 'persona', name: 'litter', clock: fakeClock() });
    const fixture = parseTranscriptFixture(markdown);

    const replay = await replayTranscriptFixture(fixture, { companion: createGuidedCompanion() });
    expect(replay.creation?.seed).toEqual(fixture.expected);
    expect(replay.creation?.engagement.status).toBe('active');
    expect(replay.firstReply).toBe(fixture.turns[0]?.text);
    expect(replay.replies).toEqual(fixture.turns.filter((_, index) => index % 2 === 0).slice(1).map((turn) => turn.text));
    expect(replay.turns).toHaveLength(12);
  });

  it('returns no creation when the Operator turns end before the project is created', async () => {
    const fixture = parseTranscriptFixture(
      renderTranscriptFixture({
        kind: 'persona',
        who: 'halfway',
        date: '2026-11-26',
        companion: 'guided',
        prompts: {},
        coverage: Object.fromEntries(FIELDS.map((field) => [field.key, 'missing'])) as Record<FieldKey, CoverageStatus>,
        turns: [{ role: 'operator', text: 'A zine about our allotment.' }],
      }),
    );
    const replay = await replayTranscriptFixture(fixture, { companion: createGuidedCompanion() });
    expect(replay.creation).toBeNull();
    expect(replay.replies).toHaveLength(1);
    expect(replay.turns.at(-1)?.state.draft.purpose).toBe('A zine about our allotment.');
  });
});

describe('the voice-calibration personas', async () => {
  const files = (await readdir(PERSONA_FOLDER)).filter((file) => /^persona_.+\.md$/.test(file)).sort();
  const personas = await Promise.all(files.map(async (file) => ({ file, fixture: await readTranscriptFixture(join(PERSONA_FOLDER, file)) })));
  const replays = await Promise.all(personas.map(async ({ fixture }) => ({ fixture, replay: await replayTranscriptFixture(fixture, { companion: createGuidedCompanion() }) })));

  it('there are three, each named after its persona', () => {
    expect(files).toHaveLength(3);
    for (const { file, fixture } of personas) {
      expect(fixture.kind).toBe('persona');
      expect(file).toBe(`persona_${fixture.who}.md`);
      expect(fixture.expected).toBeDefined();
    }
  });

  it.each(replays.map(({ fixture, replay }) => [fixture.who, fixture, replay] as const))('%s replays through the guided Companion to its expected Seed', (_name, fixture, replay) => {
    expect(replay.creation?.seed).toEqual(fixture.expected);
    expect(replay.creation?.engagement.status).toBe('active');
    expect(replay.turns[0]?.state.asking).toBe('purpose');
    expect(replay.firstReply).toMatch(/What are we making\?/);
    for (const turn of replay.turns) expect(turn.trace.responseShaped.plainTerms, turn.reply).toEqual([]);
  });

  it('between them they correct an answer, skip one and answer it later, and give Field 6 both as entries and as "none"', () => {
    const kinds = new Set<AnswerKind>();
    let answeredAfterSkip = false;
    for (const { fixture, replay } of replays) {
      const operatorTurns = fixture.turns.filter((turn) => turn.role === 'operator');
      const skipped = new Set<string>();
      operatorTurns.forEach((turn, index) => {
        const before = replay.turns[index];
        if (!before) return;
        const reading = readOperatorAnswer(before.state.asking, turn.text, before.state.draft);
        kinds.add(reading.kind);
        if (reading.kind === 'skip' && reading.part) skipped.add(reading.part);
        if (reading.kind === 'answer' && reading.part && skipped.has(reading.part)) answeredAfterSkip = true;
      });
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['correction', 'skip', 'none', 'answer']));
    expect(answeredAfterSkip).toBe(true);
    const fieldSix = replays.map(({ fixture }) => fixture.expected?.additionalAssertions.length ?? 0);
    expect(fieldSix.some((count) => count === 0)).toBe(true);
    expect(fieldSix.some((count) => count > 0)).toBe(true);
  });
});
