import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { isInside } from '../fs/contained-paths.ts';

/** Enough for every file a person drops or picks in a long session; the oldest go first. */
const MAX_GRANTS = 10_000;

/**
 * The files the window may name, because the person chose them: a drop (the preload
 * reports each path it reads with webUtils, which only knows real dropped files), or a
 * dialog main ran. A window that sends any other path (one XSS away from any payload)
 * is refused, except for files inside a project that is open.
 */
export class PathGrants {
  readonly #granted = new Set<string>();

  add(path: string): void {
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || path.includes('\0')) return;
    const absolute = resolve(path);
    this.#granted.delete(absolute);
    this.#granted.add(absolute);
    if (this.#granted.size > MAX_GRANTS) this.#granted.delete(this.#granted.values().next().value as string);
  }

  /** The path made absolute when the person chose it (or it lies inside one of `openFolders`); else a refusal. */
  check(path: string, openFolders: readonly string[]): string {
    const absolute = resolve(path);
    if (this.#granted.has(absolute) || openFolders.some((dir) => isInside(dir, absolute))) return absolute;
    throw new AppError(
      'path_not_granted',
      'Avatar Studio only opens files you chose: drop the file on the window, or pick it with Choose….',
    );
  }
}
