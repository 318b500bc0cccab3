import { AppError } from '../../../shared/errors.ts';

/**
 * What kind of failure a Runware call hit. Runware's raw codes are many and still
 * being standardised (runware-api.md §3), so callers decide on the category, never
 * on the raw code.
 */
export type RunwareCategory =
  | 'auth'
  | 'credits'
  | 'validation'
  | 'safety'
  | 'rate_limit'
  | 'provider'
  | 'timeout'
  | 'not_found'
  | 'server'
  | 'network'
  | 'canceled'
  /** A code this app does not know: retried a bounded number of times, then shown with its raw code. */
  | 'unknown';

export interface RunwareErrorFields {
  /** Runware's own code when it sent one (e.g. `invalidApiKey`), else ours (e.g. `http_503`). */
  code: string;
  category: RunwareCategory;
  /** True when sending the same request again may succeed. */
  retryable: boolean;
  /** 0 when no HTTP response arrived. */
  httpStatus: number;
  parameter?: string;
  taskUUID?: string;
  message: string;
  /** Server-suggested wait, from `Retry-After`. */
  retryAfterMs?: number;
}

/** Its code is Runware's own when Runware sent one: open-ended, so programs decide on the category. */
export class RunwareError extends AppError<string> implements RunwareErrorFields {
  readonly category: RunwareCategory;
  readonly retryable: boolean;
  readonly httpStatus: number;
  readonly parameter?: string;
  readonly taskUUID?: string;
  readonly retryAfterMs?: number;

  constructor(fields: RunwareErrorFields) {
    super(fields.code, fields.message);
    this.name = 'RunwareError';
    this.category = fields.category;
    this.retryable = fields.retryable;
    this.httpStatus = fields.httpStatus;
    if (fields.parameter !== undefined) this.parameter = fields.parameter;
    if (fields.taskUUID !== undefined) this.taskUUID = fields.taskUUID;
    if (fields.retryAfterMs !== undefined) this.retryAfterMs = fields.retryAfterMs;
  }

  fields(): RunwareErrorFields {
    const { code, category, retryable, httpStatus, parameter, taskUUID, message, retryAfterMs } = this;
    return { code: String(code), category, retryable, httpStatus, parameter, taskUUID, message, retryAfterMs };
  }
}

export function isRunwareError(value: unknown): value is RunwareError {
  return value instanceof RunwareError;
}

const KEYS_PAGE = 'the API Keys page at my.runware.ai';

/*
 * Raw code → category, by meaning, in the order Runware's own TypeScript SDK decides
 * (`deriveCode` in src/errors.ts): credits, rate limit, safety, auth, timeout, not found,
 * server, provider, validation, else unknown. Two deliberate differences, both because the
 * person must not be told to fix what is Runware's: a `provider…`/`thirdParty…` code is the
 * upstream provider's (its credits or its keys), never the user's account; and the codes are
 * matched case-insensitively (the catalogue is "still being standardised", runware-api.md §3).
 */
const SAFETY_CODES = new Set(
  [
    'contentPolicyViolation',
    'providerContentPolicyViolation',
    'sensitiveContentDetected',
    'unsafeContentDetected',
    'nsfwContentDetected',
    'promptBlocked',
    'imageBlocked',
    'moderationFailed',
    'safety',
  ].map((c) => c.toLowerCase()),
);

const AUTH_CODES = new Set(
  [
    'unauthorized',
    'forbidden',
    'permissionDenied',
    'insufficientPermissions',
    'authenticationFailed',
    'authFailed',
    'authTimeout',
    'invalidAuthentication',
    'invalidCredentials',
    'missingAuthentication',
    'tokenExpired',
    'tokenInvalid',
    'tokenMissing',
    'tokenRevoked',
    'accountSuspended',
    'accountDisabled',
    'organizationSuspended',
    'organizationDisabled',
    'workspaceSuspended',
    'workspaceDisabled',
  ].map((c) => c.toLowerCase()),
);

const SERVER_CODES = new Set(
  [
    'internalServerError',
    'serviceUnavailable',
    'serverUnavailable',
    'standardError',
    'unknownError',
    'undefinedError',
    'defaultError',
    'unrecognizedResponse',
  ].map((c) => c.toLowerCase()),
);

const PROVIDER_CODES = new Set(
  [
    'inferenceError',
    'processingFailed',
    'taskFailed',
    'downloadFailed',
    'uploadFailed',
    'noAvailableServer',
    'modelUnavailable',
    'modelDisabled',
    'modelNotReady',
    'mediaStorageFileCouldNotBeMoved',
  ].map((c) => c.toLowerCase()),
);

const VALIDATION_CODES = new Set(
  [
    'unknownParameter',
    'incompatibleParameters',
    'mismatchProviderSettingsProvider',
    'unknownProviderSettingsProvider',
    'transparentModelMismatch',
    'validationFailed',
  ].map((c) => c.toLowerCase()),
);

const NOT_FOUND_CODES = new Set(['taskCancelled', 'taskFailedOrNotFound', 'unknownModel'].map((c) => c.toLowerCase()));

