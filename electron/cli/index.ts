#!/usr/bin/env node
/**
 * The `avatar-studio` command line: the same core as the window, without Electron.
 * Runs directly on Node 24 (type stripping), e.g. `npm run --silent cli -- --help`.
 */
import { runCli } from './run-cli.ts';

// Ctrl+C or a TERM stops cleanly: the journal keeps the generation resumable.
const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stderr.isTTY === true,
  interrupted,
});
// Exit once stdout has flushed: a lingering keep-alive socket must not hold the process.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
