export { BRIEF_FORMAT, DISCOVERY_RECORD_FORMAT, type DiscoveryMetadata, type TrajectoryEntry } from './format';
export { EXTRACTION_ISSUE_CODES, type ExtractionIssue, type ExtractionIssueCode } from './issue-codes';
export { extractSeed, type ExtractSeedOptions, type ExtractSeedResult } from './extract-seed';
export { renderBrief, type RenderBriefOptions } from './render-brief';
export { renderDiscoveryRecord, type RenderDiscoveryRecordOptions } from './render-discovery-record';
export { extractSeedWithCompanion, type ExtractSeedWithCompanionOptions, type ExtractSeedWithCompanionResult } from './extract-seed-with-companion';
