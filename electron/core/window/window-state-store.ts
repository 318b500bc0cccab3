import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';
import { WindowBoundsSchema, type WindowBounds } from './window-bounds.ts';

/** `window-state.json`: the main window's last size and position. */
export class WindowStateStore {
  readonly #file: string;
  #timer: NodeJS.Timeout | null = null;
  #pending: WindowBounds | null = null;

  constructor(appDataDir: string) {
    this.#file = join(appDataDir, 'window-state.json');
  }

  async load(): Promise<WindowBounds | null> {
    const read = await readJson(this.#file, WindowBoundsSchema);
    // A damaged geometry file is not worth a notice: the default layout is fine.
    return read.kind === 'ok' ? read.value : null;
  }

  /** Debounced: moving a window fires many events; one write after it settles is enough. */
  schedule(bounds: WindowBounds, delayMs = 400): void {
    this.#pending = bounds;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), delayMs);
  }

  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const bounds = this.#pending;
    this.#pending = null;
    if (bounds) await writeJsonAtomic(this.#file, bounds).catch(() => undefined);
  }
}
