import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_LIMITS, type SeedDraft } from '../../seed';
import type { AskingTarget } from '../types';
import { COPY } from './copy';
import { readOperatorAnswer } from './read-answer';

const EMPTY: SeedDraft = {};

function valuesOf(asking: AskingTarget, message: string, draft: SeedDraft = EMPTY) {
  return readOperatorAnswer(asking, message, draft).values;
}

describe('readOperatorAnswer: text answers', () => {
  it.each([
    ['purpose', '  A monthly newsletter for the bakery.\n', 'A monthly newsletter for the bakery.'],
    ['audience', 'Our regulars, mostly people who pop in before work.', 'Our regulars, mostly people who pop in before work.'],
    ['voice', 'Warm and a bit cheeky.\n\nLike a chat over the counter.', 'Warm and a bit cheeky.\n\nLike a chat over the counter.'],
    // Words that look like structure or like a correction of the same part are kept as given.
    ['audience', 'The audience is small bakeries; mostly owners.', 'The audience is small bakeries; mostly owners.'],
    ['purpose', '- a newsletter\n- a recipe card', '- a newsletter\n- a recipe card'],
  ] as const)('keeps a %s answer as given, trimmed: %j', (asking, message, expected) => {
    const result = readOperatorAnswer(asking, message, EMPTY);
    expect(result).toMatchObject({ kind: 'answer', part: asking, values: { [asking]: expected }, evidence: { [asking]: expected } });
  });

  it('normalises CRLF to LF in the value and quotes the evidence exactly as sent', () => {
    const result = readOperatorAnswer('voice', 'Warm.\r\nFriendly.\r\n', EMPTY);
    expect(result.values).toEqual({ voice: 'Warm.\nFriendly.' });
    expect(result.evidence).toEqual({ voice: 'Warm.\r\nFriendly.' });
    const list = readOperatorAnswer('constraints', 'Rules:\r\n- one\r\n- two\r\n', EMPTY);
    expect(list).toMatchObject({ values: { constraints: ['one', 'two'] }, evidence: { constraints: 'one\r\n- two' } });
  });

  it('asks for something shorter when a text answer is over the limit', () => {
    const result = readOperatorAnswer('audience', 'x'.repeat(SEED_LIMITS.text + 1), EMPTY);
    expect(result).toMatchObject({ kind: 'unclear', part: 'audience', values: {} });
    expect(result.problem).toContain(`${SEED_LIMITS.text} characters or fewer`);
    expect(result.problem).toContain("who it's for");
  });
});

describe('readOperatorAnswer: the name', () => {
  it.each([
    ['Crumb Notes', 'Crumb Notes'],
    ['Crumb Notes.', 'Crumb Notes'],
    ["Let's call it Crumb Notes.", 'Crumb Notes'],
    ['let’s call it “Crumb Notes”.', 'Crumb Notes'],
    ['Call it "Crumb Notes"', 'Crumb Notes'],
    ["It's called 'Crumb Notes'", 'Crumb Notes'],
    ['The name is Crumb Notes', 'Crumb Notes'],
    ['Name: Crumb Notes', 'Crumb Notes'],
    ['the name should be Crumb Notes', 'Crumb Notes'],
    ['  “Crumb Notes”  ', 'Crumb Notes'],
    ['Crumb Co...', 'Crumb Co...'],
    ['Nameless Bakery', 'Nameless Bakery'],
  ])('reads %j as %j', (message, name) => {
    const result = readOperatorAnswer('name', message, EMPTY);
    expect(result.values).toEqual({ name });
    expect(message).toContain(result.evidence.name);
  });

  it.each([
    ['a name over 120 characters', 'N'.repeat(SEED_LIMITS.name + 1)],
    ['a name on several lines', 'Crumb\nNotes'],
  ])('asks for a shorter one, recording nothing, for %s', (_label, message) => {
    const result = readOperatorAnswer('name', message, EMPTY);
    expect(result).toMatchObject({ kind: 'unclear', part: 'name', values: {} });
    expect(result.problem).toBe(COPY.problemNameTooLong.replace('{max}', String(SEED_LIMITS.name)));
  });

  it('says it caught no name when only the lead-in words are there', () => {
    expect(readOperatorAnswer('name', 'call it “”', EMPTY)).toMatchObject({ kind: 'unclear', problem: COPY.problemNameEmpty });
  });
});

