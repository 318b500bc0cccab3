import { useEffect, useState } from 'react';
import type { GenerationRecord } from '../../../../shared/generation.ts';
import { messageOf } from '../../ipc/studio.ts';
import { loadGeneration } from './actions.ts';

export type RecordState = { status: 'loading' } | { status: 'ready'; record: GenerationRecord } | { status: 'error'; message: string };

// Records read recently, by id and version, so flicking through the grid does not
// read the same generation.json again and again.
const cache = new Map<string, GenerationRecord>();
const CACHE_LIMIT = 64;

function remember(key: string, record: GenerationRecord): void {
  cache.delete(key);
  cache.set(key, record);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/** The whole record of a generation (prompt, inputs, settings), read again when it changes. */
export function useGenerationRecord(projectDir: string | null, id: string | null, version: string | null): RecordState | null {
  const key = projectDir && id ? `${projectDir}\n${id}\n${version ?? ''}` : null;
  const [state, setState] = useState<{ key: string; value: RecordState } | null>(null);

  useEffect(() => {
    if (!key || !projectDir || !id) return;
    const cached = cache.get(key);
    if (cached) {
      setState({ key, value: { status: 'ready', record: cached } });
      return;
    }
    let live = true;
    setState({ key, value: { status: 'loading' } });
    loadGeneration(projectDir, id)
      .then((record) => {
        remember(key, record);
        if (live) setState({ key, value: { status: 'ready', record } });
      })
      .catch((error: unknown) => {
        if (live) setState({ key, value: { status: 'error', message: messageOf(error) } });
      });
    return () => {
      live = false;
    };
  }, [key, projectDir, id]);

  if (!key) return null;
  const cached = cache.get(key);
  if (state?.key === key) return state.value;
  return cached ? { status: 'ready', record: cached } : { status: 'loading' };
}