/** Someone upstream of Runware (the model's provider), not the person's account. */
function isUpstream(c: string): boolean {
  return c.startsWith('provider') || c.startsWith('thirdparty');
}

/** Raw code → category by meaning, or null when the code is not one this app knows. */
export function categoryOfCode(code: string): RunwareCategory | null {
  const c = code.toLowerCase();
  const has = (...parts: string[]) => parts.some((p) => c.includes(p));
  if (has('credits', 'quota', 'balance') || c === 'paymentrequired') return isUpstream(c) ? 'provider' : 'credits';
  if (has('ratelimit', 'toomanyrequests', 'queuefull', 'queuecapacity')) return 'rate_limit';
  if (SAFETY_CODES.has(c) || has('contentpolicy', 'nsfw', 'moderation')) return 'safety';
  if (AUTH_CODES.has(c) || (has('apikey') && !isUpstream(c))) return 'auth';
  if (has('timeout')) return 'timeout';
  if (NOT_FOUND_CODES.has(c) || c.endsWith('notfound') || c.endsWith('expired')) return 'not_found';
  if (SERVER_CODES.has(c)) return 'server';
  if (PROVIDER_CODES.has(c) || isUpstream(c)) return 'provider';
  if (VALIDATION_CODES.has(c) || /^(invalid|missing|conflict|duplicate|unsupported|value|array|max|min)/.test(c)) return 'validation';
  return null;
}

/** When the code says nothing this app knows, the words may ("Insufficient credits" in a 200 or a 400). */
function categoryOfMessage(message: string | undefined): RunwareCategory | null {
  if (!message) return null;
  if (/insufficient (credits?|balance|funds)|not enough credits?|top up/i.test(message)) return 'credits';
  if (/invalid api key|api key is (invalid|missing)/i.test(message)) return 'auth';
  return null;
}

export function categoryOfStatus(status: number): RunwareCategory {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'credits';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'validation';
}

/** Transport-level retry: only when the same request can safely succeed later. */
function retryableFor(category: RunwareCategory, status: number): boolean {
  if ([400, 401, 402, 403].includes(status)) return false;
  return ['rate_limit', 'server', 'network', 'timeout', 'provider'].includes(category);
}

function detail(apiMessage: string | undefined): string {
  if (!apiMessage) return '';
  const clean = apiMessage.replace(/\s+/g, ' ').trim().slice(0, 300);
  return clean ? ` Runware said: “${clean.replace(/[.\s]+$/, '')}.”` : '';
}

/** The request fields a person sets, in the words the app shows them. */
const SETTING_LABELS: Record<string, string> = {
  positivePrompt: 'the prompt',
  numberResults: 'the number of takes',
  outputFormat: 'the video format',
  outputQuality: 'the video quality',
  CFGScale: 'the guidance',
  seed: 'the seed',
  'inputs.image': 'the portrait',
  'inputs.audio': 'the audio',
  model: 'the model',
};

function validationMessage(info: { apiMessage?: string; parameter?: string; code?: string }): string {
  const label = info.parameter ? SETTING_LABELS[info.parameter] : undefined;
  if (label) return `Runware refused ${label}.${detail(info.apiMessage)} Change it, then generate again.`;
  if (!info.parameter && !info.code?.toLowerCase().startsWith('mismatch')) {
    return `Runware refused the request.${detail(info.apiMessage)} Check the generation's settings, then generate again.`;
  }
  // A field the person never sets (provider settings, a taskUUID…): nothing for them to change.
  const what = info.parameter ? `“${info.parameter}”` : `the request (${info.code})`;
  return `Runware refused ${what}, which Avatar Studio sets itself.${detail(info.apiMessage)} This is not something your settings can fix: the log file has the details for a bug report.`;
}

function authMessage(code: string | undefined, status: number): string {
  const c = code?.toLowerCase() ?? '';
  if (c === 'authtimeout') {
    return 'Runware took too long to check your key, so the queue paused. Resume it in a minute; if this keeps happening, status.runware.ai shows outages.';
  }
  if (/^(organization|workspace|account)(suspended|disabled)$/.test(c)) {
    const whose = c.startsWith('workspace') ? 'workspace' : c.startsWith('organization') ? 'organization' : 'account';
    return `Runware has ${c.endsWith('suspended') ? 'suspended' : 'disabled'} this ${whose} (${code}), so the queue paused. Check the account at my.runware.ai or contact Runware support, then resume.`;
  }
  return status === 403 || /permission|forbidden/.test(c)
    ? `Runware refused this key permission for this request. Check the key's permissions on ${KEYS_PAGE}.`
    : `Runware rejected this key. Check it, or create a new one on ${KEYS_PAGE}.`;
}

