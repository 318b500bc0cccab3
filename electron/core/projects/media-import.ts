import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

export interface ImportedMedia {
  /** Project-relative path: `media/<sha256-16>.<ext>`. */
  file: string;
  sha256: string;
  originalName: string;
  bytes: number;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies an input into the project's `media/` folder under a name made from its
 * content, so importing the same portrait twice keeps one copy and the project
 * never depends on the original file staying where it was.
 */
export async function importMedia(projectDir: string, source: string): Promise<ImportedMedia> {
  const info = await stat(source).catch(() => null);
  if (!info?.isFile()) {
    throw new AppError('media_missing', `“${basename(source)}” was not found or is not a file.`);
  }
  const sha256 = await sha256File(source);
  const ext = extname(source)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '')
    .slice(0, 8);
  const name = `${sha256.slice(0, 16)}${ext}`;
  const dir = join(projectDir, 'media');
  const target = join(dir, name);
  const existing = await stat(target).catch(() => null);
  if (!existing || existing.size !== info.size) {
    await mkdir(dir, { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await copyFile(source, temp);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }
  return { file: `media/${name}`, sha256, originalName: basename(source), bytes: info.size };
}
