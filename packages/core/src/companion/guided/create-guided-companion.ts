// The guided Companion (SPEC §6.5): deterministic and offline. It asks the parts in order, reads each answer
// with fixed rules, and speaks only the fixed copy of ./copy around the Operator's quoted words.
import { LoomworksError } from '../../errors';
import type { TokenUsage } from '../../store';
import { COMPANION_PROTOCOL_VERSION, type Companion, type CompanionEvent, type CompanionRequest, type CompanionRespondOptions } from '../types';
import { composeAnswerTurn, type GuidedTurn } from './answer-turn';
import { COPY } from './copy';
import { renderClosing, renderConfirm, renderMissing, renderReview } from './recap';

export type GuidedCompanionOptions = {
  /** The id recorded in transcripts and write-ups. Default `guided`. */
  id?: string;
};

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };

/** Creates the offline Companion. It has no `complete`: LLM fallbacks are not available with it. */
export function createGuidedCompanion(options: GuidedCompanionOptions = {}): Companion {
  const id = options.id ?? 'guided';
  return {
    id,
    respond: (request, respondOptions) => respondGuided(request, respondOptions),
  };
}

async function* respondGuided(request: CompanionRequest, options: CompanionRespondOptions = {}): AsyncGenerator<CompanionEvent, void> {
  if (options.signal?.aborted) throw new LoomworksError('E_ABORTED', 'The turn was aborted');
  if (request.protocol !== COMPANION_PROTOCOL_VERSION) {
    throw new LoomworksError('E_USAGE', `The guided Companion speaks protocol ${COMPANION_PROTOCOL_VERSION}, not ${String(request.protocol)}`, {
      details: { protocol: request.protocol },
    });
  }
  const turn = composeTurn(request);
  for (const chunk of textChunks(turn.text)) yield { type: 'text-delta', text: chunk };
  yield { type: 'draft-update', values: turn.values, asking: turn.asking, evidence: turn.evidence, skipped: turn.skipped };
  yield { type: 'usage', usage: { ...NO_USAGE } };
  yield { type: 'finish', reason: 'end' };
}

function say(text: string, asking: GuidedTurn['asking']): GuidedTurn {
  return { text, values: {}, asking, evidence: {}, skipped: [] };
}

/** The whole turn for a request: a pure function of it, so the same request always gets the same reply. */
export function composeTurn(request: CompanionRequest): GuidedTurn {
  const { state } = request;
  if (request.intent === 'create_engagement_entry') return say(COPY.opening, 'purpose');
  if (request.intent === 'create_engagement_commit') {
    if (request.recordOnly) return composeAnswerTurn(request, request.terminal?.content ?? '', true);
    switch (request.step) {
      case 'missing':
        return say(renderMissing(state.missing), state.missing[0] ?? 'close');
      case 'confirm':
        return say(renderConfirm(state.draft), 'confirm');
      case 'review':
        return say(renderReview(state.draft), 'confirm');
      case 'closing':
        return say(renderClosing(state.creation), null);
      case null:
        break;
    }
  }
  return composeAnswerTurn(request, request.message ?? '');
}

/** The reply as it would stream: one delta per word (with the space after it), like a live Companion's. */
function textChunks(text: string): string[] {
  if (text === '') return [];
  return text.split(/(?<=\s)(?=\S)/u);
}
