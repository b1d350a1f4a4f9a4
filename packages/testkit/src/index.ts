// @loomworks/testkit — fakes, fast-check arbitraries and conformance suites for Loomworks.

export { arbSeed, type ArbSeedOptions } from './arbitraries/seed';
export {
  DISCOVERY_VARIATIONS,
  arbDiscoveryVariant,
  type ArbDiscoveryVariantOptions,
  type DiscoveryVariant,
  type DiscoveryVariation,
} from './arbitraries/discovery-variant';
export {
  arbNonTerminalUtterance,
  arbTerminalUtterance,
  negateTerminal,
  questionTerminal,
  quoteTerminal,
  scopeTerminal,
  type ArbNonTerminalUtteranceOptions,
  type ArbTerminalUtteranceOptions,
  type NonTerminalReason,
  type NonTerminalUtterance,
  type TerminalUtterance,
} from './arbitraries/terminal-utterance';
export {
  CONFORMANCE_CAPABILITIES,
  defineStoreConformanceSuite,
  type ConformanceCapability,
  type StoreConformanceOptions,
} from './store-conformance/suite';
export {
  createFakeCompanion,
  type FakeCompanion,
  type FakeCompanionFault,
  type FakeCompanionOptions,
  type FakeCompanionTurn,
} from './fake-companion';
export { seededRandom } from './seeded-random';
export { createFaultyStore, type FaultyStore, type StoreFault } from './faulty-store';
export {
  SIMULATED_OPERATOR_WORDS,
  arbSimulatedConversation,
  createSimulatedOperator,
  runSimulatedConversation,
  type ArbSimulatedConversationOptions,
  type RunSimulatedConversationOptions,
  type SimulatedConversation,
  type SimulatedConversationResult,
  type SimulatedOperator,
  type SimulatedOperatorOptions,
  type SimulatedOperatorPlan,
  type SimulatedPartPlan,
} from './simulated-operator';
export {
  readTranscriptFixture,
  replayTranscriptFixture,
  writeTranscriptFixture,
  type ReplayTranscriptFixtureOptions,
  type ReplayTranscriptFixtureResult,
} from './transcript-fixtures';
export { describeWithPostgres, startPostgres, type PostgresForTests, type StartPostgresOptions, type StartPostgresResult } from './postgres';
export {
  CASSETTE_DRIFT_CODE,
  FAKE_ANTHROPIC_MODELS,
  countRequestTokens,
  countTextTokens,
  createCassetteFetch,
  createFakeAnthropicFetch,
  minimumCacheableTokens,
  startFakeAnthropic,
  type CassetteExchange,
  type CassetteFetch,
  type CassetteFile,
  type CassetteMode,
  type CassetteOptions,
  type FakeAnthropicControls,
  type FakeAnthropicErrorType,
  type FakeAnthropicFault,
  type FakeAnthropicFetch,
  type FakeAnthropicOptions,
  type FakeAnthropicResponder,
  type FakeAnthropicServer,
  type FakeAnthropicUsage,
  type FakeMessagesRequest,
  type FakeReply,
  type FakeReplyBlock,
  type FakeResponderContext,
  type PromptCacheEntry,
  type RecordedRequest,
} from './fake-anthropic';
