/**
 * `npm run fake-runware`: the local Runware stand-in on its own, so the app and the
 * CLI can be tried end to end without an account:
 *   RUNWARE_API_URL=<printed url> RUNWARE_API_KEY=<printed key> npm run cli -- generate …
 * Options (environment): PORT, FAKE_GENERATION_MS (time to finish a take, default 8000),
 * or FAKE_POLLS (finish after that many polls instead).
 * Prompts can ask for failures: "[fail:timeoutProvider]" fails the task, "[blocked]"
 * is refused by the content check.
 */
import { FakeRunware } from './fake-runware.ts';

const fake = await FakeRunware.start({
  port: Number(process.env.PORT ?? 0),
  pollsBeforeSuccess: process.env.FAKE_POLLS ? Number(process.env.FAKE_POLLS) : undefined,
  // Time-based by default, like the real service: a take is ready a few seconds after submission.
  generationMs: process.env.FAKE_POLLS ? undefined : Number(process.env.FAKE_GENERATION_MS ?? 8000),
  videoHeight: 480,
});
process.stdout.write(`Fake Runware listening on ${fake.url}\nAPI key: ${fake.apiKey}\n\n`);
process.stdout.write(`  export RUNWARE_API_URL=${fake.url}\n  export RUNWARE_API_KEY=${fake.apiKey}\n\nCtrl+C to stop.\n`);
const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
