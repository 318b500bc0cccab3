import { RunwareClient } from '../../electron/core/runware/runware-client.ts';
import { UploadCache } from '../../electron/core/runware/upload-cache.ts';
import type { EndpointFindings } from '../../electron/core/runware/endpoint-findings.ts';
import type { RetryPolicy } from '../../electron/core/runware/retry-policy.ts';
import type { Logger } from '../../electron/core/logging/logger.ts';
import type { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';

/** Retries as in production, only with short waits so tests stay quick. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 5_000 };

export function clientFor(
  fake: FakeRunware,
  options: { key?: string | null; cache?: UploadCache; findings?: EndpointFindings; logger?: Logger; retry?: RetryPolicy } = {},
): RunwareClient {
  const key = options.key === undefined ? fake.apiKey : options.key;
  return new RunwareClient({
    baseUrl: fake.url,
    apiKey: () => key,
    uploadCache: options.cache ?? new UploadCache(),
    ...(options.findings ? { findings: options.findings } : {}),
    retry: options.retry ?? FAST_RETRY,
    logger: options.logger,
    timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
  });
}
