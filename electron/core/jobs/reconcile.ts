import type { GenerationRecord, GenerationState } from '../../../shared/generation.ts';
import type { Project } from '../projects/project.ts';
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
  if (next === 'submitting') {
    // Runware may or may not have the task: ask before resending, and resend only
    // with the same taskUUID (a duplicate answer means it was accepted).
    const taskUUID = record.taskUUID as string;
    const poll = (await core.o.runware.poll([taskUUID]).catch(() => null))?.get(taskUUID);
    if (poll?.known) {
      await job.move('processing', (r) => ({ acceptedAt: r.acceptedAt ?? r.submittedAt }), { note: 'reconciled' });
      await core.parts.onPoll(job, poll);
    } else {
      await job.move('submitting', {}, { note: 'reconciled' });
    }
  } else {
    await job.move(next, {}, { note: 'reconciled' });
  }
  core.emitChanged(job);
}

function stateBeforeInterruption(record: GenerationRecord): Exclude<GenerationState, 'failed'> {
  for (let i = record.history.length - 1; i >= 0; i -= 1) {
    const state = record.history[i]?.state;
    if (state && state !== 'interrupted' && state !== 'failed') return state;
  }
  return 'queued';
}
