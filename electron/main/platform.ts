import type { Shell } from 'electron';
import type { Platform } from '../core/ipc/platform.ts';

export function electronPlatform(shell: Pick<Shell, 'openExternal'>): Platform {
  return {
    openExternal: (url) => shell.openExternal(url),
  };
}
