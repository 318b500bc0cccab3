import { randomUUID } from 'node:crypto';
import type { Notice } from '../../../shared/notices.ts';
import { Listeners } from './listeners.ts';

/**
 * Messages for the person at the window. Notices raised before the window listens
 * (during startup) are kept until the renderer takes them, so none is lost; the
 * renderer de-duplicates by id because a pending notice is also sent as an event.
 */
export class NoticeCenter {
  readonly #pending: Notice[] = [];
  readonly #listeners = new Listeners<Notice>();

  push(level: Notice['level'], message: string): Notice {
    const notice: Notice = { id: randomUUID(), level, message };
    this.#pending.push(notice);
    // Bounded: a window that never asks must not make this grow forever.
    if (this.#pending.length > 50) this.#pending.shift();
    this.#listeners.emit(notice);
    return notice;
  }

  /** Returns and forgets the notices not yet shown. */
  take(): Notice[] {
    return this.#pending.splice(0, this.#pending.length);
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    return this.#listeners.add(listener);
  }
}
