#!/usr/bin/env node
// Renders the app's icons for every platform from the one source, resources/icon.svg, into
// build/ (generated, git-ignored): build/icons/<n>x<n>.png for Linux, build/icon.png (1024)
// for macOS (electron-builder makes the .icns from it), build/icon.ico for Windows.
// Uses ffmpeg's SVG rasteriser (librsvg), the same ffmpeg the app needs anyway.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'resources', 'icon.svg');
const out = join(root, 'build');
const ffmpeg = process.env.FFMPEG_PATH || 'ffmpeg';
mkdirSync(join(out, 'icons'), { recursive: true });

function render(size, file) {
  try {
    execFileSync(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-c:v',
        'librsvg',
        '-width',
        String(size),
        '-height',
        String(size),
        '-i',
        source,
        '-frames:v',
        '1',
        file,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    const why = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    console.error(
      `Could not render ${file} from ${source}: ${why}\nInstall an ffmpeg built with librsvg (Debian/Ubuntu: apt-get install ffmpeg), or set FFMPEG_PATH.`,
    );
    process.exit(1);
  }
}

for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) render(size, join(out, 'icons', `${size}x${size}.png`));
render(1024, join(out, 'icon.png'));
// Windows reads sizes up to 256 from an .ico.
render(256, join(out, 'icon.ico'));
console.log(`Icons written to ${out}`);
