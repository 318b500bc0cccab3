/**
 * What the engine and handlers need from the desktop shell. Electron implements it
 * in electron/main; the E2E harness implements it with recorders.
 */
export interface Platform {
  /** Opens an https link in the system browser (the URL is already checked). */
  openExternal(url: string): Promise<void>;
  /** Shows a file or folder in the system file manager. */
  showItemInFolder(path: string): void;
  /** Moves a file or folder to the system trash (recoverable by the person). */
  trashItem(path: string): Promise<void>;
  /** A folder picked by the person, or null when they canceled. */
  chooseFolder(options: { title: string; defaultPath?: string }): Promise<string | null>;
  /** Files picked by the person (possibly none). */
  chooseFiles(options: { title: string; kind: 'image' | 'audio' | 'any' | 'manifest'; multiple: boolean }): Promise<string[]>;
  /** A native notification (already filtered by the person's setting). */
  notify(notification: { title: string; body: string }): void;
  /** Taskbar/dock progress: 0–1, or null to clear it. */
  setProgress(fraction: number | null): void;
  /**
   * Starts the app again, in the demo or out of it: the demo is a session of its own
   * (its stand-in, key and projects), so entering or leaving it is a clean restart.
   */
  restart(options: { demo: boolean }): void;
}
