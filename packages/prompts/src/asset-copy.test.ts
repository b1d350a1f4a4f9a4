// Checks the prompt assets as shipped files: their frontmatter, the stable text of the cached system prompt, and
// every line they tell the Companion to say (Markdown blockquote lines), which must pass the plain-terms lint.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDirectoryPromptSource } from './directory-prompt-source';
import { lintPromptSource } from './lint-prompt-source';

const PROMPTS_DIRECTORY = fileURLToPath(new URL('../prompts/', import.meta.url));

type ExpectedAsset = {
  readonly path: string;
  readonly id: string;
  readonly variables: readonly string[];
  /** Per-field components name their field. */
  readonly field?: string;
  /** Part of the system prompt cached byte for byte across every turn, so it must be stable text. */
  readonly systemPrompt: boolean;
};

const PER_FIELD_COMPONENTS = [
  { file: 'purpose', field: 'purpose' },
  { file: 'audience', field: 'audience' },
  { file: 'voice', field: 'voice' },
  { file: 'constraints', field: 'constraints' },
  { file: 'success', field: 'success' },
  { file: 'additional_assertions', field: 'additionalAssertions' },
] as const;

const EXPECTED_ASSETS: readonly ExpectedAsset[] = [
  { path: 'voice_principles.md', id: 'voice_principles', variables: [], systemPrompt: true },
  { path: 'create_engagement_entry.md', id: 'create_engagement_entry', variables: [], systemPrompt: true },
  { path: 'create_engagement_active.md', id: 'create_engagement_active', variables: [], systemPrompt: true },
  { path: 'create_engagement_commit.md', id: 'create_engagement_commit', variables: [], systemPrompt: true },
  ...PER_FIELD_COMPONENTS.map(({ file, field }) => ({
    path: `intent_instructions/create_engagement/${file}.md`,
    id: `create_engagement/${file}`,
    variables: [],
    field,
    systemPrompt: true,
  })),
  { path: 'intent_classifier.md', id: 'intent_classifier', variables: ['message', 'companion_last_turn'], systemPrompt: false },
  { path: 'discovery_to_seed_extraction.md', id: 'discovery_to_seed_extraction', variables: ['document', 'json_schema'], systemPrompt: false },
];

// The Operator questions of SPEC §3; Field 1 may be asked as two questions, so its component carries both halves.
const FIELD_QUESTIONS: Record<string, readonly string[]> = {
  purpose: ['What are we making?', 'What should we call it?'],
  audience: ['Who is it for?'],
  voice: ['How should it sound — what should someone feel reading it?'],
  constraints: ['What rules should it always follow?'],
  success: ["How will we know it's working?"],
  additionalAssertions: ['Anything else it should always hold true?'],
};

type Asset = ExpectedAsset & {
  readonly frontmatter: Record<string, string>;
  readonly body: string;
  /** The Companion's own words: every blockquote line, without its `> ` marker. */
  readonly spoken: readonly string[];
};

// A deliberately small reader for the fixed frontmatter format (flat `key: value` lines), so this test does not
// depend on the registry code that parses the same files.
function readAsset(expected: ExpectedAsset): Asset {
  const text = readFileSync(`${PROMPTS_DIRECTORY}${expected.path}`, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${expected.path} does not open with a frontmatter block`);
  const frontmatter: Record<string, string> = {};
  for (const line of (match[1] ?? '').split('\n')) {
    const separator = line.indexOf(':');
    if (separator <= 0) throw new Error(`${expected.path} has a frontmatter line that is not "key: value": ${line}`);
    frontmatter[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  const body = match[2] ?? '';
  const spoken = body
    .split('\n')
    .filter((line) => line.startsWith('>'))
    .map((line) => line.replace(/^>\s?/, ''));
  return { ...expected, frontmatter, body, spoken };
}

function parseVariables(value: string | undefined): string[] {
  const list = /^\[(.*)\]$/.exec(value ?? '');
  if (!list) return ['<not a list>'];
  return (list[1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

const MISSING_PATHS = EXPECTED_ASSETS.filter((expected) => !existsSync(`${PROMPTS_DIRECTORY}${expected.path}`)).map((expected) => expected.path);
const ASSETS = EXPECTED_ASSETS.filter((expected) => !MISSING_PATHS.includes(expected.path)).map(readAsset);

function asset(id: string): Asset {
  const found = ASSETS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no asset ${id}`);
  return found;
}

const SYSTEM_PROMPT_ASSETS = ASSETS.filter((candidate) => candidate.systemPrompt);

