import { runCli } from '../cli/run-cli.ts';

/** The arguments after `--cli`, or null when the app was started to open its window. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at < 0 ? null : argv.slice(at + 1);
}

export interface PackagedCliDeps {
  /** Ends the process with the command's exit code (Electron's `app.exit`). */
  exit: (code: number) => void;
  /** Keeps a command from showing in the macOS Dock. */
  hideDock?: () => void;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY?: boolean;
  interrupted?: Promise<void>;
}

/**
 * The command line of an installed app. With the RunAsNode fuse off, the Electron binary can
 * no longer be borrowed as Node, so the app itself answers `--cli <command> …`: no window, no
 * single-instance lock, the same engine and the same exit codes as `avatar-studio`.
 */
export async function runPackagedCli(args: readonly string[], deps: PackagedCliDeps): Promise<number> {
  deps.hideDock?.();
  const code = await runCli(args, {
    stdout: deps.stdout,
    stderr: deps.stderr,
    env: deps.env,
    isTTY: deps.isTTY,
    interrupted: deps.interrupted,
  });
  deps.exit(code);
  return code;
}
