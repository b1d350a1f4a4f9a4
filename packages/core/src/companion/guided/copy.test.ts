// Plain-terms discipline (SPEC §1.1, §5.3): every line the guided Companion can say passes the lint, with the
// Operator's own words — here deliberately full of developer words — kept inside quotes.
import { lintPlainTerms } from '@loomworks/prompts';
import { describe, expect, it } from 'vitest';
import { PART_ORDER } from '../../fields';
import type { SeedDraft } from '../../seed';
import type { AskingTarget } from '../types';
import { composeAnswerTurn } from './answer-turn';
import { COPY, EXPLANATIONS, PART_NAMES, QUESTIONS, RECAP_LABELS, fillCopy, placeholdersOf, plainList } from './copy';
import { composeTurn } from './create-guided-companion';
import { testRequest as request, withoutParts } from './test-request';

/** Operator words that the lint flags wherever they are not quoted. */
const OPERATOR_WORDS = 'the seed brief for our engagement, with every field and assertion';
const OPERATOR_NAME = 'Seed Engagement Brief';

const QUOTED_PLACEHOLDERS = ['quote', 'name', 'key'];

/** Each template with every combination of placeholder values that changes its words. */
function fillings(template: string): string[] {
  let variants: Record<string, string | number>[] = [{}];
  for (const placeholder of placeholdersOf(template)) {
    const options: (string | number)[] = QUOTED_PLACEHOLDERS.includes(placeholder)
      ? [OPERATOR_WORDS]
      : placeholder === 'part'
        ? Object.values(PART_NAMES)
        : placeholder === 'parts'
          ? [PART_NAMES.audience, plainList(Object.values(PART_NAMES))]
          : placeholder === 'label'
            ? Object.values(RECAP_LABELS)
            : placeholder === 'count' || placeholder === 'max'
              ? [3, 120]
              : [];
    expect(options, `placeholder {${placeholder}} in ${JSON.stringify(template)} has no sample values`).not.toEqual([]);
    variants = variants.flatMap((values) => options.map((option) => ({ ...values, [placeholder]: option })));
  }
  return variants.map((values) => fillCopy(template, values));
}

function lintAll(lines: readonly string[]): { line: string; terms: string[] }[] {
  return lines.map((line) => ({ line, terms: lintPlainTerms(line).map((finding) => finding.term) })).filter((result) => result.terms.length > 0);
}

const FULL_DRAFT: SeedDraft = {
  name: OPERATOR_NAME,
  purpose: `${OPERATOR_WORDS}, and then a long tail of words so the recap has to cut it short with an ellipsis`,
  audience: OPERATOR_WORDS,
  voice: `${OPERATOR_WORDS}\nover two lines`,
  constraints: [OPERATOR_WORDS, `the “induction” template: ${OPERATOR_WORDS}`],
  success: [OPERATOR_WORDS],
  additionalAssertions: [{ key: 'Seed field', value: OPERATOR_WORDS }],
};

/** Messages that reach every kind of reply: answers, skips, questions, changes, additions and problems. */
const MESSAGES = [
  OPERATOR_WORDS,
  `- ${OPERATOR_WORDS}\n- and the extraction schema`,
  `Engagement: ${OPERATOR_WORDS}\nInduction phase: ${OPERATOR_WORDS}`,
  'none',
  'skip',
  'what do you mean by the brief?',
  'what do you mean?',
  `actually, the audience is ${OPERATOR_WORDS}`,
  `change the rules to ${OPERATOR_WORDS}; the template`,
  `add a rule: ${OPERATOR_WORDS}`,
  `add a note: Seed: ${OPERATOR_WORDS}`,
  'actually anything else is none',
  `call it ${OPERATOR_NAME} instead`,
  'the engagement field seed assertion',
  'Seed:',
  `${'Seed '.repeat(30)}: value`,
  `Seed brief: ${'field '.repeat(400)}`,
  `- ${'engagement '.repeat(60)}`,
  Array.from({ length: 51 }, (_, index) => `- seed ${index}`).join('\n'),
  'seed'.repeat(1100),
  '-',
];

describe('the guided Companion in plain terms', () => {
  it('flags the sample Operator words when they are not quoted, so the checks below mean something', () => {
    expect(lintPlainTerms(OPERATOR_WORDS).length).toBeGreaterThan(3);
    expect(lintPlainTerms(OPERATOR_NAME).length).toBe(3);
  });

  it('quotes every placeholder that carries the Operator’s words', () => {
    for (const [key, template] of Object.entries(COPY)) {
      for (const placeholder of placeholdersOf(template).filter((name) => QUOTED_PLACEHOLDERS.includes(name))) {
        expect(template, `COPY.${key}`).toContain(`“{${placeholder}}”`);
      }
    }
  });

  it('says every copy template, question, explanation and part name in plain words', () => {
    const lines = [
      ...Object.values(COPY).flatMap(fillings),
      ...Object.values(QUESTIONS),
      ...Object.values(EXPLANATIONS),
      ...Object.values(PART_NAMES),
      ...Object.values(RECAP_LABELS),
    ];
    expect(lines.length).toBeGreaterThan(100);
    expect(lintAll(lines)).toEqual([]);
  });

  it('says every reply to any message, at any question, in plain words', () => {
    const replies: string[] = [];
    const askings: AskingTarget[] = [...PART_ORDER, 'close', 'confirm', null];
    for (const asking of askings) {
      for (const message of MESSAGES) {
        for (const draft of [{}, FULL_DRAFT]) replies.push(composeAnswerTurn(request({ lastAsking: asking, draft, message }), message).text);
      }
    }
    // Reaching the close question with something skipped names it.
    replies.push(composeAnswerTurn(request({ lastAsking: 'additionalAssertions', draft: withoutParts(FULL_DRAFT, 'additionalAssertions', 'audience'), skipped: ['audience'], message: 'none' }), 'none').text);
    expect(replies.every((reply) => reply !== '')).toBe(true);
    expect(lintAll(replies)).toEqual([]);
  });

  it('opens, recaps, reviews, names what is missing and closes in plain words', () => {
    const texts: string[] = [composeTurn(request({ intent: 'create_engagement_entry' })).text];
    for (const draft of [FULL_DRAFT, {}, { name: OPERATOR_NAME, additionalAssertions: [] }]) {
      texts.push(composeTurn(request({ intent: 'create_engagement_commit', step: 'confirm', draft })).text);
      texts.push(composeTurn(request({ intent: 'create_engagement_commit', step: 'review', draft })).text);
      texts.push(composeTurn(request({ intent: 'create_engagement_commit', step: 'missing', draft })).text);
    }
    for (const part of PART_ORDER.filter((candidate) => candidate !== 'additionalAssertions')) {
      const draft = withoutParts(FULL_DRAFT, part);
      texts.push(composeTurn(request({ intent: 'create_engagement_commit', step: 'missing', draft })).text);
    }
    const statuses = ['induction-pass-clean', 'induction-pass-with-notes', 'induction-fail', 'unknown'];
    for (const inductionStatus of statuses) {
      for (const notes of [0, 1, 4]) {
        const creation = { name: OPERATOR_NAME, status: 'active' as const, inductionStatus, notes };
        texts.push(composeTurn(request({ intent: 'create_engagement_commit', step: 'closing', creation })).text);
      }
    }
    texts.push(composeTurn(request({ intent: 'create_engagement_commit', step: 'closing', creation: null })).text);
    expect(lintAll(texts)).toEqual([]);
  });
});