describe('readOperatorAnswer: lists', () => {
  it.each([
    ['dash bullets', '- Never mention prices\n- Always sign off from the team', ['Never mention prices', 'Always sign off from the team']],
    ['star, plus and dot bullets', '* one\n+ two\n• three', ['one', 'two', 'three']],
    ['numbers with dots and parentheses', '1. one\n2) two\n10. ten', ['one', 'two', 'ten']],
    ['one item per plain line', 'Never mention prices\nAlways sign off', ['Never mention prices', 'Always sign off']],
    ['a single line split at semicolons', 'never mention prices; always sign off;  keep it short ;', ['never mention prices', 'always sign off', 'keep it short']],
    ['a single bulleted line, semicolons kept', '- never mention prices; not even sale ones', ['never mention prices; not even sale ones']],
    ['several lines, semicolons kept', 'never mention prices; not even sale ones\nalways sign off', ['never mention prices; not even sale ones', 'always sign off']],
    ['continuation lines joining their item', '- Always sign off\n  from the whole team\n- Keep it short', ['Always sign off\nfrom the whole team', 'Keep it short']],
    ['a blank line inside an item', '- First paragraph\n\n  second paragraph\n- Next', ['First paragraph\n\nsecond paragraph', 'Next']],
    ['deeper indentation kept past the item', '- Steps:\n    - weigh\n    - bake\n- Next', ['Steps:\n  - weigh\n  - bake', 'Next']],
    ['empty items dropped', '- one\n-\n- \n\n- two', ['one', 'two']],
    ['an introduction line before bullets', 'Here are the rules:\n- one\n- two', ['one', 'two']],
    ['a plain line after bullets as its own item', '- one\nand two', ['one', 'and two']],
    ['markers that need a space', '-5 degrees\n**bold** rule\n3.5 stars', ['-5 degrees', '**bold** rule', '3.5 stars']],
  ] as const)('splits %s', (_label, message, items) => {
    for (const part of ['constraints', 'success'] as const) {
      const result = readOperatorAnswer(part, message, EMPTY);
      expect(result).toMatchObject({ kind: 'answer', part, values: { [part]: items } });
      expect(message).toContain(result.evidence[part]);
    }
  });

  it('takes evidence from the first item to the last', () => {
    expect(readOperatorAnswer('constraints', 'Here are the rules:\n- one\n- two\n', EMPTY).evidence).toEqual({ constraints: 'one\n- two' });
  });

  it('asks to shorten an item over 500 characters, naming it', () => {
    const long = `Always ${'very '.repeat(110)}short`;
    const result = readOperatorAnswer('constraints', `- ok\n- ${long}`, EMPTY);
    expect(result).toMatchObject({ kind: 'unclear', values: {} });
    expect(result.problem).toContain('“Always very very');
    expect(result.problem).toContain(`${SEED_LIMITS.listItem} characters or fewer`);
  });

  it('asks to keep a list to 50 items', () => {
    const message = Array.from({ length: SEED_LIMITS.listItems + 1 }, (_, index) => `- sign ${index}`).join('\n');
    const result = readOperatorAnswer('success', message, EMPTY);
    expect(result).toMatchObject({ kind: 'unclear', values: {} });
    expect(result.problem).toContain(`${SEED_LIMITS.listItems + 1} in one list`);
  });

  it('says it caught nothing when a list answer has only markers', () => {
    expect(readOperatorAnswer('constraints', '-\n-', EMPTY)).toMatchObject({ kind: 'unclear', problem: COPY.problemNothingToKeep });
  });
});

