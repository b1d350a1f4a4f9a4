export { ERROR_CODES, isErrorCode, type ErrorClass, type ErrorCode } from './codes';
export { LoomworksError, wrapError, type LoomworksErrorOptions } from './loomworks-error';
