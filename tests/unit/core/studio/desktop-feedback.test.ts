import { describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../../../shared/generation.ts';
import { desktopFeedback, finishedNotice } from '../../../../electron/core/studio/desktop-feedback.ts';
import type { Project } from '../../../../electron/core/projects/project.ts';
import { recordingPlatform } from '../../../support/recording-platform.ts';

const project = { dir: '/p' } as Project;
const record = (state: GenerationRecord['state'], extra: Partial<GenerationRecord> = {}) =>
  ({ id: 'g1', name: 'intro', state, takes: [], ...extra }) as unknown as GenerationRecord;
const queue = (queued: number, active: number, downloading = 0) => ({
  paused: false,
  queued,
  active,
  downloading,
  done: 0,
  failed: 0,
  waiting: 0,
  online: true,
});

describe('desktop feedback', () => {
  it('notifies once when a generation finishes, if notifications are on', () => {
    const p = recordingPlatform();
    let on = true;
    const feedback = desktopFeedback(p.platform, () => on);
    feedback.changed?.(project, record('processing'));
    feedback.changed?.(project, record('done', { costUSD: 0.84, takes: [{ index: 1, videoUUID: 'v', state: 'done' }] }));
    feedback.changed?.(project, record('done', { costUSD: 0.84 }));
    expect(p.notifications).toEqual([{ title: 'intro is ready', body: 'Generated 1 take · $0.84' }]);
    on = false;
    feedback.changed?.(project, { ...record('processing'), id: 'g2' });
    feedback.changed?.(project, { ...record('failed'), id: 'g2' });
    expect(p.notifications).toHaveLength(1);
  });

  it('words a failure with its reason', () => {
    expect(finishedNotice(record('failed', { error: { code: 'x', message: 'Runware refused the request.', at: '' } }))).toEqual({
      title: 'intro failed',
      body: 'Runware refused the request.',
    });
  });

  it('shows the session’s progress in the taskbar and clears it when idle', () => {
    const p = recordingPlatform();
    const feedback = desktopFeedback(p.platform, () => true);
    feedback.queue?.(queue(3, 1));
    feedback.queue?.(queue(1, 1));
    feedback.queue?.(queue(0, 0, 1));
    feedback.queue?.(queue(0, 0));
    expect(p.progress).toEqual([0, 0.5, 0.75, null]);
  });
});
