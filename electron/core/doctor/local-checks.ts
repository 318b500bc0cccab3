import { randomUUID } from 'node:crypto';
import { mkdir, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorCheck } from '../../../shared/doctor.ts';
import { locateFfmpeg, versionOf, type Env } from '../media/ffmpeg-locator.ts';

/** Below this much free space a folder is reported: one 60 s take and its inputs need tens of MB. */
export const LOW_SPACE_BYTES = 500 * 1024 * 1024;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** ffmpeg (required) and ffprobe (optional: probing falls back to `ffmpeg -i`), with where each was found. */
export async function toolChecks(env: Env): Promise<DoctorCheck[]> {
  try {
    const tools = await locateFfmpeg({ env });
    const ffmpeg: DoctorCheck = { id: 'ffmpeg', ok: true, detail: `${tools.version} — ${tools.ffmpeg} (from ${tools.ffmpegSource})` };
    if (!tools.ffprobe) {
      return [
        ffmpeg,
        {
          id: 'ffprobe',
          ok: true,
          warning: true,
          detail:
            'Not found: files are read with ffmpeg instead, which works but is slower. Install ffprobe beside ffmpeg, or set FFPROBE_PATH.',
        },
      ];
    }
    const version = (await versionOf(tools.ffprobe, 'ffprobe', env)) ?? 'ffprobe';
    return [ffmpeg, { id: 'ffprobe', ok: true, detail: `${version} — ${tools.ffprobe} (from ${tools.ffprobeSource})` }];
  } catch (error) {
    return [
      { id: 'ffmpeg', ok: false, detail: messageOf(error) },
      { id: 'ffprobe', ok: false, detail: 'Not checked: ffmpeg was not found.' },
    ];
  }
}

/** A folder the app writes to: created if missing, a file written and removed, its free space. */
export async function folderCheck(id: 'projects-folder' | 'app-data', dir: string): Promise<DoctorCheck> {
  const probe = join(dir, `.avatar-studio-check-${randomUUID()}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, 'check');
    await rm(probe, { force: true });
  } catch (error) {
    return {
      id,
      ok: false,
      detail: `${dir} cannot be written to (${(error as NodeJS.ErrnoException).code ?? messageOf(error)}). Choose another folder, or fix its permissions.`,
    };
  }
  const space = await statfs(dir).catch(() => null);
  if (!space) return { id, ok: true, detail: `${dir} — writable (free space unknown)` };
  const free = space.bavail * space.bsize;
  if (free < LOW_SPACE_BYTES) {
    return {
      id,
      ok: false,
      detail: `${dir} — only ${formatBytes(free)} free: downloads will stop for lack of space. Free some space first.`,
    };
  }
  return { id, ok: true, detail: `${dir} — writable, ${formatBytes(free)} free` };
}
