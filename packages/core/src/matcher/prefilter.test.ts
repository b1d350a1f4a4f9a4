// The prefilter may say "nothing here" only when the full matcher would say `none`: every phrase, deferral
// and reply the vocabulary can produce must contain a trigger.
import { describe, expect, it } from 'vitest';
import { TERMINAL_PHRASES } from './phrases';
import { TRIGGERS, TRIGGERS_WITH_REPLIES, restartPoint } from './prefilter';
import { DEFERRAL, MERGES, MERGE_STRIDE, REPLY_NO, REPLY_YES, SPELLINGS, TOKEN_FLAGS, TOKEN_TEXT } from './vocabulary';

const flagsOf = (id: number) => TOKEN_FLAGS[id] as number;

describe('the prefilter', () => {
  it('finds a trigger in every phrase, written with any apostrophe or spelled out', () => {
    for (const phrase of TERMINAL_PHRASES) {
      for (const written of [phrase, phrase.replaceAll("'", '\u2019'), phrase.replaceAll("'", ''), phrase.replace("that's", 'that is').replace("let's", 'let us')]) {
        expect(written.search(TRIGGERS), written).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('finds a trigger in every deferral, and (when asked to close) every reply, of the vocabulary', () => {
    for (const [spelling, id] of SPELLINGS) {
      if (flagsOf(id) & DEFERRAL) expect(spelling.search(TRIGGERS), spelling).toBeGreaterThanOrEqual(0);
      if (flagsOf(id) & (REPLY_YES | REPLY_NO)) expect(spelling.search(TRIGGERS_WITH_REPLIES), spelling).toBeGreaterThanOrEqual(0);
    }
    for (const [key, result] of MERGES) {
      const words = `${TOKEN_TEXT[Math.floor(key / MERGE_STRIDE)]} ${TOKEN_TEXT[key % MERGE_STRIDE]}`;
      if (flagsOf(result) & DEFERRAL) expect(words.search(TRIGGERS), words).toBeGreaterThanOrEqual(0);
      if (flagsOf(result) & (REPLY_YES | REPLY_NO)) expect(words.search(TRIGGERS_WITH_REPLIES), words).toBeGreaterThanOrEqual(0);
    }
  });

  it('finds a question mark, and a word joined by a zero-width character', () => {
    expect('The audience is bakers?'.search(TRIGGERS)).toBe(22);
    expect('We are do\u200bne'.search(TRIGGERS)).toBeGreaterThanOrEqual(0);
    expect('The audience is home bakers who sell at weekend markets.'.search(TRIGGERS)).toBe(-1);
  });

  it('restarts at the sentence of the first trigger, unless a quote may open before it', () => {
    const text = "The audience is bakers. That's everything.";
    expect(restartPoint(text, text.indexOf('That'))).toBe(23);
    expect(restartPoint(`"Bread" is the name. ${text}`, 30)).toBe(0);
    expect(restartPoint('Version 2.5 is done', 15)).toBe(0);
  });
});
