// arbDiscoveryVariant: one Seed written the way people hand-edit Discovery records — every tolerance of
// SPEC §4.2 in random combination — so tests can check the extractor reads each back to the same Seed.
import fc from 'fast-check';
import { FIELDS, NAME_TITLES, type FieldDefinition, type Seed } from '@loomworks/core';
import { arbSeed } from './seed';

/** The tolerated ways of writing a record; a variant lists the ones it used. */
export const DISCOVERY_VARIATIONS = [
  /** CRLF line endings. */
  'crlf',
  /** A leading byte order mark. */
  'bom',
  /** Spaces and tabs at the ends of lines. */
  'trailing-whitespace',
  /** More blank lines between sections and after headings. */
  'extra-blank-lines',
  /** `---`, `***` or `___` between sections. */
  'thematic-breaks',
  /** Text (and an HTML comment) between the title and the first section. */
  'preamble',
  /** No frontmatter: the name comes from the title or a name section. */
  'no-frontmatter',
  /** Frontmatter with comments, unknown keys and no `format:`. */
  'frontmatter-extras',
  /** `engagement:` single-quoted instead of double-quoted or plain. */
  'engagement-single-quoted',
  /** A "Name" / "Title" / "Project name" / "Engagement name" section holds the name. */
  'name-section',
  /** No H1 title. */
  'no-title',
  /** The H1 title ends in "— Discovery record". */
  'title-suffix',
  /** Field headings at levels 1–4. */
  'heading-levels',
  /** `1)` numbering. */
  'heading-paren-number',
  /** `Field 1 — …`, `Field 1: …`, `Field 1`. */
  'heading-field-number',
  /** Headings by key: `purpose`, `additional_assertions`, `additionalAssertions`. */
  'heading-by-key',
  /** Headings by any title of the table, without a number. */
  'heading-by-title',
  /** `**…**` or `_…_` around headings. */
  'heading-emphasis',
  /** UPPER or lower case headings. */
  'heading-case',
  /** A closing `##` after headings. */
  'heading-closing-hashes',
  /** `*` list markers. */
  'marker-star',
  /** `+` list markers. */
  'marker-plus',
  /** `1.` list markers. */
  'marker-ordered-dot',
  /** `1)` list markers. */
  'marker-ordered-paren',
  /** Continuation lines indented with a tab. */
  'tab-continuation',
  /** Blank lines between list items. */
  'loose-lists',
  /** A one-item list written as a plain paragraph. */
  'single-paragraph-list',
  /** `- **Key**: value`. */
  'entry-bold-colon-outside',
  /** `- Key: value`. */
  'entry-plain-colon',
  /** `- **Key** — value` (em dash, en dash or spaced hyphen). */
  'entry-bold-dash',
  /** `- Key — value`. */
  'entry-plain-dash',
  /** Field 6 as a two-column table. */
  'entries-table',
  /** Field 6 as sub-headings followed by text. */
  'entries-sub-headings',
  /** An empty Field 6 left out, left empty, or written "None" / "N/A" / "_Nothing else._". */
  'empty-field6-forms',
  /** Sections in another order. */
  'shuffled-sections',
  /** Sections that are not fields ("Notes", "Appendix", …), which the extractor skips. */
  'unknown-sections',
  /** A "How we got here" / "Conversation" / "Trajectory" section. */
  'trajectory-section',
] as const;

export type DiscoveryVariation = (typeof DISCOVERY_VARIATIONS)[number];

export type DiscoveryVariant = {
  seed: Seed;
  markdown: string;
  /** The variations the markdown actually uses (a requested one can be impossible for a given Seed). */
  variations: DiscoveryVariation[];
};

export type ArbDiscoveryVariantOptions = {
  /** The Seeds to write (default `arbSeed({ maxItems: 4, maxEntries: 4 })`). */
  seed?: fc.Arbitrary<Seed>;
  /** The variations to draw from (default all). */
  variations?: readonly DiscoveryVariation[];
};

