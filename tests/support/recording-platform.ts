import { rm } from 'node:fs/promises';
import type { Platform } from '../../electron/core/shell/platform.ts';

/**
 * The desktop shell for tests: records what the app asked of it, and answers file
 * and folder pickers with what the test put in `chooseNext`.
 */
export function recordingPlatform() {
  const record = {
    opened: [] as string[],
    revealed: [] as string[],
    trashed: [] as string[],
    notifications: [] as { title: string; body: string }[],
    progress: [] as (number | null)[],
    restarts: [] as { demo: boolean }[],
    chooseNext: { files: [] as string[], folder: null as string | null },
  };
  const platform: Platform = {
    openExternal: async (url) => void record.opened.push(url),
    showItemInFolder: (path) => void record.revealed.push(path),
    // The system trash is the person's: tests delete for real, and record it.
    trashItem: async (path) => {
      record.trashed.push(path);
      await rm(path, { recursive: true, force: true });
    },
    chooseFolder: async () => record.chooseNext.folder,
    chooseFiles: async () => record.chooseNext.files.splice(0),
    notify: (n) => void record.notifications.push(n),
    setProgress: (fraction) => void record.progress.push(fraction),
    restart: (options) => void record.restarts.push(options),
  };
  return { platform, ...record };
}
export type RecordingPlatform = ReturnType<typeof recordingPlatform>;
