// Pins the package's public surface: a change here is a change to what users can import.
import { expect, it } from 'vitest';

it('exports exactly the names of its public entry', async () => {
  expect(Object.keys(await import('@loomworks/prompts')).sort()).toMatchInlineSnapshot(`
    [
      "PLAIN_TERMS",
      "PromptError",
      "SYSTEM_PROMPT_IDS",
      "assembleSystemPrompt",
      "builtinPromptSource",
      "createDirectoryPromptSource",
      "getPrompt",
      "lintPlainTerms",
      "lintPromptSource",
      "listPrompts",
    ]
  `);
});
