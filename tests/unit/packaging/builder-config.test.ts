import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

interface Target {
  target: string;
  arch?: string[];
}
interface Config {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  electronFuses: Record<string, boolean> | null;
  linux: { target: string[]; extraResources: { from: string }[] };
  mac: { target: Target[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean };
  win: { target: string[]; extraResources: { from: string }[] };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean; deleteAppDataOnUninstall: boolean };
}

function config(env: Record<string, string | undefined> = {}): Config {
  const path = require.resolve(resolve(ROOT, 'electron-builder.config.cjs'));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    delete require.cache[path];
    return require(path) as Config;
  } finally {
    process.env = saved;
  }
}

describe('the packaging configuration', () => {
  it('builds AppImage and deb, dmg and zip for both Mac architectures, an NSIS installer and a portable zip', () => {
    const c = config();
    expect(c.appId).toBe('ai.avatarstudio.app');
    expect(c.productName).toBe('Avatar Studio');
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(c.win.target).toEqual(['nsis', 'zip']);
    // Per user, the folder is the person's choice, and their projects stay when it is removed.
    expect(c.nsis).toEqual({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
    });
    expect(c.mac.hardenedRuntime).toBe(true);
    expect(existsSync(resolve(ROOT, c.mac.entitlements))).toBe(true);
    expect(c.mac.entitlementsInherit).toBe(c.mac.entitlements);
  });

  it('flips every fuse that would let a packaged build be used as something else', () => {
    expect(config({ AVATAR_STUDIO_NO_FUSES: undefined }).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the built app into an asar, with ffmpeg unpacked beside it', () => {
    const c = config();
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toEqual(['**/node_modules/ffmpeg-static/**', '**/node_modules/ffprobe-static/**']);
    expect(c.files).toContain('out/**/*');
    expect(c.files).toContain('package.json');
    const excluded = c.files.filter((f) => f.startsWith('!')).join(' ');
    for (const folder of ['electron', 'renderer', 'shared', 'tests', 'bench']) expect(excluded).toContain(folder);
    expect(excluded).toContain('*.map');
  });

  it('ships the command-line launchers, and notarizes only when Apple credentials are set', () => {
    const c = config({ APPLE_TEAM_ID: undefined, APPLE_API_KEY: undefined });
    expect(c.linux.extraResources.map((r) => r.from)).toEqual(['resources/cli/avatar-studio']);
    expect(c.win.extraResources.map((r) => r.from)).toEqual(['resources/cli/avatar-studio.cmd']);
    for (const r of [...c.linux.extraResources, ...c.win.extraResources]) expect(existsSync(resolve(ROOT, r.from))).toBe(true);
    expect(c.mac.notarize).toBe(false);
    expect(config({ APPLE_TEAM_ID: 'TEAM123456' }).mac.notarize).toBe(true);
  });
});
