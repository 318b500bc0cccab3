import { randomUUID } from 'node:crypto';
import type { DoctorCheck } from '../../../shared/doctor.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import { isRunwareError } from '../runware/runware-error.ts';

/** A clock further off than this is worth a word (result links and logs are timed). */
const CLOCK_SKEW_MS = 5 * 60_000;

function messageOf(error: unknown): string {
  return isRunwareError(error) || error instanceof Error ? error.message : String(error);
}

export interface AccountCheckDeps {
  runware: RunwareClient;
  /** The key, read only to say whether there is one. */
  hasKey: () => boolean;
  /** Where the key comes from, in words ("stored in the system keychain", "RUNWARE_API_KEY"). */
  keySource: string;
  now?: () => number;
}

/**
 * The account, checked for free: the endpoint answering an empty request, the key with
 * the "Test key" request (getResponse for a made-up task), batched polling and
 * getTaskDetails, both for made-up tasks. Nothing that runs or bills is ever sent.
 */
export async function accountChecks(deps: AccountCheckDeps): Promise<DoctorCheck[]> {
  const { runware } = deps;
  const checks: DoctorCheck[] = [];
  const hasKey = deps.hasKey();
  checks.push(
    hasKey
      ? { id: 'api-key', ok: true, detail: `Set (${deps.keySource}).` }
      : { id: 'api-key', ok: false, detail: 'No Runware API key is set. Add it in Settings, or set RUNWARE_API_KEY for the command line.' },
  );
  let serverDate: string | undefined;
  try {
    const reached = await runware.reach();
    serverDate = reached.serverDate;
    checks.push({ id: 'endpoint', ok: true, detail: `${runware.endpoint} answered in ${reached.latencyMs} ms (HTTP ${reached.status}).` });
  } catch (error) {
    checks.push({ id: 'endpoint', ok: false, detail: `${runware.endpoint} could not be reached: ${messageOf(error)}` });
    for (const id of ['key-accepted', 'poll-batching', 'task-details'] as const) {
      checks.push({ id, ok: false, detail: 'Not checked: the endpoint could not be reached.' });
    }
    return checks;
  }
  if (!hasKey) {
    for (const id of ['key-accepted', 'poll-batching', 'task-details'] as const) {
      checks.push({ id, ok: false, detail: 'Not checked: there is no key to check with.' });
    }
    return [...checks, ...clockCheck(serverDate, deps.now)];
  }
  try {
    const checked = await runware.checkKey();
    serverDate = checked.serverDate ?? serverDate;
    checks.push({ id: 'key-accepted', ok: true, detail: `Runware accepted the key (${checked.latencyMs} ms).` });
  } catch (error) {
    checks.push({ id: 'key-accepted', ok: false, detail: messageOf(error) });
    for (const id of ['poll-batching', 'task-details'] as const) {
      checks.push({ id, ok: false, detail: 'Not checked: Runware did not accept the key.' });
    }
    return [...checks, ...clockCheck(serverDate, deps.now)];
  }
  try {
    const batching = await runware.checkPollBatching();
    checks.push(
      batching.supported
        ? { id: 'poll-batching', ok: true, detail: `Supported: ${batching.detail}.` }
        : {
            id: 'poll-batching',
            ok: true,
            warning: true,
            detail: `Not supported (${batching.detail}): the app will poll one task at a time, which costs more requests but works the same.`,
          },
    );
  } catch (error) {
    checks.push({
      id: 'poll-batching',
      ok: true,
      warning: true,
      detail: `Could not be checked (${messageOf(error)}); every answer is checked while polling.`,
    });
  }
  try {
    await runware.taskDetails(randomUUID());
    checks.push({
      id: 'task-details',
      ok: true,
      detail: 'getTaskDetails answered: a task getResponse no longer knows can still be recovered.',
    });
  } catch (error) {
    checks.push({
      id: 'task-details',
      ok: false,
      detail: `getTaskDetails was not answered (${messageOf(error)}). A task Runware's polls forget after a crash will not be resent, to avoid paying twice.`,
    });
  }
  return [...checks, ...clockCheck(serverDate, deps.now)];
}

/** Compares this computer's clock with the server's `Date` header, when it sent one. */
function clockCheck(serverDate: string | undefined, now: () => number = Date.now): DoctorCheck[] {
  const server = serverDate ? Date.parse(serverDate) : Number.NaN;
  if (!Number.isFinite(server)) return [];
  const skew = now() - server;
  const seconds = Math.round(Math.abs(skew) / 1000);
  if (Math.abs(skew) > CLOCK_SKEW_MS) {
    return [
      {
        id: 'clock',
        ok: true,
        warning: true,
        detail: `This computer's clock is ${seconds} s ${skew > 0 ? 'ahead of' : 'behind'} Runware's: times in logs and records will be off. Set the clock to update automatically.`,
      },
    ];
  }
  return [{ id: 'clock', ok: true, detail: `Within ${Math.max(1, seconds)} s of Runware's clock.` }];
}
