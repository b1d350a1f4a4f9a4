import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN_TERMS, lintPlainTerms } from './plain-terms';

// Every (term, form) pair straight from the JSON, so a test fails if the lint ignores any entry.
const FORMS = PLAIN_TERMS.terms.flatMap((entry) => entry.forms.map((form) => ({ term: entry.term, form, suggestion: entry.suggestion })));

const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ['\u201C', '\u201D'],
  ["'", "'"],
  ['\u2018', '\u2019'],
];

describe('PLAIN_TERMS', () => {
  it('bans at least the developer words SPEC §5.3 lists, with the plain words it prefers', () => {
    const terms = PLAIN_TERMS.terms.map((entry) => entry.term.toLowerCase());
    for (const required of ['seed', 'induction', 'assertion', 'discovery record', 'brief', 'engagement', 'extraction', 'coverage', 'intent', 'field', 'operator', 'template', 'schema', 'memory event', 'cr', 'phase', 'substrate']) {
      expect(terms).toContain(required);
    }
    const forms = FORMS.map((entry) => entry.form.toLowerCase());
    for (const inflection of ['induct', 'inducted', 'inducting', 'assertions', 'engagements', 'extract', 'fields']) expect(forms).toContain(inflection);
    const suggestions = PLAIN_TERMS.terms.map((entry) => entry.suggestion);
    for (const plain of ['project', 'full write-up', 'short summary', 'final check', 'notes']) expect(suggestions).toContain(plain);
  });

  it('never flags the developer words Operators may hear', () => {
    expect(PLAIN_TERMS.allowed).toEqual(['Memory', 'Companion']);
    expect(lintPlainTerms('Your Companion keeps everything in Memory. memory companion')).toEqual([]);
  });
});

