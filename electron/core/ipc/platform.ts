/**
 * What handlers need from the desktop shell. Electron implements it in
 * electron/main; the E2E harness implements it with recorders.
 */
export interface Platform {
  /** Opens an https link in the system browser (the URL is already checked). */
  openExternal(url: string): Promise<void>;
}
