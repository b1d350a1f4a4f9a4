// The terminal-turn matcher (SPEC §6.2): is this Operator message the one that ends elicitation?
export { TERMINAL_PHRASES, type TerminalPath } from './phrases';
export { matchTerminalTurn, type TerminalContext, type TerminalTurnMatch, type TerminalTurnReason } from './match-terminal-turn';
export { terminalContent } from './terminal-content';
export { isReviewRequest } from './is-review-request';
export { pathChoice } from './path-choice';