// Escaping for variants is deliberately not the renderer's: it escapes almost every ASCII punctuation
// character, which the format allows (`\` + punctuation reads as the punctuation), so variants also check
// that hand-escaped text reads back. Plain punctuation that cannot be structure is left alone.
const SAFE_PUNCTUATION = new Set(['.', ',', "'", '?', '!', '(', ')', '"', ';', '/']);

function isLoneSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

type EscapeOptions = { lineStart?: boolean; dashesAsReferences?: boolean };

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The `.` or `)` of a leading ordered-list marker ("12. "), which must be escaped at the start of a line. */
function orderedMarkerIndex(text: string): number {
  const match = /^[ \t]*[0-9]+[.)]/.exec(text);
  return match ? match[0].length - 1 : -1;
}

function escapeText(text: string, options: EscapeOptions = {}): string {
  const ordered = options.lineStart ? orderedMarkerIndex(text) : -1;
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    const code = text.charCodeAt(index);
    const isLast = index === text.length - 1;
    if ((code < 0x20 && code !== 9) || code === 0x7f || isLoneSurrogate(text, index) || (isLast && (code === 32 || code === 9))) out += `&#${code};`;
    else if (options.dashesAsReferences && (code === 0x2014 || code === 0x2013)) out += `&#${code};`;
    else if (index === ordered || (code < 128 && ASCII_PUNCTUATION.test(character) && !SAFE_PUNCTUATION.has(character))) out += `\\${character}`;
    else out += character;
  }
  return out;
}

