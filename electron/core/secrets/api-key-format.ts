import { AppError } from '../../../shared/errors.ts';

const KEY_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;
const WHERE = 'Copy it again from the API Keys page of your Runware account (my.runware.ai).';

/**
 * Catches paste accidents before a key is stored: empty input, stray spaces or line
 * breaks inside, a fragment. Whether Runware accepts the key is a separate check.
 */
export function normaliseApiKey(raw: string): string {
  const key = raw.trim();
  if (key.length === 0) throw new AppError('key_invalid_format', 'Paste your Runware API key first.');
  if (/\s/.test(key)) {
    throw new AppError('key_invalid_format', `That key contains spaces or line breaks. ${WHERE}`);
  }
  if (key.length < 16) {
    throw new AppError('key_invalid_format', `That is too short to be a Runware API key (${key.length} characters). ${WHERE}`);
  }
  if (key.length > 256) {
    throw new AppError('key_invalid_format', `That is too long to be a Runware API key (${key.length} characters). ${WHERE}`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('key_invalid_format', `That key contains characters a Runware API key never has. ${WHERE}`);
  }
  return key;
}

export function lastFour(key: string): string {
  return key.slice(-4);
}
