import type { GenerationSummary } from '../../../../shared/generation.ts';
import { money } from '../../../../shared/money.ts';
import { command } from '../../app/command.ts';
import { toast } from '../../app/ui-store.ts';
import { call, studio } from '../../ipc/studio.ts';
import { currentDir } from '../projects/actions.ts';
import { useProjects } from '../projects/projects-store.ts';

/** The failed part a retry of `g` should make again: a failed part itself, or the first failed part of a split generation. */
export function failedPartOf(g: GenerationSummary, all: Record<string, GenerationSummary>): number | null {
  if (g.parent) return g.parent.index;
  if (g.kind !== 'sequence') return null;
  for (const part of g.parts ?? []) {
    const state = part.generationId ? all[part.generationId]?.state : undefined;
    if (state === 'failed' || state === 'canceled') return part.index;
  }
  return null;
}

/**
 * Makes a failed generation again (the person confirmed the price): a failed part
 * is remade inside its split generation; anything else becomes a new generation.
 */
export async function retryGeneration(g: GenerationSummary): Promise<GenerationSummary | null> {
  const dir = currentDir();
  if (!dir) return null;
  const part = failedPartOf(g, useProjects.getState().generations);
  const again = await command(() =>
    call(
      part !== null
        ? studio().generations.retryPart({ projectDir: dir, id: g.parent?.id ?? g.id, part })
        : studio().generations.retry({ projectDir: dir, id: g.id }),
    ),
  );
  if (!again) return null;
  useProjects.getState().upsert(dir, again);
  toast(
    'info',
    part !== null ? `Making part ${part} of “${again.name}” again.` : `Queued “${again.name}” again · ${money(again.estimateUSD)}.`,
  );
  return again;
}

/** Cancels a generation that was not sent for billing yet. */
export function cancelGeneration(id: string): void {
  const dir = currentDir();
  if (dir) void command(() => call(studio().generations.cancel({ projectDir: dir, id })));
}

/** Pauses the queue (what Runware already has keeps running), or resumes it, retrying what waited on the person. */
export function setQueuePaused(paused: boolean): void {
  void command(async () => useProjects.getState().setQueue(await call(paused ? studio().queue.pause() : studio().queue.resume())));
}
