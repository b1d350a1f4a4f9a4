// Scripted creation (SPEC §6.6): a scripted Operator answers the Companion from pre-drafted content,
// through the same session engine as a live chat, so its transcript is a real transcript.
import type { AskingTarget } from '../companion/types';
import { LoomworksError } from '../errors';
import { PART_ORDER, type SeedPart } from '../fields';
import type { SeedDraft } from '../seed';
import { createCreationSession, resumeCreationSession } from './creation-session';
import { readContent, type ContentInput } from './read-content';
import type { CreationResult, CreationSession, CreationSessionOptions, TurnResult } from './types';

export type CreateFromContentOptions = CreationSessionOptions & {
  /** Continue an interrupted scripted session instead of starting a new one. */
  resume?: string;
  /** Called after every turn (progress reporting). */
  onTurn?: (result: TurnResult) => void;
  signal?: AbortSignal;
};

/** More turns than any complete conversation needs: a Companion that never converges fails instead of hanging. */
const MAX_TURNS = 4 * PART_ORDER.length + 8;

export async function createFromContent(content: ContentInput, options: CreateFromContentOptions): Promise<CreationResult> {
  const { extraction } = readContent(content);
  const answers: SeedDraft = extraction.ok ? extraction.seed : extraction.partial;
  const signal = options.signal ? { signal: options.signal } : {};

  let session: CreationSession;
  let last: TurnResult | null = null;
  if (options.resume) {
    session = await resumeCreationSession(options.resume, options);
    const state = session.state();
    if (state.creation) return state.creation;
    if (state.turns === 0) last = await session.start(signal);
    else if (state.pending) last = await session.retry(signal);
  } else {
    session = await createCreationSession(options);
    last = await session.start(signal);
  }
  if (last) options.onTurn?.(last);

  const operator = scriptedOperator(answers);
  for (let turns = 0; turns < MAX_TURNS; turns += 1) {
    // A turn's result carries the session's state after it: no need to copy it again.
    const state = last ? last.state : session.state();
    if (state.creation) return state.creation;
    const step = last?.trace.templateSelected.step ?? null;
    const reply = operator(state.asking, step);
    // The scripted Operator says explicitly what each message is, so content that happens to contain
    // words like "that's it" is never taken for the end of the conversation.
    last = await session.send(reply.text, { ...signal, intentHint: reply.done ? 'create_engagement_commit' : 'create_engagement_active' });
    options.onTurn?.(last);
  }
  throw new LoomworksError('E_INTERNAL', `Scripted creation did not finish within ${MAX_TURNS} turns`, { details: { sessionId: session.id } });
}

/** The scripted Operator: answers whatever part is asked from the content, "skip" when it has nothing. */
function scriptedOperator(answers: SeedDraft): (asking: AskingTarget, step: string | null) => { text: string; done: boolean } {
  const asked = new Set<SeedPart>();
  return (asking, step) => {
    if (step === 'missing') return { text: 'Create it anyway.', done: true };
    if (asking === 'confirm') return { text: 'Ready to begin.', done: true };
    if (asking === 'close' || asking === null) return { text: "That's everything.", done: true };
    // Asked again for something already answered (the Companion could not use it): move on.
    if (asked.has(asking)) return { text: 'skip', done: false };
    asked.add(asking);
    return { text: answerFor(asking, answers) ?? 'skip', done: false };
  };
}

/** A part's content as an Operator would type it: text as written, one `- ` bullet per item, one `Key: value` line per entry. */
export function answerFor(part: SeedPart, answers: SeedDraft): string | null {
  if (part === 'constraints' || part === 'success') {
    const items = answers[part];
    return items && items.length > 0 ? items.map((item) => `- ${item.replace(/\n/g, '\n  ')}`).join('\n') : null;
  }
  if (part === 'additionalAssertions') {
    const entries = answers.additionalAssertions;
    if (!entries) return null;
    if (entries.length === 0) return 'None.';
    return entries.map((entry) => `${entry.key}: ${entry.value.replace(/\n/g, '\n  ')}`).join('\n');
  }
  return answers[part] ?? null;
}
