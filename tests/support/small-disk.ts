import { execFile } from 'node:child_process';
import { mkdir, open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A real, small filesystem (tmpfs) that tests fill up: ENOSPC from the kernel, not from a mock. */
export interface SmallDisk {
  dir: string;
  /** Fills the disk until `leaveBytes` are free (0: completely). */
  fill(leaveBytes?: number): Promise<void>;
  /** Frees what `fill` took. */
  free(): Promise<void>;
  freeBytes(): Promise<number>;
  unmount(): Promise<void>;
}

/**
 * Mounts a tmpfs of `sizeMB` at `dir`. Needs root (or CAP_SYS_ADMIN); where mounting is
 * not allowed, answers with the reason, for the test to say why it skipped.
 */
export async function mountSmallDisk(dir: string, sizeMB: number): Promise<SmallDisk | { skip: string }> {
  await mkdir(dir, { recursive: true });
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMB}m`, 'tmpfs', dir]);
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return { skip: `a small disk could not be mounted here (${reason}); the disk-full tests need root to mount a tmpfs` };
  }
  const filler = join(dir, '.filler');
  const freeBytes = async () => {
    const info = await statfs(dir);
    return Number(info.bavail) * Number(info.bsize);
  };
  return {
    dir,
    freeBytes,
    async fill(leaveBytes = 0) {
      const handle = await open(filler, 'a');
      const chunk = Buffer.alloc(256 * 1024, 1);
      try {
        for (;;) {
          const room = (await freeBytes()) - leaveBytes;
          if (room <= 0) break;
          await handle.write(chunk, 0, Math.min(chunk.length, room));
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await handle.close();
      }
    },
    free: () => rm(filler, { force: true }),
    async unmount() {
      await run('umount', ['-l', dir]).catch(() => undefined);
    },
  };
}
