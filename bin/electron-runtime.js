#!/usr/bin/env node
// Runs before `npm start` and `npm run dev`. electron-vite only looks for the Electron runtime; the
// `electron` package is what downloads it (about 100 MB, from GitHub) the first time it is asked
// for its path. Asking here turns a bare "Electron uninstall" into a download on first launch, and
// a failed download into a message that says what to do.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function fail(reason) {
  console.error(
    [
      '',
      `Avatar Studio cannot open its window: ${reason}`,
      'Electron downloads its runtime from GitHub the first time the app starts. Check the internet',
      'connection (or set HTTPS_PROXY, or ELECTRON_MIRROR to a mirror you can reach), then run',
      '`npm start` again. The command line (`npm run cli -- --help`) and `npm test` work without it.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

let binary;
try {
  binary = require('electron');
} catch {
  // The package has already printed the download's own error above.
  fail('the Electron runtime could not be downloaded.');
}
if (typeof binary !== 'string' || !existsSync(binary)) fail(`the Electron runtime is missing (looked for ${binary}).`);
