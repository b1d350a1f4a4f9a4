// The Messages API request and response shapes, as far as the fake reads and writes them. Requests arrive as
// untrusted JSON, so these describe what validation has already checked, nothing more.

export type CacheTtl = '5m' | '1h';

export type CacheControl = { type: 'ephemeral'; ttl?: CacheTtl };

export type TextBlockParam = { type: 'text'; text: string; cache_control?: CacheControl | null };

export type ToolUseBlockParam = { type: 'tool_use'; id: string; name: string; input: unknown; cache_control?: CacheControl | null };

export type ToolResultBlockParam = {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | ContentBlockParam[];
  is_error?: boolean;
  cache_control?: CacheControl | null;
};

/** Any other block (images, documents, thinking, …): counted and cached as opaque JSON. */
export type OtherBlockParam = { type: string; cache_control?: CacheControl | null; [key: string]: unknown };

export type ContentBlockParam = TextBlockParam | ToolUseBlockParam | ToolResultBlockParam | OtherBlockParam;

export type MessageParam = { role: 'user' | 'assistant'; content: string | ContentBlockParam[] };

export type ToolParam = {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
  cache_control?: CacheControl | null;
  [key: string]: unknown;
};

export type ToolChoice = { type: 'auto' | 'any' | 'none'; disable_parallel_tool_use?: boolean } | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

/** A validated `POST /v1/messages` (or `count_tokens`) body. */
export type MessagesRequest = {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: string | TextBlockParam[];
  tools?: ToolParam[];
  tool_choice?: ToolChoice;
  stream?: boolean;
  cache_control?: CacheControl | null;
  stop_sequences?: string[];
  temperature?: number;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
};

export type CacheCreationUsage = { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };

/** Usage exactly as the API reports it: `input_tokens` is only the uncached part of the prompt. */
export type WireUsage = {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: CacheCreationUsage;
  output_tokens: number;
  service_tier: 'standard';
  server_tool_use: null;
  inference_geo: null;
  output_tokens_details: null;
  speed: null;
};

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

export type TextBlock = { type: 'text'; text: string; citations: null };

export type ToolUseBlock = { type: 'tool_use'; id: string; name: string; input: unknown };

export type ContentBlock = TextBlock | ToolUseBlock;

export type WireMessage = {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  stop_details: null;
  container: null;
  diagnostics: null;
  usage: WireUsage;
};

/** The error types of the API's error bodies `{ type: 'error', error: { type, message } }`. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'
  | 'timeout_error';

export type ApiErrorBody = { type: 'error'; error: { type: ApiErrorType; message: string }; request_id?: string };

/** The HTTP status the API answers each error type with. */
export const ERROR_STATUS: Record<ApiErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** The error type the API uses for each status the fake can be asked to answer with. */
export function errorTypeOfStatus(status: number): ApiErrorType {
  const match = (Object.entries(ERROR_STATUS) as [ApiErrorType, number][]).find(([, code]) => code === status);
  if (match) return match[0];
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}