/** A title can only carry the name if it cannot be read as a section heading (a conservative check). */
const SECTION_WORDS = new Set<string>();
const SECTION_KEYS = new Set<string>(['name']);
for (const field of FIELDS) {
  for (const title of field.titles) SECTION_WORDS.add(words(title).join(' '));
  SECTION_KEYS.add(field.key.toLowerCase());
  SECTION_KEYS.add(field.engineKey.replaceAll('_', ''));
}
for (const title of [...NAME_TITLES, 'How we got here', 'Conversation', 'Trajectory']) SECTION_WORDS.add(words(title).join(' '));

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function canBeTitle(name: string): boolean {
  const nameWords = words(name);
  if (nameWords.length === 0 || /^[\s*_`~]*\d/.test(name)) return false;
  if (nameWords.some((word, index) => ['field', 'section', 'part'].includes(word) && /^\d$/.test(nameWords[index + 1] ?? ''))) return false;
  const joined = nameWords.join(' ');
  return !SECTION_WORDS.has(joined) && !SECTION_KEYS.has(nameWords.join('')) && !joined.endsWith('discovery record');
}

/** A small seeded generator, so one integer from fast-check drives every per-section choice reproducibly. */
function chooser(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (count: number) => Math.floor(next() * count),
    chance: (probability: number) => next() < probability,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  };
}

type Chooser = ReturnType<typeof chooser>;

type Block = { kind: 'field'; field: FieldDefinition } | { kind: 'name' } | { kind: 'unknown' } | { kind: 'trajectory' };

const UNKNOWN_TITLES = ['Notes', 'Open questions', 'Appendix', 'Background', 'Next steps'];
const TRAJECTORY_TITLES = ['How we got here', 'Conversation', 'Trajectory'];
const NOTHING_FORMS = ['Nothing else.', 'None', 'N/A', '_Nothing else._', 'nothing', ''];

class VariantWriter {
  readonly used = new Set<DiscoveryVariation>();
  readonly lines: string[] = [];

  constructor(
    private readonly seed: Seed,
    private readonly enabled: ReadonlySet<DiscoveryVariation>,
    private readonly choose: Chooser,
  ) {}

  /** Whether to apply a variation here: it must be enabled, and then it happens with `probability`. */
  apply(variation: DiscoveryVariation, probability = 1): boolean {
    if (!this.enabled.has(variation) || !this.choose.chance(probability)) return false;
    this.used.add(variation);
    return true;
  }

  blank(): void {
    this.lines.push('');
    if (this.apply('extra-blank-lines', 0.3)) this.lines.push('');
  }

  headingText(block: Block): string {
    if (block.kind === 'name') return this.choose.pick([...NAME_TITLES, 'name']);
    if (block.kind === 'unknown') return this.choose.pick(UNKNOWN_TITLES);
    if (block.kind === 'trajectory') return this.choose.pick(TRAJECTORY_TITLES);
    const { field } = block;
    const forms: (() => string)[] = [() => `${field.number}. ${field.title}`];
    if (this.enabled.has('heading-paren-number')) forms.push(() => (this.used.add('heading-paren-number'), `${field.number}) ${this.choose.pick(field.titles)}`));
    if (this.enabled.has('heading-field-number')) {
      forms.push(() => (this.used.add('heading-field-number'), this.choose.pick([`Field ${field.number} — ${field.title}`, `Field ${field.number}: ${field.title}`, `Field ${field.number}`])));
    }
    if (this.enabled.has('heading-by-key')) forms.push(() => (this.used.add('heading-by-key'), this.choose.pick([field.key, field.engineKey])));
    if (this.enabled.has('heading-by-title')) forms.push(() => (this.used.add('heading-by-title'), this.choose.pick(field.titles)));
    return this.choose.pick(forms)();
  }

  heading(level: number, block: Block): void {
    let text = this.headingText(block);
    if (this.apply('heading-case', 0.4)) text = this.choose.chance(0.5) ? text.toUpperCase() : text.toLowerCase();
    if (this.apply('heading-emphasis', 0.4)) text = this.choose.chance(0.5) ? `**${text}**` : `_${text}_`;
    if (this.apply('heading-closing-hashes', 0.4)) text = `${text} ${'#'.repeat(1 + this.choose.below(3))}`;
    this.lines.push(`${'#'.repeat(level)} ${text}`);
    if (this.apply('extra-blank-lines', 0.3)) this.lines.push('');
  }

  /** A text written line by line (blank lines stay empty). */
  text(value: string, indent = ''): void {
    for (const line of value.split('\n')) this.lines.push(line === '' ? '' : indent + escapeText(line, { lineStart: true }));
  }

  listMarker(): (index: number) => string {
    const markers: ((index: number) => string)[] = [() => '- '];
    if (this.enabled.has('marker-star')) markers.push(() => (this.used.add('marker-star'), '* '));
    if (this.enabled.has('marker-plus')) markers.push(() => (this.used.add('marker-plus'), '+ '));
    if (this.enabled.has('marker-ordered-dot')) markers.push((index) => (this.used.add('marker-ordered-dot'), `${index + 1}. `));
    if (this.enabled.has('marker-ordered-paren')) markers.push((index) => (this.used.add('marker-ordered-paren'), `${index + 1}) `));
    return this.choose.pick(markers);
  }

  /** A list item: the marker and first line, then the rest indented under the item's text. */
  item(marker: string, firstLine: string, rest: string[]): void {
    this.lines.push(marker + firstLine);
    // A tab reaches column 4, past the text of any marker shorter than four characters.
    const indent = marker.length <= 4 && this.apply('tab-continuation', 0.5) ? '\t' : ' '.repeat(marker.length);
    for (const line of rest) this.lines.push(line === '' ? '' : indent + escapeText(line, { lineStart: true }));
  }

  list(items: string[]): void {
    // A paragraph reads as one item only when it has no blank line (a blank line would start a second one).
    if (items.length === 1 && !(items[0] as string).split('\n').includes('') && this.apply('single-paragraph-list', 0.5)) {
      this.text(items[0] as string);
      return;
    }
    const marker = this.listMarker();
    items.forEach((item, index) => {
      if (index > 0 && this.apply('loose-lists', 0.5)) this.lines.push('');
      const [first = '', ...rest] = item.split('\n');
      this.item(marker(index), escapeText(first, { lineStart: false }), rest);
    });
  }

  entries(level: number): void {
    const entries = this.seed.additionalAssertions;
    if (entries.length === 0) {
      const form = this.enabled.has('empty-field6-forms') ? this.choose.pick(NOTHING_FORMS) : 'Nothing else.';
      if (form !== 'Nothing else.') this.used.add('empty-field6-forms');
      if (form !== '') this.lines.push(form);
      return;
    }
    // Sub-headings need a level below Field 6's; a table needs nothing but escaping (line breaks become &#10;).
    if (level < 6 && this.apply('entries-sub-headings', 0.3)) {
      for (const entry of entries) {
        this.lines.push(`${'#'.repeat(level + 1)} ${escapeText(entry.key)}`);
        if (this.apply('extra-blank-lines', 0.3)) this.lines.push('');
        this.text(entry.value);
      }
      return;
    }
    if (this.apply('entries-table', 0.3)) {
      const piped = this.choose.chance(0.5);
      const row = (key: string, value: string) => (piped ? `| ${key} | ${value} |` : `${key} | ${value}`);
      this.lines.push(row('Key', 'Value'), this.choose.pick(piped ? ['| --- | --- |', '|:---|---:|', '|-|-|'] : ['--- | ---', ':-- | --:']));
      // Without a leading pipe the key starts the line, where "1)" would read as a list marker.
      for (const entry of entries) this.lines.push(row(escapeText(entry.key, { lineStart: !piped }), escapeText(entry.value)));
      return;
    }
    const marker = this.listMarker();
    entries.forEach((entry, index) => {
      const [first = '', ...rest] = entry.value.split('\n');
      const value = escapeText(first);
      const dash = () => this.choose.pick([' — ', ' – ', ' - ']);
      const forms: (() => string)[] = [() => `**${escapeText(entry.key)}:** ${value}`];
      if (this.enabled.has('entry-bold-colon-outside')) forms.push(() => (this.used.add('entry-bold-colon-outside'), `**${escapeText(entry.key)}**: ${value}`));
      if (this.enabled.has('entry-plain-colon')) forms.push(() => (this.used.add('entry-plain-colon'), `${escapeText(entry.key, { dashesAsReferences: true })}: ${value}`));
      if (this.enabled.has('entry-bold-dash')) forms.push(() => (this.used.add('entry-bold-dash'), `**${escapeText(entry.key)}**${dash()}${value}`));
      if (this.enabled.has('entry-plain-dash')) forms.push(() => (this.used.add('entry-plain-dash'), `${escapeText(entry.key, { dashesAsReferences: true })}${dash()}${value}`));
      if (index > 0 && this.apply('loose-lists', 0.5)) this.lines.push('');
      this.item(marker(index), this.choose.pick(forms)(), rest);
    });
  }

  unknownContent(): void {
    this.lines.push(this.choose.pick(['Some notes we kept.', '- a thought\n- another', 'Nothing to see here.']));
  }

  trajectoryContent(): void {
    this.lines.push(`- Turn 1 — Name: ${escapeText(this.seed.name)}`);
    this.lines.push(`- Turn 2 — ${FIELDS[0].title} (replaced at turn 3): ${escapeText(this.seed.purpose.split('\n')[0] ?? '')}`);
  }
}

function frontmatterScalar(writer: VariantWriter, value: string): string {
  if (/^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$/.test(value) && !/^(?:true|false|yes|no|on|off|null)$/i.test(value)) return value;
  if (!/[\r\n]/.test(value) && writer.apply('engagement-single-quoted')) return `'${value.replaceAll("'", "''")}'`;
  return JSON.stringify(value);
}

