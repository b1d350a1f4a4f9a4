// arbSeed: fast-check Seeds that already pass seedSchema unchanged (trimmed, LF only, one-line name and keys),
// full of what breaks Markdown round trips: any Unicode, Markdown-looking text, inner newlines and indentation.
import fc from 'fast-check';
import { SEED_LIMITS, normalizeText, type AssertionEntry, type Seed } from '@loomworks/core';

export type ArbSeedOptions = {
  /**
   * What texts look like. `mixed` (the default) draws from all of: `plain` (ASCII words and ordinary
   * punctuation), `markdown` (headings, list markers, fences, comments, tables, `**key:**`, backslashes,
   * entities, field titles as content) and `full-unicode` (any code point, lone surrogates, controls,
   * NUL, NBSP, U+2028/2029, zero-width and right-to-left marks, combining marks, emoji).
   */
  text?: 'mixed' | 'full-unicode' | 'markdown' | 'plain';
  /** Most items in Fields 4 and 5 outside boundary cases (default 6). */
  maxItems?: number;
  /** Most Field 6 entries outside boundary cases (default 6). */
  maxEntries?: number;
  /** Allow line breaks, blank lines and indentation inside texts (default true). */
  multiline?: boolean;
  /**
   * Now and then produce values exactly at the schema's limits: 120-character names, 4000-character
   * texts, 500-character items, 50 items, 100 entries (default true).
   */
  boundaries?: boolean;
};

const PLAIN_FRAGMENTS = ['the', 'newsletter', 'Weekly', 'teams', 'kind', 'it', 'we', "it's", 'a', 'B2B', '2026', 'v1.2', 'e.g.', '(draft)', 'Yes!', 'why?', '"quoted"', 'x/y', 'a; b'];

const MARKDOWN_FRAGMENTS = [
  '#', '# ', '## ', '###### ', '####### x', '#hashtag', '# Purpose', "## 2. Who it's for", '## 1. What we\'re making', '### Name',
  '-', '- ', '* ', '+ ', '- [ ] ', '1. ', '1) ', '10. ', '2.', '3)', '---', '***', '___', '- - -', '* * *', '===', '--',
  '|', '| a | b |', '|---|---|', 'a | b', '--- | ---', '> ', '>> quote', '```', '```js', '~~~', '````', '``', '`code`',
  '<!--', '-->', '<!-- note -->', '<!---->', '<div>', '</div>', '**key:**', '**Key**:', '**Tone:** warm', 'Key: value', 'Key:', ': ',
  ' — ', ' – ', ' - ', '—', '\\', '\\\\', '\\#', '\\*', '\\-', '\\&', '\\<!--', '&#32;', '&#x41;', '&#0;', '&amp;', '&#', '&', '&lt;',
  '<', '>', '[x](y)', '![img](z)', '*emphasis*', '_under_', '__init__', '***bold***', 'Purpose', 'Voice', 'Field 3 — Voice',
  'How we got here', 'Nothing else.', 'None', 'engagement: x', 'format: brief/v1', ':', '::', '==', '[^1]', '\\n', '%', '@',
  ' — Discovery record', 'Discovery record', '## Name', 'Title', 'Trajectory',
];

const UNICODE_FRAGMENTS = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u00a0', '\u1680',
  '\u2028', '\u2029', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u3000', '\ufeff',
  '\ufffd', '\uffff', 'e\u0301', 'a\u0308\u0301', '\u{1f600}', '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}', '\u{1f3f3}\ufe0f\u200d\u{1f308}',
  'שלום עולם', 'مرحبا بالعالم', '漢字かな', 'Ελληνικά', '\u{10ffff}', '\u{1d400}', 'ﬁ', 'İı', 'ß',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

type Flavour = Exclude<ArbSeedOptions['text'], 'mixed' | undefined>;

function fragmentArbitrary(flavour: ArbSeedOptions['text']): fc.Arbitrary<string> {
  const plain: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constantFrom(...PLAIN_FRAGMENTS), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }), weight: 2 },
  ];
  const markdown: fc.WeightedArbitrary<string>[] = [{ arbitrary: fc.constantFrom(...MARKDOWN_FRAGMENTS), weight: 4 }];
  const unicode: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constantFrom(...UNICODE_FRAGMENTS), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }), weight: 1 },
    { arbitrary: loneSurrogate, weight: 1 },
  ];
  const byFlavour: Record<Flavour, fc.WeightedArbitrary<string>[]> = {
    plain,
    markdown: [...plain, ...markdown],
    'full-unicode': [...plain, ...unicode],
  };
  const choices = flavour === undefined || flavour === 'mixed' ? [...plain, ...markdown, ...unicode] : byFlavour[flavour];
  return fc.oneof(...choices);
}