/** The sentence a person reads for each category: what happened, then what to do. */
export function messageFor(
  category: RunwareCategory,
  info: { apiMessage?: string; parameter?: string; status: number; code?: string },
): string {
  switch (category) {
    case 'auth':
      return authMessage(info.code, info.status);
    case 'credits':
      return 'Your Runware balance is too low for this generation. Top up your account at my.runware.ai, then try again.';
    case 'validation':
      return validationMessage(info);
    case 'safety':
      return `Runware's content check blocked this request.${detail(info.apiMessage)} Use a different portrait, audio or prompt.`;
    case 'rate_limit':
      return 'Runware is busy (its queue is full) and did not take the request after several tries. Try again in a few minutes.';
    case 'provider':
      return `The model provider behind Runware failed.${detail(info.apiMessage)} Try again in a few minutes.`;
    case 'timeout':
      return `Runware or its model provider did not answer in time.${detail(info.apiMessage)} Try again in a few minutes.`;
    case 'not_found':
      return `Runware no longer has what was asked for.${detail(info.apiMessage)}`;
    case 'server':
      return `Runware had a server problem (HTTP ${info.status}) that lasted through several tries. Try again later; status.runware.ai shows outages.`;
    case 'network':
      return 'Could not reach Runware. Check your internet connection, then try again.';
    case 'canceled':
      return 'The request was canceled.';
    case 'unknown':
      return `Runware answered with an error Avatar Studio does not know (code “${info.code ?? 'none'}”).${detail(info.apiMessage)} It was tried again a few times; if it keeps happening, send this code to Runware support.`;
  }
}

export interface RawApiError {
  code?: unknown;
  message?: unknown;
  parameter?: unknown;
  taskUUID?: unknown;
  /** `"error"` on a task's terminal failure reported by getResponse (runware-api.md §4). */
  status?: unknown;
}

/**
 * Which category an error object belongs to. A known code decides; else the message
 * ("Insufficient credits" pauses the queue whatever the status); else an HTTP failure's
 * status; else, inside a 200, the code is one this app does not know.
 */
function categoryOf(code: string | undefined, apiMessage: string | undefined, httpStatus: number): RunwareCategory {
  if (code === 'conflictTaskUUID') return 'validation';
  const byCode = code ? categoryOfCode(code) : null;
  if (byCode) return byCode;
  const byMessage = categoryOfMessage(apiMessage);
  if (byMessage) return byMessage;
  if (httpStatus >= 400) return categoryOfStatus(httpStatus);
  return 'unknown';
}

/** Builds the typed error for one error object from a Runware response. */
export function fromApiError(raw: RawApiError, httpStatus: number, retryAfterMs?: number): RunwareError {
  const rawCode = typeof raw.code === 'string' && raw.code.length > 0 ? raw.code : undefined;
  const code = rawCode ?? `http_${httpStatus}`;
  const parameter = Array.isArray(raw.parameter)
    ? raw.parameter.filter((p): p is string => typeof p === 'string').join(', ') || undefined
    : typeof raw.parameter === 'string'
      ? raw.parameter
      : undefined;
  const status = httpStatus || 200;
  const apiMessage = typeof raw.message === 'string' ? raw.message : undefined;
  const category = categoryOf(rawCode, apiMessage, httpStatus);
  return new RunwareError({
    code,
    category,
    retryable: retryableFor(category, status),
    httpStatus,
    parameter,
    taskUUID: typeof raw.taskUUID === 'string' ? raw.taskUUID : undefined,
    message: messageFor(category, { apiMessage, parameter, status, code }),
    retryAfterMs,
  });
}

/** An HTTP failure without a usable error body (HTML page, empty, truncated). */
export function fromHttpStatus(httpStatus: number, retryAfterMs?: number): RunwareError {
  const category = categoryOfStatus(httpStatus);
  return new RunwareError({
    code: `http_${httpStatus}`,
    category,
    retryable: retryableFor(category, httpStatus),
    httpStatus,
    message: messageFor(category, { status: httpStatus }),
    retryAfterMs,
  });
}

const NETWORK_CODES: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the address could not be resolved',
  EAI_AGAIN: 'the address could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection broke',
  UND_ERR_SOCKET: 'the connection broke',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'Runware did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the answer stopped arriving',
  UND_ERR_CLOSED: 'the connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the answer arrived incomplete',
};

/** Turns a thrown transport error into a typed one (never keeps the original object: it may hold request data). */
export function fromTransportError(error: unknown, signal?: AbortSignal): RunwareError {
  if (
    signal?.aborted ||
    (error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED'))
  ) {
    return new RunwareError({
      code: 'canceled',
      category: 'canceled',
      retryable: false,
      httpStatus: 0,
      message: messageFor('canceled', { status: 0 }),
    });
  }
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code ?? 'network';
  const what = NETWORK_CODES[code];
  const timeout = code.includes('TIMEOUT') || code === 'ETIMEDOUT';
  return new RunwareError({
    code: timeout ? 'timeout' : 'network',
    category: timeout ? 'timeout' : 'network',
    retryable: true,
    httpStatus: 0,
    message: `Could not reach Runware${what ? ` (${what})` : ''}. Check your internet connection, then try again.`,
  });
}
