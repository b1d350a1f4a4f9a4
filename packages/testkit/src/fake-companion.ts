// A scripted Companion for tests: plays the turns you give it (or delegates to another Companion),
// injects faults on chosen calls, and records every request it received.
import type {
  AskingTarget,
  Companion,
  CompanionEvent,
  CompanionRequest,
  CompletionRequest,
  CompletionResult,
  DraftValues,
  SeedPart,
  TokenUsage,
} from '@loomworks/core';

export type FakeCompanionTurn = {
  text: string;
  values?: DraftValues;
  asking?: AskingTarget;
  evidence?: Partial<Record<SeedPart, string>>;
  skipped?: SeedPart[];
  usage?: Partial<TokenUsage>;
  /** Streams the text in this many pieces (default: one per word). */
  chunks?: number;
};

export type FakeCompanionFault = {
  /** Which `respond` call fails (1-based, counting every call). */
  call: number;
  error: unknown;
  /** Emit this much text before failing (a fault mid-stream); default none. */
  afterText?: string;
};

export type FakeCompanionOptions = {
  id?: string;
  /** Scripted turns, played in order; or a function choosing the turn for each request. */
  turns?: readonly FakeCompanionTurn[] | ((request: CompanionRequest, call: number) => FakeCompanionTurn);
  /** Answers calls once the script is exhausted (e.g. the guided Companion), so faults can be injected into a real conversation. */
  fallback?: Companion;
  faults?: readonly FakeCompanionFault[];
  /** Answers one-shot tasks (intent classification, extraction); without it the Companion has no `complete`. */
  complete?: (request: CompletionRequest, call: number) => string | CompletionResult;
};

export type FakeCompanion = Companion & {
  /** Every request received, in order (deep copies). */
  readonly requests: CompanionRequest[];
  readonly completions: CompletionRequest[];
};

const ZERO: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };

export function createFakeCompanion(options: FakeCompanionOptions = {}): FakeCompanion {
  const requests: CompanionRequest[] = [];
  const completions: CompletionRequest[] = [];
  const scripted = options.turns;
  let played = 0;

  async function* respond(request: CompanionRequest, respondOptions?: { signal?: AbortSignal }): AsyncGenerator<CompanionEvent> {
    requests.push(structuredClone(request));
    const call = requests.length;
    const fault = options.faults?.find((candidate) => candidate.call === call);
    if (fault) {
      if (fault.afterText) yield { type: 'text-delta', text: fault.afterText };
      throw fault.error;
    }
    let turn: FakeCompanionTurn | undefined;
    if (typeof scripted === 'function') turn = scripted(request, call);
    else if (scripted && played < scripted.length) turn = scripted[played++];
    if (!turn) {
      if (!options.fallback) throw new Error(`The fake Companion's script has no turn for call ${call}`);
      yield* options.fallback.respond(request, respondOptions);
      return;
    }
    for (const piece of split(turn.text, turn.chunks)) yield { type: 'text-delta', text: piece };
    yield {
      type: 'draft-update',
      values: turn.values ?? {},
      asking: turn.asking ?? null,
      ...(turn.evidence ? { evidence: turn.evidence } : {}),
      ...(turn.skipped ? { skipped: turn.skipped } : {}),
    };
    yield { type: 'usage', usage: { ...ZERO, ...turn.usage } };
    yield { type: 'finish', reason: 'end' };
  }

  const companion: FakeCompanion = {
    id: options.id ?? 'fake',
    requests,
    completions,
    respond,
  };
  if (options.complete) {
    const answer = options.complete;
    companion.complete = async (request: CompletionRequest): Promise<CompletionResult> => {
      completions.push(structuredClone(request));
      const result = answer(request, completions.length);
      return typeof result === 'string' ? { text: result, usage: ZERO } : result;
    };
  }
  return companion;
}

function split(text: string, chunks: number | undefined): string[] {
  if (text === '') return [];
  if (chunks === undefined) return text.match(/\S+\s*|\s+/g) ?? [text];
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, chunks)));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
