import { z } from 'zod';

/**
 * Where the API key lives. The Linux values are Electron's safeStorage backends;
 * `basic_text` and `unknown` mean "no real keyring" (the bytes on disk are only
 * obfuscated), so the key stays in memory unless the user opts in.
 */
export const KEY_BACKENDS = [
  'macos_keychain',
  'windows_dpapi',
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
  'basic_text',
  'unknown',
  'environment',
  'memory',
] as const;

export const KeyBackendSchema = z.enum(KEY_BACKENDS);
export type KeyBackend = z.infer<typeof KeyBackendSchema>;

/** Everything the renderer may ever know about the key: never the key itself. */
export const KeyStatusSchema = z
  .object({
    configured: z.boolean(),
    last4: z.string().length(4).nullable(),
    backend: KeyBackendSchema,
    persisted: z.boolean(),
  })
  .strict();
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

const WEAK_BACKENDS: ReadonlySet<KeyBackend> = new Set(['basic_text', 'unknown']);

/** True when the backend cannot really protect a stored key. */
export function isWeakBackend(backend: KeyBackend): boolean {
  return WEAK_BACKENDS.has(backend);
}

export const BACKEND_LABELS: Record<KeyBackend, string> = {
  macos_keychain: 'macOS Keychain',
  windows_dpapi: 'Windows Data Protection',
  gnome_libsecret: 'GNOME Keyring (libsecret)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
  basic_text: 'no system keyring',
  unknown: 'no system keyring detected',
  environment: 'the RUNWARE_API_KEY environment variable',
  memory: 'memory only',
};

/** Where the key is, in words (the same in Settings and in `doctor`): never the key, at most its last four characters. */
export function describeKeyStatus(status: KeyStatus): string {
  if (!status.configured) return 'No key set.';
  const where = status.persisted
    ? `saved with ${BACKEND_LABELS[status.backend]}`
    : status.backend === 'environment'
      ? 'from the RUNWARE_API_KEY environment variable'
      : 'kept in memory until Avatar Studio quits';
  return `Key ending in ${status.last4} · ${where}.`;
}
