// Deterministic benchmark corpora: realistic Seeds (what an Operator would write about a real project) built
// from a fixed-seed generator, so every run of `npm run bench` measures exactly the same input.
import type { AssertionEntry, Seed } from '@loomworks/core';

/**
 * Every corpus draws from the testkit's seeded generator: the same corpus for the same seed. Imported from its
 * own module, not the package, so a benchmark's peak RSS does not include the rest of the testkit.
 */
export { seededRandom } from '../packages/testkit/src/seeded-random';


function pick<T>(random: () => number, choices: readonly T[]): T {
  return choices[Math.floor(random() * choices.length)] as T;
}

const THINGS = [
  'a monthly email newsletter', 'a sign-up page', 'release notes', 'an onboarding guide', 'a help centre', 'a podcast show-notes page',
  'a weekly digest', 'a welcome email series', 'a product tour', 'a price list', 'a volunteer handbook', 'a menu card', 'a booking page',
  'a short course', 'a team wiki', 'a customer FAQ', 'a grant application', 'a community update', 'a recipe collection', 'a style guide',
];
const SUBJECTS = [
  'the bakery', 'our scheduling app', 'the community food bank', 'the cycling club', 'a small design studio', 'the village library',
  'our plant nursery', 'the climbing gym', 'a two-person bookkeeping firm', 'the school orchestra', 'our coffee roastery', 'the repair cafe',
  'a dog-walking service', 'the local theatre', 'our furniture workshop', 'the allotment society',
];
const DETAILS = [
  "what's new on the shelves and any changes to opening hours", 'what changed in each release and what people need to do',
  'the shifts and how to pick one', 'the odd recipe people keep asking for', 'where to go on the day and who to ask for',
  'how to book, change or cancel a session', 'the people behind the work and why it matters', 'the next three events and how to join them',
  'answers to the questions we hear every week at the counter', 'how the money is spent and what it made possible',
];
const NAMES = [
  'Crumb Notes', 'Ship Log', 'Food Bank Helpers', 'Saddle Up', 'Studio Letters', 'Shelf Life', 'Green Fingers', 'Top Out', 'Balanced Books',
  'Warm Up', 'Fresh Grounds', 'Fix It Friday', 'Good Walks', 'Curtain Call', 'Grain and Glue', 'Plot Notes', 'First Steps', 'The Weekly Loaf',
];
const AUDIENCES = [
  'our regulars, mostly people who pop in on the way to work and the families who come in on saturday mornings',
  'office managers who book rooms and desks in the app; not developers, they just want to know if anything looks different on Monday',
  'anyone local with a couple of hours to spare: students, retired folk, people between jobs',
  'new members in their first month, many of whom have never done this before',
  'small business owners who are good at their trade and short on time for paperwork',
  'parents of the children in the orchestra, who want dates, times and what to bring',
  'people who found us through a friend and want to know whether we are for them',
];
const VOICES = [
  'warm and a bit cheeky, like a chat over the counter; nothing that sounds like a supermarket',
  'clear and calm with a bit of warmth; they should finish it feeling nothing is going to break',
  'friendly and calm; someone nervous about turning up should feel welcome, not guilty',
  'plain and practical, like a neighbour explaining how things work',
  'encouraging without being pushy; short sentences, no jargon',
  'dry and honest, the way the team talks to each other when the shop is quiet',
];
const RULES = [
  'Never mention prices, they change too often.', 'Always sign off from the whole team, not just me.',
  'Keep it under 300 words, people read it on their phones.', 'Lead with anything the reader has to do.',
  'No internal ticket numbers or code names.', 'Say when a change reaches everyone, not just that it shipped.',
  'Never ask for more than a first name, a phone number and a shift.', 'Always say where to go on the day and who to ask for.',
  'Use the names people use at the counter, not the ones on the invoices.', 'One idea per paragraph.',
  'Photos of real people only, with their permission.', 'Dates in full: Thursday 4 June, not 4/6.',
  'Link to the booking page at the end, once.', 'No exclamation marks in headings.', 'Answer the question in the first sentence.',
];
const SIGNS = [
  'People mention it at the till.', 'More pre-orders for the Friday bake.', 'Fewer phone calls asking what time we open.',
  'Fewer support emails in the week after a release.', 'Customers open the notes from the in-app banner.',
  'Every Saturday shift has at least six people.', 'New volunteers come back for a second shift.',
  'Replies from readers who say they tried a recipe.', 'Bookings made without a phone call.', 'The unsubscribe rate stays under one percent.',
];
const ENTRY_KEYS = ['Send day', 'Signed', 'Recipes', 'Owner', 'Published', 'Format', 'Reviewed by', 'Archive', 'Photos', 'Languages', 'Length', 'Deadline'];
const ENTRY_VALUES = [
  'first Thursday of the month', 'Maggie and everyone at the bakery', 'only ones we actually bake in the shop',
  'whoever runs the release that week', 'the same day the release goes out', 'headline, what changed, what you need to do',
  'one person who did not write it', 'every issue stays on the website', 'taken by the team, never stock', 'English, with a Welsh summary',
];
const FILLER = [
  'This matters because people read it in a hurry.', 'We tried a longer version last year and nobody finished it.',
  'The people who read it most are the ones who have been with us longest.', 'It should still make sense to someone who has never met us.',
  'Most of the questions we get could be answered here.', 'We would rather say less and be trusted than say more and be skimmed.',
];