function writeVariant(seed: Seed, enabled: ReadonlySet<DiscoveryVariation>, choose: Chooser): DiscoveryVariant {
  const writer = new VariantWriter(seed, enabled, choose);
  const { lines } = writer;

  // Where the name comes from: the frontmatter, a name section, or the title.
  const frontmatter = !writer.apply('no-frontmatter');
  const titleAllowed = frontmatter || canBeTitle(seed.name);
  let nameSection = writer.apply('name-section') || !titleAllowed;
  if (!frontmatter && !titleAllowed) writer.used.add('name-section');
  let title = titleAllowed && !writer.apply('no-title');
  if (!frontmatter && !nameSection && !title) {
    title = true;
    writer.used.delete('no-title');
  }
  if (!title && !frontmatter && !nameSection) nameSection = true;

  if (frontmatter) {
    lines.push('---');
    const extras = writer.apply('frontmatter-extras');
    if (extras) lines.push('# written by hand', 'title: Something else', 'tags:', '  - one');
    if (!extras || choose.chance(0.5)) lines.push('format: discovery-record/v1');
    lines.push(`engagement: ${frontmatterScalar(writer, seed.name)}`);
    lines.push('---', '');
  }
  if (title) {
    const suffix = writer.apply('title-suffix') ? ' — Discovery record' : '';
    lines.push(`# ${escapeText(seed.name)}${suffix}`);
    writer.blank();
  }
  if (writer.apply('preamble')) {
    lines.push('This is what we talked about.', '<!-- drafted by hand -->');
    writer.blank();
  }

  const blocks: Block[] = FIELDS.map((field) => ({ kind: 'field', field }));
  const field6Empty = seed.additionalAssertions.length === 0;
  if (field6Empty && enabled.has('empty-field6-forms') && choose.chance(0.3)) {
    writer.used.add('empty-field6-forms');
    blocks.pop();
  }
  if (writer.apply('shuffled-sections')) {
    for (let index = blocks.length - 1; index > 0; index--) {
      const other = choose.below(index + 1);
      [blocks[index], blocks[other]] = [blocks[other] as Block, blocks[index] as Block];
    }
  }
  if (nameSection) blocks.splice(choose.below(2), 0, { kind: 'name' });
  // Skipped sections never come first: a first level-1 heading nobody recognises is the title.
  if (writer.apply('unknown-sections')) blocks.splice(1 + choose.below(blocks.length), 0, { kind: 'unknown' });
  if (writer.apply('trajectory-section')) blocks.splice(1 + choose.below(blocks.length), 0, { kind: 'trajectory' });

  let previousLevel = 2;
  let field6Level: number | undefined;
  blocks.forEach((block, index) => {
    let level = writer.apply('heading-levels', 0.7) ? 1 + choose.below(4) : 2;
    // A heading below Field 6's level would be one of its entries; one below a skipped or field
    // section's level would be part of that section.
    if (field6Level !== undefined) level = Math.min(level, field6Level);
    if (block.kind === 'unknown' || block.kind === 'trajectory') level = Math.min(level, previousLevel);
    if (index > 0 && writer.apply('thematic-breaks', 0.3)) lines.push(choose.pick(['---', '***', '___', '- - -']), '');
    writer.heading(level, block);
    if (block.kind === 'name') writer.text(seed.name);
    else if (block.kind === 'unknown') writer.unknownContent();
    else if (block.kind === 'trajectory') writer.trajectoryContent();
    else if (block.field.type === 'text') writer.text(seed[block.field.key] as string);
    else if (block.field.type === 'list') writer.list(seed[block.field.key] as string[]);
    else {
      field6Level = level;
      writer.entries(level);
    }
    writer.blank();
    previousLevel = level;
  });

  if (writer.apply('trailing-whitespace')) {
    for (let index = 0; index < lines.length; index++) {
      if (choose.chance(0.3)) lines[index] += choose.pick([' ', '  ', '\t', ' \t ']);
    }
  }
  let markdown = lines.join(writer.apply('crlf') ? '\r\n' : '\n');
  if (writer.apply('bom')) markdown = `\ufeff${markdown}`;
  const variations = DISCOVERY_VARIATIONS.filter((variation) => writer.used.has(variation));
  return { seed, markdown, variations };
}

/** The same Seed written with a random combination of the tolerated variations (DISCOVERY_VARIATIONS). */
export function arbDiscoveryVariant(options: ArbDiscoveryVariantOptions = {}): fc.Arbitrary<DiscoveryVariant> {
  const seeds = options.seed ?? arbSeed({ maxItems: 4, maxEntries: 4 });
  const variations = [...(options.variations ?? DISCOVERY_VARIATIONS)];
  return fc
    .tuple(seeds, fc.subarray(variations), fc.integer())
    .map(([seed, enabled, choices]) => writeVariant(seed, new Set(enabled), chooser(choices)));
}