describe('lintPlainTerms', () => {
  it.each(FORMS)('flags "$form" in an unquoted sentence as $term', ({ term, form, suggestion }) => {
    const text = `Next we look at the ${form} together.`;
    expect(lintPlainTerms(text)).toEqual([{ term, index: text.indexOf(form), suggestion }]);
  });

  it.each(FORMS)('ignores "$form" inside every quote style', ({ form }) => {
    for (const [open, close] of QUOTES) {
      expect(lintPlainTerms(`You said ${open}${form}${close}, so I kept it.`)).toEqual([]);
      expect(lintPlainTerms(`You said ${open}my ${form} plan${close}.`)).toEqual([]);
    }
  });

  it('flags words after a closing quote and between quotes', () => {
    const text = 'You said "that" and the seed, then \u201Cthis\u201D and the brief.';
    expect(lintPlainTerms(text).map((finding) => [finding.term, finding.index])).toEqual([
      ['seed', text.indexOf('seed')],
      ['brief', text.indexOf('brief')],
    ]);
  });

  it('does not treat apostrophes as quotes', () => {
    const text = "That's the Operator's seed, and that\u2019s the Operators' brief.";
    expect(lintPlainTerms(text).map((finding) => finding.term)).toEqual(['Operator', 'seed', 'Operator', 'brief']);
    // An apostrophe inside a real single-quoted passage does not end it early.
    expect(lintPlainTerms("You said 'that's the seed' earlier.")).toEqual([]);
    expect(lintPlainTerms('You said \u2018that\u2019s the seed\u2019 earlier.')).toEqual([]);
    // A single quote may close after punctuation that ends the quoted words.
    expect(lintPlainTerms("You said 'the seed.' Then the brief.").map((finding) => finding.term)).toEqual(['brief']);
  });

  it('treats a quote that never closes as no quote at all', () => {
    expect(lintPlainTerms('You said "the seed is ready.').map((finding) => finding.term)).toEqual(['seed']);
    expect(lintPlainTerms('\u201Cthe seed').map((finding) => finding.term)).toEqual(['seed']);
  });

  it('matches whole words only', () => {
    expect(lintPlainTerms('A seedling, a briefly phrased reseed, cornfields, schematic, Operatorship, intention, fielded.')).toEqual([]);
    // Any non-letter, non-digit character is a boundary, in any script.
    expect(lintPlainTerms('seed-funding, re_seed, (brief), brief2, 2brief').map((finding) => finding.index)).toEqual([0, 17, 24]);
    expect(lintPlainTerms('café seed')).toEqual([{ term: 'seed', index: 5, suggestion: 'project details' }]);
    expect(lintPlainTerms('seedé')).toEqual([]);
  });

  it('reports UTF-16 offsets', () => {
    const text = '😀 🧵 the seed';
    expect(lintPlainTerms(text)).toEqual([{ term: 'seed', index: 10, suggestion: 'project details' }]);
    expect(text.slice(10, 14)).toBe('seed');
  });

  it('ignores case', () => {
    expect(lintPlainTerms('SEED Seed sEeD discovery RECORD cr').map((finding) => [finding.term, finding.index])).toEqual([
      ['seed', 0],
      ['seed', 5],
      ['seed', 10],
      ['Discovery record', 15],
      ['CR', 32],
    ]);
  });

  it('finds every form in any casing (the quick search that skips most text never misses)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMS), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), ({ term, form }, upper) => {
        const cased = [...form].map((character, index) => (upper[index] ? character.toUpperCase() : character)).join('');
        expect(lintPlainTerms(`Well, ${cased} then.`).map((finding) => finding.term)).toEqual([term]);
      }),
      { numRuns: 500 },
    );
  });

  it('matches multi-word terms across any run of whitespace, and only across whitespace', () => {
    expect(lintPlainTerms('the Discovery \n\t record').map((finding) => finding.term)).toEqual(['Discovery record']);
    expect(lintPlainTerms('the Discovery\u00A0record').map((finding) => finding.term)).toEqual(['Discovery record']);
    expect(lintPlainTerms('the Discovery, record; a Memory. event')).toEqual([]);
  });

  it('prefers the longest match and does not report its words again', () => {
    const text = 'Check the field coverage, then the field.';
    expect(lintPlainTerms(text).map((finding) => [finding.term, finding.index])).toEqual([
      ['field coverage', text.indexOf('field coverage')],
      ['field', text.lastIndexOf('field')],
    ]);
    expect(lintPlainTerms('Memory events and the Discovery records').map((finding) => finding.term)).toEqual(['Memory event', 'Discovery record']);
  });

  it('skips allowed terms but still consumes their words', () => {
    expect(lintPlainTerms('the seed and the field coverage', { allow: ['SEED', 'field coverage'] })).toEqual([]);
    expect(lintPlainTerms('the seed and the brief', { allow: ['seed'] }).map((finding) => finding.term)).toEqual(['brief']);
  });

  it('finds nothing in empty or wordless text', () => {
    expect(lintPlainTerms('')).toEqual([]);
    expect(lintPlainTerms('  "" \u201C\u201D \'\' ... ')).toEqual([]);
  });

  it('finds an inserted banned word at its offset, and nothing once it is quoted', () => {
    // Quote characters in the surrounding text would change what is quoted, so the base text has none.
    const baseText = fc
      .string({ unit: fc.oneof(fc.constantFrom(' ', ' ', '\n', '.', ',', 'é', '🧵', '-'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 60 })
      .filter((text) => !/["'\u2018\u2019\u201C\u201D]/u.test(text) && lintPlainTerms(text).length === 0);
    fc.assert(
      fc.property(baseText, fc.nat(), fc.constantFrom(...FORMS), fc.constantFrom(...QUOTES), (base, cut, entry, [open, close]) => {
        const at = cut % (base.length + 1);
        const before = base.slice(0, at);
        const after = base.slice(at);
        const inserted = `${before} ${entry.form} ${after}`;
        expect(lintPlainTerms(inserted)).toContainEqual({ term: entry.term, index: at + 1, suggestion: entry.suggestion });
        const quoted = `${before} ${open}${entry.form}${close} ${after}`;
        const start = at + 1;
        const end = start + entry.form.length + 2;
        expect(lintPlainTerms(quoted).filter((finding) => finding.index >= start && finding.index < end)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
