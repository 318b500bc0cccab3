import type { Env } from './ffmpeg-locator.ts';

/**
 * What ffmpeg and ffprobe may see of the environment: where programs are, the locale,
 * the temp folder, and what Windows needs to start a process. Nothing else of the
 * person's environment reaches them (never RUNWARE_API_KEY, tokens, proxies' passwords).
 */
const KEPT = /^(PATH|PATHEXT|SYSTEMROOT|WINDIR|COMSPEC|TMPDIR|TEMP|TMP|LANG|LANGUAGE|LC_[A-Z]+)$/i;

export function toolEnv(env: Env): Env {
  const kept: Env = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && KEPT.test(key)) kept[key] = value;
  }
  return kept;
}
