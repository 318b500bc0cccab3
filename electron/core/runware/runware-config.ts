export const DEFAULT_RUNWARE_API_URL = 'https://api.runware.ai/v1';

export interface RunwareTimeouts {
  /** Establishing the TCP/TLS connection. */
  connectMs: number;
  /** From sending the request to the response headers. */
  headersMs: number;
  /** Silence while the body streams in. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: RunwareTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };

/** The endpoint from `RUNWARE_API_URL` (tests point it at the local fake), else Runware's. */
export function runwareApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.RUNWARE_API_URL?.trim();
  if (!value) return DEFAULT_RUNWARE_API_URL;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`RUNWARE_API_URL must be an http(s) URL (got ${url.protocol}).`);
  }
  return value.replace(/\/+$/, '');
}
