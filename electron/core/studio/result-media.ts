import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaOps } from '../jobs/media-ops.ts';
import type { ImportedMedia } from '../projects/media-import.ts';
import type { Project } from '../projects/project.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import { RunwareError, isRunwareError } from '../runware/runware-error.ts';
import type { ResultMedia } from '../runware/sync-media-tasks.ts';
import type { Projects } from './projects.ts';

/** What the use cases that buy media from Runware (speech, portraits) need. */
export interface PaidMediaDeps {
  projects: Projects;
  runware: RunwareClient;
  media: MediaOps;
  /** This process's scratch folder: results land here before they are imported. */
  scratchDir: string;
}

/**
 * A result Runware made, into the project's media like any imported file: downloaded (or
 * written from the answer's bytes) into the scratch folder, checked by `check`, imported,
 * and the scratch copy removed whatever happens.
 */
export async function importResult<T>(
  deps: PaidMediaDeps,
  project: Project,
  result: ResultMedia,
  name: string,
  check: (file: string) => Promise<T>,
): Promise<{ imported: ImportedMedia; facts: T }> {
  await mkdir(deps.scratchDir, { recursive: true });
  const download = join(deps.scratchDir, name);
  try {
    if ('url' in result) await deps.runware.download(result.url, download);
    else await writeFile(download, result.bytes);
    const facts = await check(download);
    return { imported: await project.importMedia(download), facts };
  } finally {
    await rm(download, { force: true });
  }
}

/**
 * Runware's refusals in the words of what was bought: the client words a low balance or a
 * content block for a generation; a script or a description hears about itself.
 */
export function inWordsOf(error: unknown, what: 'speech' | 'portraits'): unknown {
  if (!isRunwareError(error)) return error;
  const said =
    error.category === 'credits'
      ? `Your Runware balance is too low for ${what === 'speech' ? 'this speech' : 'these portraits'}. Top up your account at my.runware.ai, then try again.`
      : error.category === 'safety'
        ? `Runware's content check blocked this request. Change the ${what === 'speech' ? 'script' : 'description'}.`
        : null;
  return said === null ? error : new RunwareError({ ...error.fields(), message: said });
}
