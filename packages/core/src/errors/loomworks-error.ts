// The single error type of the SDK: a stable code from ERROR_CODES, optional details, and the foreign cause.
import { ERROR_CODES, type ErrorClass, type ErrorCode } from './codes';

const MARKER = Symbol.for('loomworks.error');

export type LoomworksErrorOptions = {
  cause?: unknown;
  details?: Record<string, unknown>;
  hint?: string;
};

export class LoomworksError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** A one-line suggestion for a person (the CLI prints it under the message). */
  readonly hint: string | undefined;
  declare readonly cause: unknown;

  constructor(code: ErrorCode, message: string, options: LoomworksErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LoomworksError';
    this.code = code;
    this.details = options.details ?? {};
    this.hint = options.hint;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** The exit-code class of this error's code. */
  get errorClass(): ErrorClass {
    return ERROR_CODES[this.code].class;
  }

  /**
   * True for any LoomworksError, including one from another copy of the package
   * (identity by a registered symbol, not `instanceof`). With `code`, also checks the code.
   */
  static is(value: unknown, code?: ErrorCode | readonly ErrorCode[]): value is LoomworksError {
    if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[MARKER] !== true) return false;
    if (code === undefined) return true;
    const actual = (value as LoomworksError).code;
    return typeof code === 'string' ? actual === code : code.includes(actual);
  }

  toJSON(): { name: string; code: ErrorCode; message: string; details: Record<string, unknown>; hint?: string } {
    return { name: this.name, code: this.code, message: this.message, details: this.details, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** Wraps anything thrown by a foreign library, keeping it as `cause`; LoomworksErrors pass through. */
export function wrapError(error: unknown, code: ErrorCode, message: string, details?: Record<string, unknown>): LoomworksError {
  if (LoomworksError.is(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new LoomworksError(code, `${message}: ${reason}`, { cause: error, ...(details ? { details } : {}) });
}