describe('prompt asset files', () => {
  it('are all present', () => {
    expect(MISSING_PATHS).toEqual([]);
  });

  it.each(ASSETS.map((candidate) => [candidate.path, candidate] as const))('%s has the fixed frontmatter', (_path, candidate) => {
    const expectedKeys = candidate.field === undefined ? ['id', 'version', 'description', 'variables'] : ['id', 'version', 'description', 'variables', 'field'];
    expect(Object.keys(candidate.frontmatter)).toEqual(expectedKeys);
    expect(candidate.frontmatter.id).toBe(candidate.id);
    expect(candidate.frontmatter.version).toBe('1');
    expect(candidate.frontmatter.description?.length ?? 0).toBeGreaterThan(20);
    expect(parseVariables(candidate.frontmatter.variables)).toEqual(candidate.variables);
    if (candidate.field !== undefined) expect(candidate.frontmatter.field).toBe(candidate.field);
  });

  it.each(ASSETS.map((candidate) => [candidate.path, candidate] as const))('%s uses exactly the variables it declares', (_path, candidate) => {
    const used = [...candidate.body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((found) => found[1]);
    expect(new Set(used)).toEqual(new Set(candidate.variables));
    if (candidate.variables.length === 0) expect(candidate.body).not.toContain('{{');
  });

  it('keeps the cached system prompt stable: no dates, ids or variables, and long enough to be cached', () => {
    const isoDate = /\b\d{4}-\d{2}-\d{2}\b/;
    const ulid = /\b[0-9A-HJKMNP-TV-Z]{26}\b/;
    for (const candidate of ASSETS) {
      expect(candidate.body, candidate.path).not.toMatch(isoDate);
      expect(candidate.body, candidate.path).not.toMatch(ulid);
    }
    for (const candidate of SYSTEM_PROMPT_ASSETS) expect(candidate.body, candidate.path).not.toContain('{{');
    // Prompt caching needs at least 1,024 tokens; at roughly four characters a token this keeps a wide margin.
    const systemPromptLength = SYSTEM_PROMPT_ASSETS.reduce((total, candidate) => total + candidate.body.length, 0);
    expect(systemPromptLength).toBeGreaterThan(6_000);
  });
});

describe("the Companion's own words in the assets", () => {
  it('are given in every asset that tells the Companion what to say', () => {
    for (const candidate of SYSTEM_PROMPT_ASSETS) expect(candidate.spoken.length, candidate.path).toBeGreaterThan(0);
  });

  it('pass the plain-terms lint, line by line', () => {
    // Read from the files as shipped (an override folder over every asset), not from the generated registry.
    const source = createDirectoryPromptSource(PROMPTS_DIRECTORY);
    expect(source.list().map((candidate) => candidate.id).sort()).toEqual(ASSETS.map((candidate) => candidate.id).sort());
    expect(lintPromptSource(source)).toEqual([]);
  });

  it('never announce an AI', () => {
    for (const line of ASSETS.flatMap((candidate) => candidate.spoken)) expect(line).not.toMatch(/\bas an ai\b/i);
  });

  it.each(PER_FIELD_COMPONENTS.map(({ file, field }) => [file, field] as const))('the %s component asks its plain question', (file, field) => {
    const component = asset(`create_engagement/${file}`);
    for (const question of FIELD_QUESTIONS[field] ?? []) expect(component.spoken).toContain(question);
  });

  it('open with what we are making and its name, never a generic greeting', () => {
    const entry = asset('create_engagement_entry');
    const opening = entry.spoken[0] ?? '';
    expect(opening).toMatch(/what are we making/i);
    expect(opening).toMatch(/what should we call it/i);
    for (const line of entry.spoken) expect(line).not.toMatch(/\b(hi|hello|hey|welcome)\b|how can i help/i);
  });

  it('ask whether there is anything else before putting it together', () => {
    // The terminal-turn matcher treats a reply to this question ("no", "yes") as the Operator being done.
    expect(asset('create_engagement_active').spoken).toContain('Is there anything else, or shall I put it together?');
  });

  it('offer the full write-up or the short summary and ask to review or begin, in the exact words', () => {
    const commit = asset('create_engagement_commit');
    expect(commit.spoken).toContain('Would you like to review what I\'ve gathered, or are you ready to begin?');
    expect(commit.spoken.some((line) => line.includes('a full write-up of our conversation, or a short summary'))).toBe(true);
  });
});

describe('the fallback prompts', () => {
  it('route a message to one of the intents the session understands, as JSON', () => {
    const classifier = asset('intent_classifier');
    for (const intent of ['create_engagement_active', 'create_engagement_commit', 'general_conversation']) expect(classifier.body).toContain(`\`${intent}\``);
    const example = classifier.body.split('\n').find((line) => line.startsWith('{"intent"'));
    expect(Object.keys(JSON.parse(example ?? 'null') as object)).toEqual(['intent', 'confidence', 'reason']);
  });
});