describe('readOperatorAnswer: anything else that should always hold true', () => {
  it.each([
    ['plain lines', 'Launch date: 1 March\nOwner: Sam', [{ key: 'Launch date', value: '1 March' }, { key: 'Owner', value: 'Sam' }]],
    ['bullets', '- Launch date: 1 March\n* Legal: never name competitors', [{ key: 'Launch date', value: '1 March' }, { key: 'Legal', value: 'never name competitors' }]],
    ['the first colon followed by a space', 'Opening: 07:30 sharp: no later', [{ key: 'Opening', value: '07:30 sharp: no later' }]],
    ['a colon inside the key', 'Time 12:30: lunch menu', [{ key: 'Time 12:30', value: 'lunch menu' }]],
    ['a value on the next lines', 'Owner:\n  Sam at the\n  Harbour Street shop', [{ key: 'Owner', value: 'Sam at the\nHarbour Street shop' }]],
    ['an introduction line', 'Also:\n- Launch: March', [{ key: 'Launch', value: 'March' }]],
  ] as const)('reads Key: value %s', (_label, message, entries) => {
    const result = readOperatorAnswer('additionalAssertions', message, EMPTY);
    expect(result).toMatchObject({ kind: 'answer', part: 'additionalAssertions', values: { additionalAssertions: entries } });
  });

  it.each(['none', 'None.', 'no', 'NO!', 'nothing', 'Nothing else.', 'n/a', 'N/A', "that's all", 'That’s all!', 'no, nothing else'])(
    'reads %j as nothing else',
    (message) => {
      expect(readOperatorAnswer('additionalAssertions', message, EMPTY)).toMatchObject({ kind: 'none', values: { additionalAssertions: [] } });
    },
  );

  it('asks for Name: value form when a line is not one, recording nothing', () => {
    const result = readOperatorAnswer('additionalAssertions', 'Launch: March\nwe never name competitors', EMPTY);
    expect(result).toMatchObject({ kind: 'unclear', values: {}, problem: COPY.problemNotEntries });
  });

  it('asks to shorten a name over 80 characters and a value over 2,000', () => {
    const longKey = readOperatorAnswer('additionalAssertions', `${'k'.repeat(SEED_LIMITS.entryKey + 1)}: v`, EMPTY);
    expect(longKey.problem).toContain(`${SEED_LIMITS.entryKey} characters or fewer`);
    const longValue = readOperatorAnswer('additionalAssertions', `Key: ${'v'.repeat(SEED_LIMITS.entryValue + 1)}`, EMPTY);
    expect(longValue.problem).toContain('“Key”');
    expect(longValue.problem).toContain(`${SEED_LIMITS.entryValue} characters or fewer`);
    expect(readOperatorAnswer('additionalAssertions', 'Launch:', EMPTY).problem).toBe(COPY.problemValueEmpty.replace('{key}', 'Launch'));
  });

  it('after the last question, adds Key: value lines to what is there', () => {
    const draft: SeedDraft = { additionalAssertions: [{ key: 'Owner', value: 'Sam' }] };
    expect(readOperatorAnswer('close', 'Launch: March', draft)).toMatchObject({
      kind: 'answer',
      values: { additionalAssertions: [{ key: 'Owner', value: 'Sam' }, { key: 'Launch', value: 'March' }] },
      evidence: { additionalAssertions: 'Launch: March' },
    });
  });

  it('after the last question, asks what anything else is', () => {
    expect(readOperatorAnswer('close', 'we never name competitors', EMPTY)).toMatchObject({ kind: 'unclear', values: {}, problem: COPY.closeUnsure });
    expect(readOperatorAnswer('close', 'nothing', EMPTY)).toMatchObject({ kind: 'unclear', values: {}, problem: COPY.closeNothing });
  });

  it('at the review-or-begin question, hints how to go on', () => {
    expect(readOperatorAnswer('confirm', 'hmm, let me think', EMPTY)).toMatchObject({ kind: 'unclear', values: {}, problem: COPY.confirmHint });
  });
});

describe('readOperatorAnswer: skips', () => {
  it.each(['skip', 'Skip it', 'skip this.', 'pass', 'Next', 'not sure yet', "I don't know yet", 'I don’t know yet!', 'skip for now, thanks', 'can we skip this?'])(
    'reads %j as a skip of the part asked',
    (message) => {
      for (const part of ['purpose', 'voice', 'success', 'additionalAssertions'] as const) {
        expect(readOperatorAnswer(part, message, EMPTY)).toEqual({ kind: 'skip', part, skipped: [part], values: {}, evidence: {} });
      }
    },
  );

  it('does not read longer answers that mention skipping as a skip', () => {
    expect(readOperatorAnswer('constraints', 'skip the jargon', EMPTY).values).toEqual({ constraints: ['skip the jargon'] });
  });
});

describe('readOperatorAnswer: questions about the question', () => {
  it.each([
    ['voice', 'what do you mean by rules?', 'constraints'],
    ['audience', 'What do you mean?', 'audience'],
    ['additionalAssertions', 'like what?', 'additionalAssertions'],
    ['constraints', 'What counts as a sign it’s working?', 'success'],
    ['name', 'Any ideas for a title?', 'name'],
  ] as const)('when asked %s, %j is a question about %s and records nothing', (asking, message, part) => {
    expect(readOperatorAnswer(asking, message, EMPTY)).toEqual({ kind: 'question', part, values: {}, skipped: [], evidence: {} });
  });

  it('keeps a bulleted item, a multi-line answer and a Key: value line that end in "?" as answers', () => {
    expect(valuesOf('success', '- Do people reply?')).toEqual({ success: ['Do people reply?'] });
    expect(valuesOf('purpose', 'A quiz.\nWho knows the most?')).toEqual({ purpose: 'A quiz.\nWho knows the most?' });
    expect(valuesOf('additionalAssertions', 'Launch: who decides?')).toEqual({ additionalAssertions: [{ key: 'Launch', value: 'who decides?' }] });
  });
});

