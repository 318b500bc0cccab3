import { isAppError } from '../../shared/errors.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { UsageError } from './cli-args.ts';
import { batchCommand } from './commands/batch.ts';
import { doctorCommand } from './commands/doctor.ts';
import { exportCommand } from './commands/export.ts';
import { generateCommand } from './commands/generate.ts';
import { listCommand } from './commands/list.ts';
import { resumeCommand } from './commands/resume.ts';
import { speakCommand } from './commands/speak.ts';
import { portraitCommand } from './commands/portrait.ts';
import { SETTINGS_HELP } from './settings-options.ts';

export const USAGE = `Avatar Studio — lip-synced talking-head videos from a portrait and a voice.

Usage:
  avatar-studio generate --image <file>|--portrait-prompt <text>
                         --audio <file>|--script <text>|--script-file <file> --voice <name>
                         [--tts-model <air>] [--start <sec>] [--end <sec>] [settings]
                         [--project <dir>] [--split auto] [--json]
  avatar-studio batch    <manifest.csv|json> --project <dir> [settings] [--json]
  avatar-studio resume   --project <dir> [--json]
  avatar-studio list     --project <dir> [--json]
  avatar-studio export   <generation-id> --project <dir> --format mp4|webm|mov [--out <file>]
                         [--take <n>] [--quality high|balanced|small] [--original-audio]
  avatar-studio doctor   [--json]
  avatar-studio speak    --text <text>|--text-file <file> --voice <name> [--tts-model <air>]
                         --project <dir> [--out <file>] [--json]
  avatar-studio portrait --prompt <text> [--count 1-4] --project <dir> [--json]
  Any command with --demo runs against the built-in stand-in instead of Runware: no key,
  nothing billed, videos are the portrait held still over the audio (no lip-sync).

--project is the project folder itself (created if missing); without it, "Default"
in the projects folder is used. --json prints one JSON object on stdout at the end;
progress goes to stderr. --split auto makes audio over 60 s in parts, cut at its
pauses and joined into one video. A batch manifest lists image,audio,prompt,start,
end,name and optionally model,ttl,webhookURL,uploadEndpoint,safety (CSV with that
header line, or JSON); relative paths are from its folder; a row's columns win over flags.
export writes into the project's exports/ folder, named by its template, unless --out says where.
doctor checks ffmpeg, the folders, the key and what the endpoint supports, sending
nothing billable; it exits 0 when everything required works, 1 otherwise.

Settings (generate and batch; absent ones come from the project's defaults):
${SETTINGS_HELP}

Environment:
  RUNWARE_API_KEY   your Runware API key
  RUNWARE_API_URL   the API endpoint (default https://api.runware.ai/v1)

Exit codes:
  0 done · 1 the generation failed · 2 invalid input or usage (nothing sent)
  3 refused by Runware (key, balance, validation, content) · 4 gave up after network
  or server errors (resumable with "resume") · 130 interrupted (resumable)
`;

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  generate: generateCommand,
  resume: resumeCommand,
  list: listCommand,
  export: exportCommand,
  batch: batchCommand,
  doctor: doctorCommand,
  speak: speakCommand,
  portrait: portraitCommand,
};

/** Parses and runs one command; returns the exit code. */
export async function runCli(given: readonly string[], givenIo: CliIo): Promise<number> {
  // --demo may stand anywhere: it changes where the command runs, not what it does.
  const demo = given.includes('--demo');
  const argv = given.filter((a) => a !== '--demo');
  const io: CliIo = demo ? { ...givenIo, demo } : givenIo;
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`Unknown command "${command}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\nRun "avatar-studio --help" for usage.\n`);
      return EXIT.usage;
    }
    if (isAppError(error)) {
      io.stderr(`${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`Avatar Studio failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

export { EXIT, type CliIo };