/** A sentence or two in the Operator's words, about `target` characters long (at most `limit`). */
function paragraph(random: () => number, opening: string, target: number, limit: number): string {
  let text = opening;
  while (text.length < target) {
    const next = `${text} ${pick(random, FILLER)}`;
    if (next.length > limit) break;
    text = next;
  }
  return text;
}

/**
 * A realistic Seed whose Discovery record is roughly `targetChars` long (default: a typical one, ~1.5 KB).
 * Bigger targets lengthen the texts and add list items and Field 6 entries, within the SEED_LIMITS of
 * SPEC §3 — so the largest valid Seed renders to roughly 270 KB.
 */
export function realisticSeed(random: () => number, index: number, targetChars = 0): Seed {
  // Share the size between the parts roughly as real records do once they grow: Field 6 takes what is left.
  const target = Math.max(targetChars, 800);
  const textTarget = Math.min(3900, target * 0.08);
  const listCount = Math.min(50, Math.max(2, Math.round(Math.sqrt(target) / 8)));
  const itemTarget = Math.min(480, (target * 0.15) / listCount);
  const entryCount = Math.min(100, Math.max(1, Math.round(target / 2500)));
  const rest = target - 3 * textTarget - 2 * listCount * itemTarget;
  const entryTarget = Math.min(1950, Math.max(40, rest / entryCount));
  const list = (bank: readonly string[], count: number, tag: string): string[] =>
    Array.from({ length: count }, (_, item) => paragraph(random, `${pick(random, bank)} (${tag} ${item + 1})`, itemTarget, 500));
  const additionalAssertions: AssertionEntry[] = Array.from({ length: entryCount }, (_, entry) => ({
    key: `${pick(random, ENTRY_KEYS)} ${entry + 1}`,
    value: paragraph(random, pick(random, ENTRY_VALUES), entryTarget, 2000),
  }));
  return {
    name: `${pick(random, NAMES)} ${index + 1}`,
    purpose: paragraph(random, `${pick(random, THINGS)} for ${pick(random, SUBJECTS)}: ${pick(random, DETAILS)}.`, textTarget, 4000),
    audience: paragraph(random, `${pick(random, AUDIENCES)}.`, textTarget, 4000),
    voice: paragraph(random, `${pick(random, VOICES)}.`, textTarget, 4000),
    constraints: list(RULES, listCount, 'rule'),
    success: list(SIGNS, listCount, 'sign'),
    additionalAssertions,
  };
}
