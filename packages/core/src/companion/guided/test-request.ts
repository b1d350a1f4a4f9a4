// Test helper (used only by this folder's tests): a CompanionRequest as the session engine would build it,
// with only what a test cares about filled in.
import { FIELDS, missingParts, nextPart, type SeedPart } from '../../fields';
import type { SeedDraft } from '../../seed';
import { COMPANION_PROTOCOL_VERSION, type AskingTarget, type CommitStep, type CompanionIntent, type CompanionRequest, type CompanionTurnState, type CoverageState } from '../types';

export type TestRequestOptions = {
  intent?: CompanionIntent;
  step?: CommitStep | null;
  recordOnly?: boolean;
  message?: string | null;
  terminal?: CompanionRequest['terminal'];
  draft?: SeedDraft;
  skipped?: SeedPart[];
  lastAsking?: AskingTarget;
  creation?: CompanionTurnState['creation'];
};

function emptyCoverage(): CoverageState {
  const coverage = {} as CoverageState;
  for (const field of FIELDS) coverage[field.key] = { status: 'missing', evidence: [], history: [] };
  return coverage;
}

export function testRequest(options: TestRequestOptions = {}): CompanionRequest {
  const draft = options.draft ?? {};
  const skipped = options.skipped ?? [];
  const intent = options.intent ?? 'create_engagement_active';
  return {
    protocol: COMPANION_PROTOCOL_VERSION,
    sessionId: 'session-1',
    intent,
    step: options.step ?? null,
    recordOnly: options.recordOnly ?? false,
    system: { text: 'system', prompts: {} },
    template: { id: intent, sha256: 'sha256:0' },
    components: [],
    state: {
      companionName: 'Companion',
      operatorName: null,
      draft,
      coverage: emptyCoverage(),
      nextPart: nextPart(draft, skipped),
      missing: missingParts(draft),
      skipped,
      lastAsking: options.lastAsking ?? null,
      path: 'discovery',
      creation: options.creation ?? null,
    },
    history: [],
    message: options.message ?? null,
    terminal: options.terminal ?? null,
    turn: 1,
  };
}

/** The draft without some of its parts. */
export function withoutParts(draft: SeedDraft, ...parts: SeedPart[]): SeedDraft {
  return Object.fromEntries(Object.entries(draft).filter(([part]) => !parts.includes(part as SeedPart))) as SeedDraft;
}