/** One line: optional indentation, fragments joined by spaces or nothing, optional trailing whitespace. */
function lineArbitrary(fragment: fc.Arbitrary<string>, plain: boolean): fc.Arbitrary<string> {
  const indents = ['', '', '', ' ', '  ', '   ', '    ', '\t', ' \t', ...(plain ? [] : ['\u00a0'])];
  return fc
    .tuple(
      fc.constantFrom(...indents),
      fc.array(fc.tuple(fragment, fc.constantFrom(' ', ' ', '', '\t', '  ')), { maxLength: 7 }),
      fc.constantFrom('', '', '', ' ', '  ', '\t', ' \t '),
    )
    .map(([indent, parts, trailing]) => indent + parts.map(([text, gap]) => text + gap).join('') + trailing);
}

/** A text trimmed and cut to `max`; never empty. */
function fit(text: string, max: number, oneLine: boolean): string {
  let value = normalizeText(oneLine ? text.replace(/[\r\n]+/g, ' ') : text);
  if (value.length > max) value = normalizeText(value.slice(0, max));
  return value.length === 0 ? 'x' : value;
}

/** Pads or cuts a text to exactly `max` code units, keeping it trimmed. */
function exactly(text: string, max: number, filler: string, oneLine: boolean): string {
  let value = normalizeText(oneLine ? text.replace(/[\r\n]+/g, ' ') : text);
  while (value.length < max) value += filler;
  value = value.slice(0, max);
  if (/^\s/.test(value)) value = `x${value.slice(1)}`;
  if (/\s$/.test(value)) value = `${value.slice(0, -1)}x`;
  return value;
}

type TextShape = { max: number; oneLine: boolean; lines: number };

function textArbitrary(fragment: fc.Arbitrary<string>, shape: TextShape, boundaries: boolean, plain: boolean): fc.Arbitrary<string> {
  const line = lineArbitrary(fragment, plain);
  const raw = shape.oneLine ? line : fc.array(fc.oneof({ arbitrary: line, weight: 5 }, { arbitrary: fc.constant(''), weight: 1 }), { minLength: 1, maxLength: shape.lines }).map((lines) => lines.join('\n'));
  const ordinary = raw.map((text) => fit(text, shape.max, shape.oneLine));
  if (!boundaries) return ordinary;
  const atLimit = fc
    .tuple(raw, plain ? fc.constantFrom('a', 'word ', 'x.\n') : fc.constantFrom('a', 'é', '# ', '- x\n', '\\', '&#32;', '\u{1f600}', ' \n', 'word '))
    .map(([text, filler]) => exactly(text, shape.max, shape.oneLine ? filler.replace(/\n/g, ' ') : filler, shape.oneLine));
  return fc.oneof({ arbitrary: ordinary, weight: 60 }, { arbitrary: atLimit, weight: 1 });
}

function listArbitrary<T>(item: fc.Arbitrary<T>, max: number, limit: number, minLength: number, boundaries: boolean): fc.Arbitrary<T[]> {
  const ordinary = fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(max, limit)) });
  if (!boundaries) return ordinary;
  return fc.oneof({ arbitrary: ordinary, weight: 80 }, { arbitrary: fc.array(item, { minLength: limit, maxLength: limit }), weight: 1 });
}

/** Seeds that pass `seedSchema` unchanged; see ArbSeedOptions for what they are made of. */
export function arbSeed(options: ArbSeedOptions = {}): fc.Arbitrary<Seed> {
  const boundaries = options.boundaries ?? true;
  const lines = options.multiline === false ? 1 : 5;
  const fragment = fragmentArbitrary(options.text);
  const plain = options.text === 'plain';
  const oneLine = (max: number) => textArbitrary(fragment, { max, oneLine: true, lines: 1 }, boundaries, plain);
  const text = (max: number) => textArbitrary(fragment, { max, oneLine: lines === 1, lines }, boundaries, plain);
  const entry: fc.Arbitrary<AssertionEntry> = fc.record({ key: oneLine(SEED_LIMITS.entryKey), value: text(SEED_LIMITS.entryValue) });
  return fc.record({
    name: oneLine(SEED_LIMITS.name),
    purpose: text(SEED_LIMITS.text),
    audience: text(SEED_LIMITS.text),
    voice: text(SEED_LIMITS.text),
    constraints: listArbitrary(text(SEED_LIMITS.listItem), options.maxItems ?? 6, SEED_LIMITS.listItems, 1, boundaries),
    success: listArbitrary(text(SEED_LIMITS.listItem), options.maxItems ?? 6, SEED_LIMITS.listItems, 1, boundaries),
    additionalAssertions: listArbitrary(entry, options.maxEntries ?? 6, SEED_LIMITS.entries, 0, boundaries),
  });
}
