#!/usr/bin/env node
/**
 * The `avatar-studio` command line: the same core as the window, without Electron.
 * Runs directly on Node 24 (type stripping), e.g. `npm run --silent cli -- --help`.
 */
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
