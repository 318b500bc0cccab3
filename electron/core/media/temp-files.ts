import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Produces `target` through a hidden partial file beside it, renamed into place
 * only once it is complete and on disk; on any failure or cancellation the partial
 * file is removed. A crash therefore never leaves half a file under the final name,
 * and nothing is written outside the target's folder.
 */
export async function writeBeside<T>(target: string, write: (partFile: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(target), { recursive: true });
  const part = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    const result = await write(part);
    await syncFile(part);
    await rename(part, target);
    return result;
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** Flushes a finished file to disk so the rename that follows cannot outlive its contents. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A private scratch folder inside `parent`, removed afterwards whatever happens. */
export async function withTempDir<T>(parent: string, use: (dir: string) => Promise<T>): Promise<T> {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, 'avatar-studio-media-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}
