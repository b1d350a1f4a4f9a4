export { createCreationSession, resumeCreationSession } from './creation-session';
export { createFromContent, type CreateFromContentOptions } from './create-from-content';
export { uploadDiscoveryRecord, type UploadDiscoveryRecordOptions } from './upload';
export { amendSeed, type AmendSeedOptions, type AmendSeedResult } from './amend-seed';
export { decodeContent, readContent, type ContentInput } from './read-content';
export {
  exportTranscriptFixture,
  parseTranscriptFixture,
  renderTranscriptFixture,
  type ExportTranscriptFixtureOptions,
  type ExportTranscriptFixtureResult,
  type TranscriptFixture,
  type TranscriptFixtureKind,
} from './transcript';
export type {
  CreationResult,
  CreationSession,
  CreationSessionOptions,
  CreationUsage,
  Operator,
  RejectedValue,
  ResumeCreationSessionOptions,
  SendOptions,
  SessionEvent,
  SessionPhase,
  SessionPolicy,
  SessionSnapshot,
  TurnResult,
  TurnTrace,
} from './types';
