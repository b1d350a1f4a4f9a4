// Pins the package's public surface: a change here is a change to what users can import.
import { expect, it } from 'vitest';

it('exports exactly the names of its public entry', async () => {
  expect(Object.keys(await import('@loomworks/testkit')).sort()).toMatchInlineSnapshot(`
    [
      "CONFORMANCE_CAPABILITIES",
      "DISCOVERY_VARIATIONS",
      "SIMULATED_OPERATOR_WORDS",
      "arbDiscoveryVariant",
      "arbNonTerminalUtterance",
      "arbSeed",
      "arbSimulatedConversation",
      "arbTerminalUtterance",
      "createFakeCompanion",
      "createFaultyStore",
      "createSimulatedOperator",
      "defineStoreConformanceSuite",
      "describeWithPostgres",
      "negateTerminal",
      "questionTerminal",
      "quoteTerminal",
      "readTranscriptFixture",
      "replayTranscriptFixture",
      "runSimulatedConversation",
      "scopeTerminal",
      "startPostgres",
      "writeTranscriptFixture",
    ]
  `);
});
