import { describe, expect, it } from 'vitest';
import { LoomworksError } from '../errors';
import { TERMINAL_PHRASES, matchTerminalTurn, type TerminalTurnMatch } from '.';

const CLOSE = { companionAskedToClose: true };

function expectTerminal(text: string, expected: Partial<TerminalTurnMatch> = {}): TerminalTurnMatch {
  const match = matchTerminalTurn(text);
  expect(match, text).toMatchObject({ terminal: true, reason: 'phrase', ...expected });
  return match;
}

function expectNot(text: string, reason: TerminalTurnMatch['reason'], context = {}): TerminalTurnMatch {
  const match = matchTerminalTurn(text, context);
  expect({ text, terminal: match.terminal, reason: match.reason }).toEqual({ text, terminal: false, reason });
  return match;
}

describe('matchTerminalTurn — the phrase list', () => {
  it('matches every phrase on its own, reporting it normalised', () => {
    for (const phrase of TERMINAL_PHRASES) {
      expectTerminal(phrase, { phrase });
      expectTerminal(`${phrase}.`, { phrase });
    }
  });

  it('covers the legacy and plain-terms phrasings of SPEC §6.2', () => {
    expectTerminal('Write it up as a Discovery record', { phrase: 'write it up as a discovery record', path: 'discovery' });
    expectTerminal('Commit it as a brief', { phrase: 'commit it as a brief', path: 'brief' });
    expectTerminal('Ready to begin', { phrase: 'ready to begin' });
    for (const text of [
      "that's everything", "that's all", "that's it", "I'm done", 'nothing else', 'that covers it', 'go ahead and create it', 'create it',
      'set it up', "let's begin", "let's start", 'good to go', 'ship it', 'write it up',
    ]) {
      expectTerminal(text, { phrase: text.toLowerCase() });
    }
  });

  it('keeps the list deliberate: lower case, no duplicates, no surrounding spaces', () => {
    expect(new Set(TERMINAL_PHRASES).size).toBe(TERMINAL_PHRASES.length);
    for (const phrase of TERMINAL_PHRASES) expect(phrase).toBe(phrase.trim().toLowerCase());
    expect(Object.isFrozen(TERMINAL_PHRASES)).toBe(true);
  });
});

