export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const EXIT = {
  ok: 0,
  usage: 2,
  refused: 3,
  gaveUp: 4,
  interrupted: 130,
} as const;

export const USAGE = `Avatar Studio — lip-synced talking-head videos from a portrait and a voice.

Usage:
  avatar-studio generate --image <file> --audio <file> [--start <sec>] [--end <sec>] [--prompt <text>]
                         [--cfg <0-10>] [--results <1-4>] [--format mp4|webm|mov] [--quality <20-99>]
                         [--project <dir>] [--json]
  avatar-studio resume   --project <dir> [--json]
  avatar-studio list     --project <dir> [--json]
  avatar-studio export   <generation-id> --project <dir> --format mp4|webm|mov --out <file>

Environment:
  RUNWARE_API_KEY   your Runware API key
  RUNWARE_API_URL   the API endpoint (default https://api.runware.ai/v1)
`;

/** Parses and runs one command; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  io.stderr(`Unknown command "${command}".\n\n${USAGE}`);
  return EXIT.usage;
}
