// @loomworks/prompts — the Companion's prompt assets and the plain-terms data and lint.

export { PLAIN_TERMS, lintPlainTerms, type LintPlainTermsOptions, type PlainTerm, type PlainTermsData, type PlainTermsFinding } from './plain-terms';
