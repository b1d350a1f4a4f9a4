// @loomworks/prompts — the Companion's prompt assets (a typed registry, override folders, the assembled system
// prompt) and the plain-terms data and lint.

export { PLAIN_TERMS, lintPlainTerms, type LintPlainTermsOptions, type PlainTerm, type PlainTermsData, type PlainTermsFinding } from './plain-terms';

export { PromptError, type PromptErrorCode, type PromptErrorOptions } from './prompt-error';
export type { PromptAsset, PromptId, PromptListEntry, PromptSource, RenderedPrompt } from './prompt-source';
export { builtinPromptSource, getPrompt, listPrompts } from './registry';
export { createDirectoryPromptSource, type DirectoryPromptSourceOptions } from './directory-prompt-source';
export { lintPromptSource, type LintPromptSourceFinding } from './lint-prompt-source';
export { SYSTEM_PROMPT_IDS, assembleSystemPrompt, type AssembleSystemPromptResult, type SystemPromptId } from './system-prompt';
