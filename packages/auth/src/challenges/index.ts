export { CHALLENGE_BYTES, issueChallenge, type IssueChallengeOptions } from './issue-challenge';
export { consumeChallenge } from './consume-challenge';