describe('readOperatorAnswer: corrections', () => {
  const draft: SeedDraft = { name: 'Crumb', purpose: 'A newsletter', audience: 'teachers', constraints: ['Never mention prices'], additionalAssertions: [] };

  it.each([
    // [asked, message, part, value]
    ['voice', 'actually, the audience is new parents, not teachers', 'audience', 'new parents, not teachers'],
    ['voice', 'Actually the audience is: new parents', 'audience', 'new parents'],
    ['success', 'change the rules to never swear; always smile', 'constraints', ['never swear', 'always smile']],
    ['success', 'Actually the rules are:\n- a\n- b', 'constraints', ['a', 'b']],
    ['audience', 'the name should be Crumb Notes', 'name', 'Crumb Notes'],
    ['audience', 'call it “The Crumb” instead.', 'name', 'The Crumb'],
    ['name', 'call it The Crumb instead', 'name', 'The Crumb'],
    ['name', 'rename it to The Crumb', 'name', 'The Crumb'],
    ['success', 'no, the voice should be calm and kind', 'voice', 'calm and kind'],
    ['success', 'No — the tone is calm', 'voice', 'calm'],
    ['voice', 'Actually, how it should sound is calm', 'voice', 'calm'],
    ['constraints', 'sorry, what we’re making is a podcast', 'purpose', 'a podcast'],
    ['constraints', 'actually the purpose is a podcast', 'purpose', 'a podcast'],
    ['constraints', "actually, it's for new parents", 'audience', 'new parents'],
    ['voice', 'actually who it’s for is new parents', 'audience', 'new parents'],
    ['voice', 'the readers are new parents', 'audience', 'new parents'],
    ['voice', 'set the signs to more replies', 'success', ['more replies']],
    ['voice', 'actually, success is more replies; fewer complaints', 'success', ['more replies', 'fewer complaints']],
    ['voice', "actually how we'll know it's working is more replies", 'success', ['more replies']],
    ['voice', 'change the notes to Launch: March', 'additionalAssertions', [{ key: 'Launch', value: 'March' }]],
    ['voice', 'actually, also true is: Owner: Sam', 'additionalAssertions', [{ key: 'Owner', value: 'Sam' }]],
    ['voice', 'actually anything else is none', 'additionalAssertions', []],
    ['close', 'the audience is bakers', 'audience', 'bakers'],
    ['confirm', 'update the title to Crumb Notes', 'name', 'Crumb Notes'],
  ] as const)('when asked %s, reads %j as a change to %s', (asking, message, part, value) => {
    const result = readOperatorAnswer(asking, message, draft);
    expect(result).toMatchObject({ kind: 'correction', part, values: { [part]: value } });
    expect(message).toContain(result.evidence[part]);
  });

  it.each([
    ['rule', 'add a rule: always smile', 'constraints', ['Never mention prices', 'always smile']],
    ['rule', 'one more rule - always smile', 'constraints', ['Never mention prices', 'always smile']],
    ['sign', 'add a sign: more replies', 'success', ['more replies']],
    ['note', 'add a note: Launch: March', 'additionalAssertions', [{ key: 'Launch', value: 'March' }]],
  ] as const)('adds a %s to the end of its list, as the complete new list', (_label, message, part, value) => {
    expect(readOperatorAnswer('close', message, draft)).toMatchObject({ kind: 'correction', part, values: { [part]: value } });
  });

  it('keeps an answer that merely starts like a statement about another part when it is several lines', () => {
    const message = 'The audience is at the heart of it.\nA podcast for new parents.';
    expect(valuesOf('purpose', message)).toEqual({ purpose: message });
  });

  it('reads "Audience: …" after the last question as something that should always hold true, not a change', () => {
    expect(valuesOf('close', 'Audience: bakers')).toEqual({ additionalAssertions: [{ key: 'Audience', value: 'bakers' }] });
  });

  it('refuses a corrected value that does not fit, recording nothing', () => {
    const result = readOperatorAnswer('voice', `actually the name is ${'N'.repeat(200)}`, draft);
    expect(result).toMatchObject({ kind: 'unclear', part: 'name', values: {} });
    expect(readOperatorAnswer('voice', 'actually the audience is', draft)).toMatchObject({ kind: 'unclear', problem: COPY.problemNothingToKeep });
  });
});