describe('matchTerminalTurn — normalisation', () => {
  it('ignores case', () => {
    for (const text of ["THAT'S EVERYTHING", 'ThAt\'S eVeRyThInG', 'I AM DONE']) expectTerminal(text);
  });

  it('reads Unicode apostrophes as ASCII', () => {
    for (const apostrophe of ['\u2019', '\u2018', '\u02bc', '\uff07', '`', '\u00b4']) {
      expectTerminal(`that${apostrophe}s everything`, { phrase: "that's everything" });
      expectTerminal(`I${apostrophe}m done`, { phrase: "i'm done" });
    }
  });

  it('reads missing apostrophes', () => {
    expectTerminal('thats everything', { phrase: "that's everything" });
    expectTerminal('im done', { phrase: "i'm done" });
    expectTerminal('lets begin', { phrase: "let's begin" });
    expectTerminal('I dont have anything else', { phrase: "i don't have anything else" });
    expectTerminal('ive got nothing else', { phrase: 'nothing else' });
    expectTerminal('were done', { phrase: "we're done" });
    expectTerminal('were ready', { phrase: "we're ready" });
  });

  it('reads "were" as "we\'re" only where that is safe', () => {
    expectNot('The results were good.', 'none');
    expectNot('The loaves were done by noon.', 'none');
    expectNot('They were ready for the market.', 'none');
  });

  it('reads spelled-out forms as their contractions', () => {
    expectTerminal('I am done', { phrase: "i'm done" });
    expectTerminal('that is everything', { phrase: "that's everything" });
    expectTerminal('we are done', { phrase: "we're done" });
    expectTerminal('let us begin', { phrase: "let's begin" });
    expectTerminal('it is all done', { phrase: 'all done' });
    expectNot('do not create it', 'negated');
  });

  it('ignores repeated punctuation, emoji and emoticons', () => {
    for (const tail of ['!!!', '...', '\u2026', '.!.!', ' \u{1f389}', ' \u{1f44d}\u{1f3fd}', ' \u{1f468}\u200d\u{1f469}\u200d\u{1f467}', ' \u2764\ufe0f', ' \u{1f1ec}\u{1f1e7}', ' :)', ' :-)', ' :D', ' ;)', ' ^_^', ' <3', ' xD', ' =)']) {
      expectTerminal(`That's everything${tail}`, { phrase: "that's everything", span: { start: 0, end: 17 } });
    }
    expectTerminal('\u{1f389}\u{1f389} done \u{1f389}', { phrase: 'done' });
  });

  it('normalises politeness away around the phrase', () => {
    for (const text of [
      "That's everything, thanks", "That's everything thank you", "That's everything thx", "That's all ty", 'Create it please', 'Please create it',
      'create it pls', "That's everything, cheers", "That's all, much appreciated", "Thanks, that's everything", 'Done, thank you so much!',
    ]) {
      expectTerminal(text);
    }
  });

  it('accepts lead-ins before a phrase: the phrase must start its clause', () => {
    for (const text of [
      "OK, that's everything", "Alright, I think that's all", "So yeah, that's it", 'No, nothing else', "Yes, that's everything", 'You can create it now',
      "Let's create it", "I think we're done here", "I'm ready to create it", "I don't think so. That's everything",
    ]) {
      expectTerminal(text);
    }
  });

  it('treats a phrase in the middle of a clause as content', () => {
    expectNot("A bakery that's everything to its town.", 'none');
    expectNot('We set it up every Sunday.', 'none');
    expectNot('Our readers are done with glossy magazines.', 'none');
    expectNot('The bread is ready when it is golden.', 'none');
  });

  it('treats a short phrase followed by more words as content ("make it warm")', () => {
    expectNot('Make it warm and friendly.', 'none');
    expectNot('Done is better than perfect.', 'none');
    expectTerminal('Make it.');
    expectTerminal('Done!');
    expectTerminal('Create it now, thanks');
  });

  it('takes other trailing words after an open phrase', () => {
    expectTerminal("That's everything I have", { phrase: "that's everything i have" });
    expectTerminal('nothing else to add', { phrase: 'nothing else to add' });
    expectTerminal("That's all from me.");
    expectTerminal("That's everything I can think of.");
  });
});

describe('matchTerminalTurn — negation and deferral', () => {
  it('is not terminal on a negation or deferral (SPEC §6.2)', () => {
    for (const text of [
      "I'm not done", "that's not everything", "don't create it yet", 'not ready', 'not yet', 'wait', 'hold on', 'almost done', 'one more',
      'one more thing', 'one more rule: no jargon', 'before you create it, add a rule about prices', 'hang on', "I'm not done yet",
      'We are not ready to begin.', "That's not quite everything.", 'Create it later.', 'Maybe that\'s everything.',
    ]) {
      expectNot(text, 'negated');
    }
  });

  it('names the phrase a negation cancelled, with its span', () => {
    expect(matchTerminalTurn("I'm not done")).toEqual({ terminal: false, phrase: "i'm done", reason: 'negated', span: { start: 0, end: 12 } });
    expect(matchTerminalTurn("Don't create it yet")).toMatchObject({ phrase: 'create it', span: { start: 6, end: 15 } });
  });

  it('cancels a phrase by a negation in any later sentence', () => {
    expectNot("That's everything. Wait.", 'negated');
    expectNot("That's everything. One more thing: no jargon.", 'negated');
    expectNot("I'm done. Actually no, not yet.", 'negated');
    expectNot("That's everything. Don't use emoji.", 'negated');
  });

  it('cancels a phrase by a negation earlier in its own sentence', () => {
    expectNot("I don't think that's everything.", 'negated');
    expectNot("Don't use jargon, that's everything.", 'negated');
  });

  it('keeps content sentences before the phrase as content, negations included', () => {
    expectTerminal("Rules: do not use jargon. That's everything.");
    expectTerminal("Never promise delivery dates. Don't mention prices. That's all.");
    expectTerminal("One more rule: no jargon. That's everything.");
    expectTerminal("Wait, the name is Loaf Letter. That's everything.");
  });

  it('lets a later phrase stand after a deferral is taken back', () => {
    expectTerminal("That's everything. Wait, one more: no jargon. OK, that's everything now.");
  });

  it('ignores negations inside quotes', () => {
    expectTerminal('That\'s everything. The tagline is "don\'t wait".');
  });
});

