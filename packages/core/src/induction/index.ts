// Induction: checking a candidate Seed (SPEC §6.4).
export { INDUCTION_FINDING_CODES, type Finding, type FindingCode } from './finding-codes';
export { inductSeed, type InductionContext, type InductionResult } from './induct-seed';
