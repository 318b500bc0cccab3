import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The media pipeline's hidden partial outputs: `.<name>.<8 hex>.part`. */
const MEDIA_PARTIAL = /^\..+\.[0-9a-f]{8}\.part$/;

/**
 * Removes half-written media files a crash left in a generation folder. Download
 * partials (`take-N.mp4.part`) are kept: they resume with HTTP Range.
 */
export async function removeStalePartials(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((n) => MEDIA_PARTIAL.test(n));
  await Promise.all(stale.map((n) => rm(join(folder, n), { force: true })));
  return stale;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This process's scratch folder under `root` (`p<pid>`), after removing those of
 * processes that are gone (a crash leaves them behind). The window and a command
 * line can run side by side: neither touches the other's folder.
 */
export async function scratchFolder(root: string): Promise<string> {
  const names = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => /^p\d+$/.test(n) && Number(n.slice(1)) !== process.pid && !alive(Number(n.slice(1))))
      .map((n) => rm(join(root, n), { recursive: true, force: true })),
  );
  return join(root, `p${process.pid}`);
}