describe('matchTerminalTurn — questions', () => {
  it('is not terminal when the message ends in "?"', () => {
    for (const text of [
      'is that everything?', 'are you ready to create it?', "if that's everything, what next?", "That's everything?", "That's everything?!",
      "That's everything, right?", 'Done? \u{1f642}', "That's everything? thanks", 'Ready to begin? thx', 'Are we good to go\uff1f',
    ]) {
      expectNot(text, 'question');
    }
  });

  it('reads a question earlier in the message as content', () => {
    expectTerminal("Anything else? Hmm. That's everything.");
  });

  it('is a question even when the Companion asked to close', () => {
    expectNot('yes?', 'question', CLOSE);
    expectNot('no?', 'question', CLOSE);
  });
});

describe('matchTerminalTurn — section scope', () => {
  it('is not terminal when the phrase is about one part of the conversation', () => {
    for (const text of [
      "that's all for the audience", "that's it for the rules", "that's everything about the voice", "I'm done with the audience",
      'Nothing else on the rules.', "Let's start with the audience.", 'All done with that part.', "That's it for how it should sound.",
    ]) {
      expectNot(text, 'scoped');
    }
    expect(matchTerminalTurn("that's all for the audience")).toEqual({ terminal: false, phrase: "that's all", reason: 'scoped', span: { start: 0, end: 10 } });
  });

  it('stays terminal when what follows is not a part of the conversation', () => {
    for (const text of ["That's everything for now.", "That's all for today.", "I'm done with it.", "That's it for me.", "That's everything on my end.", 'That\'s all for'])
      expectTerminal(text);
  });
});

describe('matchTerminalTurn — quotes', () => {
  it('reads a phrase inside quotes as content', () => {
    for (const text of [
      'the tagline is "that\'s everything you need"', 'the tagline is \u201cthat\u2019s everything you need\u201d', "Our motto: 'that's all, folks'",
      'Our motto: \u2018that\u2019s all, folks\u2019', 'The button says "Create it".', 'The closing line is \u00abthat\'s all\u00bb.',
    ]) {
      expectNot(text, 'quoted');
    }
  });

  it('does not take apostrophes for quotes', () => {
    expectTerminal("That's everything, it's all in the bakers' notes.");
    // An opening quote that never closes was an apostrophe ("'til", "'twas") or a stray key.
    expectTerminal("'Twas fun. That's everything.");
    expectTerminal("'that's everything");
  });
});

