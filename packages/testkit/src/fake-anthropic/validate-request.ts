// Request validation where it matters: the checks the real API makes that catch adapter bugs (model,
// max_tokens, alternating non-empty messages, tool_use/tool_result pairing, breakpoints, strict tools),
// answered with the API's error type and a message naming the offending location.
import { z } from 'zod';
import { countBreakpoints } from './prompt-prefix';
import { MAX_OUTPUT_TOKENS, isKnownModel } from './models';
import { contentBlocks, systemBlocks } from './tokens';
import type { ApiErrorType, CacheTtl, ContentBlockParam, MessageParam, MessagesRequest, ToolParam } from './wire-types';

/** The API allows at most this many `cache_control` breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

export type RequestProblem = { type: ApiErrorType; message: string };

export type ValidateRequestResult = { ok: true; request: MessagesRequest } | { ok: false; problem: RequestProblem };

export type RequestEndpoint = 'messages' | 'count_tokens';

class Invalid extends Error {
  constructor(
    readonly problem: RequestProblem,
  ) {
    super(problem.message);
  }
}

function fail(message: string, type: ApiErrorType = 'invalid_request_error'): never {
  throw new Invalid({ type, message });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed request body for `endpoint`; never throws. */
export function validateRequest(body: unknown, endpoint: RequestEndpoint): ValidateRequestResult {
  try {
    return { ok: true, request: checkRequest(body, endpoint) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, problem: error.problem };
    throw error;
  }
}

function checkRequest(body: unknown, endpoint: RequestEndpoint): MessagesRequest {
  if (!isObject(body)) fail('The request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') fail('model: Field required');
  if (!isKnownModel(body.model)) fail(`model: ${body.model}`, 'not_found_error');
  if (endpoint === 'messages') {
    if (body.max_tokens === undefined) fail('max_tokens: Field required');
    if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 0) {
      fail('max_tokens: Input should be a valid non-negative integer');
    }
    if (body.max_tokens > MAX_OUTPUT_TOKENS) {
      fail(`max_tokens: ${body.max_tokens} > ${MAX_OUTPUT_TOKENS}, which is the maximum allowed number of output tokens for ${body.model}`);
    }
    if (body.stream !== undefined && typeof body.stream !== 'boolean') fail('stream: Input should be a valid boolean');
  } else if (body.stream !== undefined) {
    fail('stream: Extra inputs are not permitted');
  }
  if (body.temperature !== undefined && (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1)) {
    fail('temperature: Input should be a number between 0 and 1');
  }

  const tools = checkTools(body.tools);
  checkSystem(body.system);
  const messages = checkMessages(body.messages);
  checkToolChoice(body.tool_choice, tools);
  checkCacheControl(body.cache_control, 'cache_control');
  checkToolPairing(messages, tools);

  const request = body as MessagesRequest;
  const breakpoints = countBreakpoints(request);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) fail(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`);
  checkTtlOrder(request);
  return request;
}

// -- cache_control -------------------------------------------------------------------------------------------

function checkCacheControl(value: unknown, location: string): void {
  if (value === undefined || value === null) return;
  if (!isObject(value) || value.type !== 'ephemeral') fail(`${location}.type: Input should be 'ephemeral'`);
  if (value.ttl !== undefined && value.ttl !== '5m' && value.ttl !== '1h') fail(`${location}.ttl: Input should be '5m' or '1h'`);
}

/** A 1-hour breakpoint may not come after a 5-minute one (longer-lived prefixes must come first). */
function checkTtlOrder(request: MessagesRequest): void {
  const ttls: { ttl: CacheTtl; location: string }[] = [];
  const note = (control: unknown, location: string) => {
    if (isObject(control)) ttls.push({ ttl: control.ttl === '1h' ? '1h' : '5m', location });
  };
  (request.tools ?? []).forEach((tool, index) => note(tool.cache_control, `tools.${index}`));
  systemBlocks(request.system).forEach((block, index) => note(block.cache_control, `system.${index}`));
  request.messages.forEach((message, messageIndex) =>
    contentBlocks(message.content).forEach((block, blockIndex) => note(block.cache_control, `messages.${messageIndex}.content.${blockIndex}`)),
  );
  note(request.cache_control, 'cache_control');
  let seenShort: string | null = null;
  for (const { ttl, location } of ttls) {
    if (ttl === '5m') seenShort ??= location;
    else if (seenShort !== null) {
      fail(`${location}.cache_control: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block (${seenShort}).`);
    }
  }
}

// -- system and tools ----------------------------------------------------------------------------------------

function checkSystem(system: unknown): void {
  if (system === undefined || typeof system === 'string') return;
  if (!Array.isArray(system)) fail('system: Input should be a valid string or a list of text blocks');
  system.forEach((block, index) => {
    if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string') fail(`system.${index}: Input should be a text block`);
    if (block.text === '') fail(`system.${index}.text: text content blocks must be non-empty`);
    checkCacheControl(block.cache_control, `system.${index}.cache_control`);
  });
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

function checkTools(tools: unknown): ToolParam[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) fail('tools: Input should be a valid list');
  const names = new Set<string>();
  tools.forEach((tool, index) => {
    if (!isObject(tool)) fail(`tools.${index}: Input should be an object`);
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) fail(`tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (names.has(tool.name)) fail(`tools: Tool names must be unique. Found duplicate: ${tool.name}`);
    names.add(tool.name);
    if (!isObject(tool.input_schema) || tool.input_schema.type !== 'object') fail(`tools.${index}.input_schema.type: Input should be 'object'`);
    if (tool.strict !== undefined && typeof tool.strict !== 'boolean') fail(`tools.${index}.strict: Input should be a valid boolean`);
    if (tool.strict === true) checkStrictSchema(tool.input_schema, `tools.${index}.input_schema`);
    checkCacheControl(tool.cache_control, `tools.${index}.cache_control`);
  });
  return tools as ToolParam[];
}

