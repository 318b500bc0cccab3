import { isTerminal, type GenerationRecord, type QueueSummary } from '../../../shared/generation.ts';
import { money } from '../../../shared/money.ts';
import type { StudioListener } from '../jobs/engine-events.ts';
import type { Platform } from '../shell/platform.ts';

/** Notification text for a generation that just finished. */
export function finishedNotice(record: GenerationRecord): { title: string; body: string } {
  const takes = record.takes.filter((t) => t.state === 'done').length;
  if (record.state === 'done') {
    const cost = record.costUSD === undefined ? '' : ` · ${money(record.costUSD)}`;
    return { title: `${record.name} is ready`, body: `Generated ${takes} take${takes === 1 ? '' : 's'}${cost}` };
  }
  if (record.state === 'failed') return { title: `${record.name} failed`, body: record.error?.message ?? 'The generation failed.' };
  return { title: `${record.name} was canceled`, body: 'Nothing was charged.' };
}

/**
 * Desktop manners for the queue: a native notification when a generation or a whole batch
 * finishes (if the person wants them) and the taskbar/dock progress of the session's work.
 */
export function desktopFeedback(platform: Platform, notificationsOn: () => boolean): StudioListener {
  const last = new Map<string, string>();
  const batchesAnnounced = new Set<string>();
  let sessionTotal = 0;
  return {
    changed(project, record) {
      const key = `${project.dir}\u0000${record.id}`;
      const before = last.get(key);
      last.set(key, record.state);
      if (before === undefined && !isTerminal(record.state)) sessionTotal += 1;
      if (before !== undefined && !isTerminal(before as GenerationRecord['state']) && isTerminal(record.state)) {
        // Parts and batch items are announced once, by their split generation or batch.
        if (record.parent || record.batch) return;
        if (record.state !== 'canceled' && notificationsOn()) platform.notify(finishedNotice(record));
      }
    },
    batch(_project, progress) {
      if (progress.done + progress.failed < progress.count || batchesAnnounced.has(progress.id)) return;
      batchesAnnounced.add(progress.id);
      if (!notificationsOn()) return;
      platform.notify({
        title: `${progress.name} is finished`,
        body: `${progress.done} of ${progress.count} videos made${progress.failed ? `, ${progress.failed} failed` : ''} · ${money(progress.costUSD)}`,
      });
    },
    queue(summary: QueueSummary) {
      const remaining = summary.queued + summary.active + summary.downloading;
      if (remaining === 0) {
        sessionTotal = 0;
        platform.setProgress(null);
        return;
      }
      sessionTotal = Math.max(sessionTotal, remaining);
      platform.setProgress(Math.min(1, (sessionTotal - remaining) / sessionTotal));
    },
  };
}
