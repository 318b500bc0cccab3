import { AppError } from '../../../shared/errors.ts';

/**
 * What kind of failure a Runware call hit. Runware's raw codes are many and still
 * being standardised (runware-api.md §3), so callers decide on the category, never
 * on the raw code.
 */
export type RunwareCategory =
  'auth' | 'credits' | 'validation' | 'safety' | 'rate_limit' | 'provider' | 'timeout' | 'not_found' | 'server' | 'network' | 'canceled';

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

/** Raw code → category, after the prefixes Runware's own SDK groups them by. */
export function categoryOfCode(code: string): RunwareCategory | null {
  const c = code.toLowerCase();
  const has = (...parts: string[]) => parts.some((p) => c.includes(p.toLowerCase()));
  if (has('insufficientcredits', 'quotaexceeded', 'paymentrequired', 'insufficientbalance')) return 'credits';
  if (has('ratelimit', 'toomanyrequests', 'queuefull', 'queuecapacity')) return 'rate_limit';
  if (has('contentpolicy', 'sensitivecontent', 'unsafecontent', 'nsfw', 'promptblocked', 'imageblocked', 'moderation')) return 'safety';
  if (has('apikey', 'unauthorized', 'forbidden', 'permission', 'authfailed', 'authenticationfailed', 'tokenexpired', 'accountsuspended'))
    return 'auth';
  if (has('timeout')) return 'timeout';
  if (has('notfound', 'expired', 'taskcancelled', 'unknownmodel')) return 'not_found';
  if (
    has(
      'provider',
      'inference',
      'processingfailed',
      'taskfailed',
      'downloadfailed',
      'uploadfailed',
      'noavailableserver',
      'modelunavailable',
      'modeldisabled',
      'modelnotready',
      'couldnotbemoved',
    )
  )
    return 'provider';
  if (has('internalserver', 'serviceunavailable', 'serverunavailable', 'unknownerror')) return 'server';
  if (
    /^(invalid|missing|conflict|duplicate|unsupported|value|array|max|min)/.test(c) ||
    has('unknownparameter', 'incompatibleparameters', 'validationfailed')
  )
    return 'validation';
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

/** The sentence a person reads for each category: what happened, then what to do. */
export function messageFor(category: RunwareCategory, info: { apiMessage?: string; parameter?: string; status: number }): string {
  switch (category) {
    case 'auth':
      return info.status === 403
        ? `Runware refused this key permission for this request. Check the key's permissions on ${KEYS_PAGE}.`
        : `Runware rejected this key. Check it, or create a new one on ${KEYS_PAGE}.`;
    case 'credits':
      return 'Your Runware balance is too low for this generation. Top up your account at my.runware.ai, then try again.';
    case 'validation':
      return `Runware refused the request${info.parameter ? ` because of “${info.parameter}”` : ''}.${detail(info.apiMessage)} Change that setting and try again.`;
    case 'safety':
      return `Runware's content check blocked this request.${detail(info.apiMessage)} Try a different portrait or prompt.`;
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
  }
}

export interface RawApiError {
  code?: unknown;
  message?: unknown;
  parameter?: unknown;
  taskUUID?: unknown;
}

/** Builds the typed error for one error object from a Runware response. */
export function fromApiError(raw: RawApiError, httpStatus: number, retryAfterMs?: number): RunwareError {
  const code = typeof raw.code === 'string' && raw.code.length > 0 ? raw.code : `http_${httpStatus}`;
  const parameter = Array.isArray(raw.parameter)
    ? raw.parameter.filter((p): p is string => typeof p === 'string').join(', ') || undefined
    : typeof raw.parameter === 'string'
      ? raw.parameter
      : undefined;
  const status = httpStatus || 200;
  const category =
    code === 'conflictTaskUUID' ? 'validation' : (categoryOfCode(code) ?? (httpStatus >= 400 ? categoryOfStatus(httpStatus) : 'provider'));
  const apiMessage = typeof raw.message === 'string' ? raw.message : undefined;
  return new RunwareError({
    code,
    category,
    retryable: retryableFor(category, status),
    httpStatus,
    parameter,
    taskUUID: typeof raw.taskUUID === 'string' ? raw.taskUUID : undefined,
    message: messageFor(category, { apiMessage, parameter, status }),
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
