import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Avatar Studio';

/**
 * The same folder Electron's `app.getPath('userData')` gives, so the CLI and the
 * window share settings and the upload cache. `AVATAR_STUDIO_DATA` overrides it.
 */
export function defaultAppDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.AVATAR_STUDIO_DATA) return env.AVATAR_STUDIO_DATA;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

/** ~/Documents/Avatar Studio: where projects live unless the person picks another folder. */
export function defaultProjectsRoot(home: string = homedir()): string {
  return join(home, 'Documents', APP_NAME);
}