/** Strict tools need closed objects (`additionalProperties: false`) all the way down, as the API requires. */
function checkStrictSchema(schema: unknown, location: string): void {
  if (!isObject(schema)) return;
  if (schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'))) {
    if (schema.additionalProperties !== false) fail(`${location}: For 'strict' tools, 'additionalProperties' must be explicitly set to false for every object`);
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      if (isObject(value)) for (const [name, inner] of Object.entries(value)) checkStrictSchema(inner, `${location}.${key}.${name}`);
    } else if (key === 'items' || key === 'not') {
      checkStrictSchema(value, `${location}.${key}`);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'prefixItems') && Array.isArray(value)) {
      value.forEach((inner, index) => checkStrictSchema(inner, `${location}.${key}.${index}`));
    }
  }
}

function checkToolChoice(choice: unknown, tools: readonly ToolParam[]): void {
  if (choice === undefined) return;
  if (!isObject(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice.type))) fail("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
  if (choice.type === 'tool' && !tools.some((tool) => tool.name === choice.name)) fail(`tool_choice.name: Tool '${String(choice.name)}' not found in tools`);
}

// -- messages ------------------------------------------------------------------------------------------------

function checkMessages(messages: unknown): MessageParam[] {
  if (!Array.isArray(messages)) fail('messages: Field required');
  if (messages.length === 0) fail('messages: at least one message is required');
  messages.forEach((message, index) => {
    if (!isObject(message)) fail(`messages.${index}: Input should be an object`);
    if (message.role !== 'user' && message.role !== 'assistant') fail(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    if (index === 0 && message.role !== 'user') fail('messages.0.role: The first message must use the "user" role');
    const previous = messages[index - 1] as { role?: unknown } | undefined;
    if (previous && previous.role === message.role) {
      fail(`messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`);
    }
    const { content } = message;
    if (typeof content === 'string') {
      if (content === '') fail(`messages.${index}: ${message.role} messages must have non-empty content`);
      return;
    }
    if (!Array.isArray(content)) fail(`messages.${index}.content: Input should be a valid string or list of content blocks`);
    if (content.length === 0) fail(`messages.${index}: ${message.role} messages must have non-empty content`);
    content.forEach((block, blockIndex) => checkBlock(block, `messages.${index}.content.${blockIndex}`));
  });
  return messages as MessageParam[];
}

function checkBlock(block: unknown, location: string): void {
  if (!isObject(block) || typeof block.type !== 'string') fail(`${location}.type: Field required`);
  checkCacheControl(block.cache_control, `${location}.cache_control`);
  switch (block.type) {
    case 'text':
      if (typeof block.text !== 'string') fail(`${location}.text: Field required`);
      if (block.text === '') fail(`${location}.text: text content blocks must be non-empty`);
      return;
    case 'tool_use':
      if (typeof block.id !== 'string' || block.id === '') fail(`${location}.id: Field required`);
      if (typeof block.name !== 'string') fail(`${location}.name: Field required`);
      if (!isObject(block.input)) fail(`${location}.input: Input should be a valid dictionary`);
      return;
    case 'tool_result':
      if (typeof block.tool_use_id !== 'string') fail(`${location}.tool_use_id: Field required`);
      if (Array.isArray(block.content)) block.content.forEach((inner, index) => checkBlock(inner, `${location}.content.${index}`));
      else if (block.content !== undefined && typeof block.content !== 'string') fail(`${location}.content: Input should be a valid string or list`);
      return;
    default:
      return;
  }
}

function checkToolPairing(messages: readonly MessageParam[], tools: readonly ToolParam[]): void {
  const seen = new Set<string>();
  const usesTools = messages.some((message) => contentBlocks(message.content).some((block) => block.type === 'tool_use' || block.type === 'tool_result'));
  if (usesTools && tools.length === 0) fail('Requests which include `tool_use` or `tool_result` blocks must define tools.');

  messages.forEach((message, index) => {
    const blocks = contentBlocks(message.content);
    if (message.role === 'assistant') {
      blocks.forEach((block, blockIndex) => {
        if (block.type === 'tool_result') fail(`messages.${index}.content.${blockIndex}: \`tool_result\` blocks can only be in \`user\` messages`);
        if (block.type !== 'tool_use') return;
        const use = block as { id: string; name: string; input: unknown };
        if (seen.has(use.id)) fail(`messages.${index}.content.${blockIndex}: \`tool_use\` ids must be unique, found ${use.id} twice`);
        seen.add(use.id);
        const tool = tools.find((candidate) => candidate.name === use.name);
        if (tool?.strict === true) checkStrictInput(tool, use.input, `messages.${index}.content.${blockIndex}.input`);
      });
      const ids = blocks.flatMap((block) => (block.type === 'tool_use' ? [(block as { id: string }).id] : []));
      if (ids.length === 0) return;
      const next = messages[index + 1];
      const answered = new Set(next ? contentBlocks(next.content).flatMap((block) => (block.type === 'tool_result' ? [(block as { tool_use_id: string }).tool_use_id] : [])) : []);
      const unanswered = ids.filter((id) => !answered.has(id));
      if (unanswered.length > 0) {
        fail(
          `messages.${index + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
      return;
    }
    const previous = messages[index - 1];
    const offered = new Set(previous ? contentBlocks(previous.content).flatMap((block) => (block.type === 'tool_use' ? [(block as { id: string }).id] : [])) : []);
    let otherSeen = false;
    blocks.forEach((block: ContentBlockParam, blockIndex) => {
      if (block.type === 'tool_use') fail(`messages.${index}.content.${blockIndex}: \`tool_use\` blocks can only be in \`assistant\` messages`);
      if (block.type !== 'tool_result') {
        otherSeen = true;
        return;
      }
      const id = (block as { tool_use_id: string }).tool_use_id;
      if (!offered.has(id)) {
        fail(
          `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
      if (otherSeen) fail(`messages.${index}.content.${blockIndex}: \`tool_result\` blocks must come first in the message content, before any other block`);
    });
  });
}

// -- strict tool input ---------------------------------------------------------------------------------------

const inputSchemas = new Map<string, z.ZodType>();

/** The tool's input schema as a zod schema (converted once per distinct schema). */
function inputSchemaOf(tool: ToolParam): z.ZodType {
  const key = JSON.stringify(tool.input_schema);
  let schema = inputSchemas.get(key);
  if (!schema) {
    schema = z.fromJSONSchema(tool.input_schema as Parameters<typeof z.fromJSONSchema>[0]);
    inputSchemas.set(key, schema);
  }
  return schema;
}

/**
 * The first problem of `input` against a strict tool's schema, or null when it matches. A schema the fake
 * cannot convert is not checked: a false 400 would blame the caller for the fake's own limits.
 */
export function strictInputProblem(tool: ToolParam, input: unknown): string | null {
  let schema: z.ZodType;
  try {
    schema = inputSchemaOf(tool);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue?.message ?? 'does not match the schema'}`;
}

function checkStrictInput(tool: ToolParam, input: unknown, location: string): void {
  const problem = strictInputProblem(tool, input);
  if (problem !== null) fail(`${location}: does not match the input_schema of strict tool ${tool.name}: ${problem}`);
}
