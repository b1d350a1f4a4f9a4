// The Companion seam (SPEC §6.5) and the offline guided Companion.
export {
  COMPANION_PROTOCOL_VERSION,
  type AskingTarget,
  type CommitStep,
  type Companion,
  type CompanionEvent,
  type CompanionIntent,
  type CompanionMessage,
  type CompanionRequest,
  type CompanionRespondOptions,
  type CompanionTurnState,
  type CompletionRequest,
  type CompletionResult,
  type CoverageEvidence,
  type CoverageState,
  type CoverageStatus,
  type DraftValues,
  type FieldCoverage,
  type SeedPart,
  type SupersededValue,
} from './types';
export { createGuidedCompanion, type GuidedCompanionOptions } from './guided/create-guided-companion';
export { readOperatorAnswer, type AnswerKind, type AnswerReading } from './guided/read-answer';