describe('matchTerminalTurn — bare replies and companionAskedToClose', () => {
  const replies: Array<[string, string]> = [
    ['no', 'no'], ['No.', 'no'], ['nope', 'nope'], ['nah', 'nah'], ['No thanks.', 'no'], ['Nope, thanks!', 'nope'], ['no thank you', 'no'],
    ['yes', 'yes'], ['Yes!', 'yes'], ['yes please', 'yes'], ['yep', 'yep'], ['ok', 'ok'], ['OK', 'ok'], ['okay', 'ok'], ['ok thanks', 'ok'],
    ['sure', 'sure'], ['Sure!', 'sure'], ['begin', 'begin'], ['Begin.', 'begin'], ['yes \u{1f44d}', 'yes'],
  ];

  it('reads a bare no/yes/ok/sure/begin as a reply to close only when the Companion asked', () => {
    for (const [text, phrase] of replies) {
      expect(matchTerminalTurn(text, CLOSE), text).toMatchObject({ terminal: true, reason: 'reply-to-close', phrase });
      expectNot(text, 'none');
      expectNot(text, 'none', { companionAskedToClose: false });
    }
  });

  it('never reads "thanks" alone as terminal', () => {
    for (const text of ['thanks', 'Thanks!', 'thank you', 'cheers']) {
      expectNot(text, 'none', CLOSE);
      expectNot(text, 'none');
    }
  });

  it('reads "nothing else" as terminal in any context', () => {
    expectTerminal('Nothing else');
    expect(matchTerminalTurn('Nothing else', CLOSE)).toMatchObject({ terminal: true, reason: 'phrase', phrase: 'nothing else' });
  });

  it('is not a reply when more than a reply is said', () => {
    expectNot('No, the audience is bakers.', 'none', CLOSE);
    expectNot('Yes, and the voice is warm.', 'none', CLOSE);
    expectNot('No, wait.', 'negated', CLOSE);
  });

  it('gives the span of the reply word and the path it names', () => {
    expect(matchTerminalTurn('  Yes, as a short summary please', CLOSE)).toEqual({
      terminal: true,
      phrase: 'yes',
      reason: 'reply-to-close',
      path: 'brief',
      span: { start: 2, end: 5 },
    });
  });
});

describe('matchTerminalTurn — path and force', () => {
  it('names the path when the words do', () => {
    expectTerminal('Create it as a brief.', { path: 'brief' });
    expectTerminal("That's everything, as a short summary please.", { path: 'brief' });
    expectTerminal("That's everything. A summary is enough.", { path: 'brief' });
    expectTerminal("That's everything. I'd like the full write-up.", { path: 'discovery' });
    expectTerminal('Create it as a Discovery record.', { path: 'discovery' });
    expect(matchTerminalTurn("That's everything.").path).toBeUndefined();
  });

  it('does not take the adjective "brief", or a path named before the phrase\'s sentence', () => {
    expect(matchTerminalTurn("Keep it brief. That's everything.").path).toBeUndefined();
    expect(matchTerminalTurn("The summary should be short. That's everything.").path).toBeUndefined();
  });

  it('sets force for "anyway", "just …", "as is"', () => {
    for (const text of ['Create it anyway.', 'Just create it.', 'Go ahead anyway.', "That's everything, create it anyway.", 'Ship it as is.', 'Create it even if the rules are missing.'])
      expectTerminal(text, { force: true });
    expect(matchTerminalTurn("Anyway, that's everything.").force).toBeUndefined();
    expect(matchTerminalTurn("That's everything.").force).toBeUndefined();
  });
});

describe('matchTerminalTurn — spans and content', () => {
  it('gives UTF-16 offsets of the phrase in the original text', () => {
    const text = "\u{1f35e} The audience is bakers. OK, that\u2019s   everything!";
    const match = expectTerminal(text);
    expect(match.span).toBeDefined();
    expect(text.slice(match.span!.start, match.span!.end)).toBe('that\u2019s   everything');
  });

  it('is terminal for content followed by a phrase', () => {
    expectTerminal("The audience is bakers. That's everything.", { span: { start: 24, end: 41 } });
  });
});

describe('matchTerminalTurn — input', () => {
  it('throws a coded error for a non-string', () => {
    expect(() => matchTerminalTurn(undefined as unknown as string)).toThrow(LoomworksError);
    try {
      matchTerminalTurn(42 as unknown as string);
    } catch (error) {
      expect(LoomworksError.is(error, 'E_INVALID_INPUT')).toBe(true);
    }
  });

  it('is not terminal on an empty or blank message', () => {
    expect(matchTerminalTurn('')).toEqual({ terminal: false, reason: 'none' });
    expect(matchTerminalTurn(' \n\t ', CLOSE)).toEqual({ terminal: false, reason: 'none' });
  });
});
