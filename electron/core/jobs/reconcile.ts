import type { GenerationRecord, GenerationState } from '../../../shared/generation.ts';
import type { Project } from '../projects/project.ts';
import type { TaskPoll } from '../runware/poll-result.ts';
import type { EngineCore } from './engine-core.ts';
import type { JobHandle } from './job-handle.ts';
import { removeStalePartials } from './stale-files.ts';
import { resumeStateAfterCrash } from './transitions.ts';

/**
 * Start-up (the app opening a project, `cli resume`): takes over a record found on disk
 * and reconciles a state left by a crash. Work before submission is simply redone; from
 * submission on, Runware is asked before anything is resent, and only ever with the same
 * taskUUID (DESIGN.md rule 2).
 */
export async function adopt(core: EngineCore, project: Project, record: GenerationRecord): Promise<void> {
  const job = core.hold(project, record);
  core.orderSeed = Math.max(core.orderSeed, record.queueOrder);
  if (record.state === 'queued') return;
  // A disk still full at startup stops this generation where it is, not the whole resume.
  await reconcile(core, job).catch((error: unknown) => core.parts.onStepError(job, error));
}

async function reconcile(core: EngineCore, job: JobHandle): Promise<void> {
  const { project, record } = job;
  await removeStalePartials(project.generations.folder(record.id));
  const before = record.state === 'interrupted' || record.state === 'failed' ? stateBeforeInterruption(record) : record.state;
  if (record.state !== 'interrupted') await job.move('interrupted', {}, { note: `found ${before} at startup` });
  const next = resumeStateAfterCrash(before, Boolean(record.taskUUID));
  if (next === 'submitting' || next === 'processing') {
    // Runware may or may not have the task: ask (getResponse, then getTaskDetails) before
    // anything is resent, and resend only with the same taskUUID.
    const found = await lookUp(core, record.taskUUID as string);
    if (found.poll) {
      await job.move('processing', (r) => ({ acceptedAt: r.acceptedAt ?? r.submittedAt }), { note: `reconciled via ${found.via}` });
      await core.parts.onPoll(job, found.poll);
    } else if (next === 'submitting' && (found.via === 'nobody' || !record.acceptedAt)) {
      // Never acknowledged, and unknown to both (or details could not be asked about a task
      // that was never acknowledged): resend under the same taskUUID.
      await job.move('submitting', {}, { note: 'reconciled: unknown to Runware' });
    } else {
      // Accepted before the crash: the poller's checks decide (poll-outcomes.ts).
      await job.move('processing', (r) => ({ acceptedAt: r.acceptedAt ?? r.submittedAt }), { note: 'reconciled' });
    }
  } else {
    await job.move(next, {}, { note: 'reconciled' });
  }
  core.emitChanged(job);
}

/**
 * What Runware says about a task found at startup: getResponse first; when it does not
 * know the task (a crash, results older than it keeps), getTaskDetails. `nobody` means
 * both answered and neither knows it; `unanswered` that one of them could not be asked.
 */
async function lookUp(
  core: EngineCore,
  taskUUID: string,
): Promise<{ poll?: TaskPoll; via: 'getResponse' | 'getTaskDetails' | 'nobody' | 'unanswered' }> {
  const poll = (await core.o.runware.poll([taskUUID]).catch(() => null))?.get(taskUUID);
  if (poll?.known) return { poll, via: 'getResponse' };
  const details = await core.o.runware.taskDetails(taskUUID).catch((error: unknown) => {
    core.o.logger?.warn('getTaskDetails could not be asked', { taskUUID, error });
    return null;
  });
  if (details?.known) return { poll: details.poll, via: 'getTaskDetails' };
  return { via: poll && details ? 'nobody' : 'unanswered' };
}

function stateBeforeInterruption(record: GenerationRecord): Exclude<GenerationState, 'failed'> {
  for (let i = record.history.length - 1; i >= 0; i -= 1) {
    const state = record.history[i]?.state;
    if (state && state !== 'interrupted' && state !== 'failed') return state;
  }
  return 'queued';
}