describe('readOperatorAnswer: never throws', () => {
  const askings: AskingTarget[] = ['purpose', 'name', 'audience', 'voice', 'constraints', 'success', 'additionalAssertions', 'close', 'confirm', null];

  it('reads any message for any question, with values valid and evidence taken from the message', () => {
    const message = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(fc.constantFrom('- ', '1. ', '  ', 'actually ', 'the rules are ', 'call it ', ': ', ';', '\n', '\r\n', '?', 'x', '“', '”', 'none'), { maxLength: 30 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.constantFrom(...askings), message, (asking, text) => {
        const result = readOperatorAnswer(asking, text, { constraints: ['one'], additionalAssertions: [{ key: 'k', value: 'v' }] });
        for (const quote of Object.values(result.evidence)) expect(text).toContain(quote);
        expect(Object.keys(result.evidence).sort()).toEqual(Object.keys(result.values).sort());
        if (result.kind === 'unclear') expect(result.problem).toBeTruthy();
      }),
      { numRuns: 500 },
    );
  });
});

// The scripted Operator (SPEC §6.6) answers list parts with one `- ` bullet per item and the last part with one
// `Key: value` line per entry: reading those back must give exactly the values it was answering with.
describe('readOperatorAnswer: round trips', () => {
  const MARKER_START = /^(?:[-*+•](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/u;
  const oneLine = (maxLength: number) =>
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength })
      .map((text) => text.replace(/[\r\n\u2028\u2029]/g, ' ').trim())
      .filter((text) => text !== '');
  const item = oneLine(80).filter((text) => !text.includes(';') && !MARKER_START.test(text));
  const key = oneLine(40).filter((text) => !text.includes(':') && !MARKER_START.test(text));
  const entry = fc.record({ key, value: oneLine(80) });

  it.each(['constraints', 'success'] as const)('reads %s rendered as "- " bullets back as the same items', (part) => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), (items) => {
        const message = items.map((text) => `- ${text}`).join('\n');
        expect(readOperatorAnswer(part, message, EMPTY).values).toEqual({ [part]: items });
      }),
      { numRuns: 300 },
    );
  });

  it('reads entries rendered as Key: value lines, plain or bulleted, back as the same entries', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), fc.boolean(), (entries, bulleted) => {
        const message = entries.map(({ key: name, value }) => `${bulleted ? '- ' : ''}${name}: ${value}`).join('\n');
        expect(readOperatorAnswer('additionalAssertions', message, EMPTY).values).toEqual({ additionalAssertions: entries });
      }),
      { numRuns: 300 },
    );
  });

  // Multi-line items and values, with their continuation lines indented two spaces as the scripted Operator writes them.
  const multiLine = fc
    .array(fc.string({ unit: 'grapheme', maxLength: 30 }).map((line) => line.replace(/[\r\n]/g, ' ')), { minLength: 1, maxLength: 4 })
    .map((lines) => lines.join('\n').trim())
    .filter((text) => text !== '' && !MARKER_START.test(text));
  const indent = (text: string) => text.replace(/\n/g, '\n  ');

  it('reads multi-line items and entry values written with indented continuation lines', () => {
    fc.assert(
      fc.property(fc.array(multiLine, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ key, value: multiLine }), { minLength: 1, maxLength: 6 }), (items, entries) => {
        expect(readOperatorAnswer('success', items.map((text) => `- ${indent(text)}`).join('\n'), EMPTY).values).toEqual({ success: items });
        const lines = entries.map(({ key: name, value }) => `${name}: ${indent(value)}`).join('\n');
        expect(readOperatorAnswer('additionalAssertions', lines, EMPTY).values).toEqual({ additionalAssertions: entries });
      }),
      { numRuns: 300 },
    );
  });

  it('reads a list answer as a single line of semicolon-separated items', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 2, maxLength: 8 }), (items) => {
        expect(readOperatorAnswer('constraints', items.join('; '), EMPTY).values).toEqual({ constraints: items });
      }),
      { numRuns: 300 },
    );
  });
});
