import type { Platform } from '../core/shell/platform.ts';

/** The command line's desktop shell: no windows, no dialogs, no notifications; nothing is opened or shown. */
export const headlessPlatform: Platform = {
  openExternal: () => Promise.resolve(),
  showItemInFolder: () => undefined,
  // Without a desktop there is no system trash: trashed folders stay in the project's .studio/trash.
  trashItem: () => Promise.reject(new Error('no system trash without a desktop')),
  chooseFolder: () => Promise.resolve(null),
  chooseFiles: () => Promise.resolve([]),
  notify: () => undefined,
  setProgress: () => undefined,
  // The command line enters the demo with --demo; nothing restarts it.
  restart: () => undefined,
};
