/**
 * How Avatar Studio is packaged (electron-builder). `npm run dist` builds every target of
 * the host OS, `npm run dist:dir` an unpacked app. The icons come from resources/icon.svg,
 * rendered by `npm run icons` into build/ (generated, not committed).
 *
 * Only the built app (out/) and the runtime dependencies go into the package, inside an
 * asar archive; ffmpeg/ffprobe binaries are unpacked beside it because a program inside
 * an archive cannot be run. Electron's fuses are flipped so a packaged build cannot be
 * turned into a Node.js runtime, inspected, or pointed at code outside its archive.
 */

/** Set by the packaging test: a stand-in Electron cannot have its fuses flipped. */
const noFuses = process.env.AVATAR_STUDIO_NO_FUSES === '1';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'ai.avatarstudio.app',
  productName: 'Avatar Studio',
  executableName: 'avatar-studio',
  copyright: 'Copyright © 2026 Avatar Studio',
  directories: { output: 'dist', buildResources: 'build' },
  files: [
    'out/**/*',
    'package.json',
    // The window's icon (main loads it from beside out/).
    'resources/icon.png',
    // Nothing of the sources, tests, benchmarks or fixtures; no source maps.
    '!**/*.map',
    '!{electron,renderer,shared,tests,bench,docs,bin,.ci}/**/*',
  ],
  asar: true,
  asarUnpack: ['**/node_modules/ffmpeg-static/**', '**/node_modules/ffprobe-static/**'],
  electronFuses: noFuses
    ? null
    : {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableCookieEncryption: true,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'AudioVideo',
    icon: 'build/icons',
    // The command-line launcher sits beside the app (see README, "Install").
    extraResources: [{ from: 'resources/cli/avatar-studio', to: 'cli/avatar-studio' }],
    maintainer: 'Avatar Studio',
  },
  deb: { depends: ['ffmpeg'] },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    category: 'public.app-category.video',
    extraResources: [{ from: 'resources/cli/avatar-studio', to: 'cli/avatar-studio' }],
    icon: 'build/icon.png',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // Notarized when APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (or APPLE_API_KEY,
    // APPLE_API_KEY_ID, APPLE_API_ISSUER) are set; electron-builder says it skipped it otherwise.
    notarize: Boolean(process.env.APPLE_TEAM_ID || process.env.APPLE_API_KEY),
  },
  win: {
    target: ['nsis', 'zip'],
    icon: 'build/icon.ico',
    extraResources: [{ from: 'resources/cli/avatar-studio.cmd', to: 'cli/avatar-studio.cmd' }],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    deleteAppDataOnUninstall: false,
  },
};
