import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

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
