import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

/**
 * A folder name that is valid on Windows, macOS and Linux: no reserved characters,
 * no trailing dots or spaces, no reserved device names, not too long.
 */
export function safeFolderName(name: string, fallback = 'Untitled'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80)
    .trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return fallback;
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned)) return `${cleaned}_`;
  return cleaned;
}

/** A short, readable, filesystem-safe slug (for generation folders and file names). */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** True when `target` is `root` or inside it (no `..` escape). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(resolve(root), resolve(target));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Joins a path under `root` and refuses anything that would land outside it: the
 * app never writes outside the project.
 */
export function within(root: string, ...parts: string[]): string {
  const target = resolve(root, ...parts);
  if (!isInside(root, target)) {
    throw new AppError('path_outside_project', 'Avatar Studio refused to use a path outside the project folder.');
  }
  return target;
}
