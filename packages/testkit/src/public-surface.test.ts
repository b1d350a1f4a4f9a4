// Pins the package's public surface: a change here is a change to what users can import.
import { expect, it } from 'vitest';

it('exports exactly the names of its public entry', async () => {
  expect(Object.keys(await import('@loomworks/testkit')).sort()).toMatchInlineSnapshot(`
    [
      "CASSETTE_DRIFT_CODE",
      "CONFORMANCE_CAPABILITIES",
      "DISCOVERY_VARIATIONS",
      "FAKE_ANTHROPIC_MODELS",
      "SIMULATED_OPERATOR_WORDS",
      "arbDiscoveryVariant",
      "arbNonTerminalUtterance",
      "arbSeed",
      "arbSimulatedConversation",
      "arbTerminalUtterance",
      "countRequestTokens",
      "countTextTokens",
      "createCassetteFetch",
      "createFakeAnthropicFetch",
      "createFakeCompanion",
      "createFaultyStore",
      "createSimulatedOperator",
      "defineStoreConformanceSuite",
      "describeWithPostgres",
      "minimumCacheableTokens",
      "negateTerminal",
      "questionTerminal",
      "quoteTerminal",
      "readTranscriptFixture",
      "replayTranscriptFixture",
      "runSimulatedConversation",
      "scopeTerminal",
      "seededRandom",
      "startFakeAnthropic",
      "startPostgres",
      "writeTranscriptFixture",
    ]
  `);
});
