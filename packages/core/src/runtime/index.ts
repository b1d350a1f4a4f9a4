export { isoNow, systemClock, type Clock } from './clock';
export { createSequentialIds, createUlidGenerator, type IdGenerator } from './ids';
export { sha256Hex } from './hash';
