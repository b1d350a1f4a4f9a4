// Drives one Companion call: forwards its text as it streams and gathers what it recorded and what it cost.
import type { AskingTarget, Companion, CompanionRequest, DraftValues, SeedPart } from '../companion/types';
import { LoomworksError } from '../errors';
import type { TokenUsage } from '../store';
import { addUsage, ZERO_USAGE } from './state';

export type CompanionOutcome = {
  text: string;
  values: DraftValues;
  asking: AskingTarget;
  evidence: Partial<Record<SeedPart, string>>;
  skipped: SeedPart[];
  usage: TokenUsage;
};

/** Yields each text delta (when `forward` is set) and returns the whole outcome. Foreign errors become `E_COMPANION`. */
export async function* runCompanion(
  companion: Companion,
  request: CompanionRequest,
  options: { signal?: AbortSignal; forward: boolean },
): AsyncGenerator<string, CompanionOutcome> {
  const outcome: CompanionOutcome = { text: '', values: {}, asking: null, evidence: {}, skipped: [], usage: ZERO_USAGE };
  try {
    for await (const event of companion.respond(request, options.signal ? { signal: options.signal } : {})) {
      if (options.signal?.aborted) throw new LoomworksError('E_ABORTED', 'The turn was aborted');
      switch (event.type) {
        case 'text-delta':
          outcome.text += event.text;
          if (options.forward && event.text !== '') yield event.text;
          break;
        case 'draft-update':
          Object.assign(outcome.values, event.values);
          Object.assign(outcome.evidence, event.evidence ?? {});
          outcome.asking = event.asking;
          for (const part of event.skipped ?? []) if (!outcome.skipped.includes(part)) outcome.skipped.push(part);
          break;
        case 'usage':
          outcome.usage = addUsage(outcome.usage, event.usage);
          break;
        case 'finish':
          break;
      }
    }
  } catch (error) {
    if (LoomworksError.is(error)) throw error;
    if (options.signal?.aborted) throw new LoomworksError('E_ABORTED', 'The turn was aborted', { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoomworksError('E_COMPANION', `The Companion (${companion.id}) failed: ${reason}`, { cause: error });
  }
  return outcome;
}
