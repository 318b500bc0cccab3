import { act, fireEvent, render, screen, within } from '@testing-library/react';
import * as Tooltip from '@radix-ui/react-tooltip';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { QueuePanel } from '../../../../renderer/src/features/queue/QueuePanel.tsx';
import { queueItems, useProjects } from '../../../../renderer/src/features/projects/projects-store.ts';

function g(id: string, state: GenerationSummary['state'], extra: Partial<GenerationSummary> = {}): GenerationSummary {
  return {
    id,
    name: id,
    state,
    createdAt: `2026-11-23T10:00:0${id.length}.000Z`,
    updatedAt: '2026-11-23T10:00:10.000Z',
    estimateUSD: 0.84,
    billedSeconds: 6,
    favorite: false,
    queueOrder: 1,
    params: { numberResults: 1, outputFormat: 'MP4', outputQuality: 95 },
    takes: [],
    audioSec: 5.5,
    ...extra,
  };
}

const summary = { paused: false, queued: 1, active: 1, downloading: 0, done: 1, failed: 1, waiting: 0, online: true };

describe('the queue', () => {
  afterEach(() => useProjects.setState({ generations: {}, progress: {}, transfer: {}, queue: null }));

  const show = (generations: GenerationSummary[], queue = summary) => {
    useProjects.setState({ generations: Object.fromEntries(generations.map((x) => [x.id, x])), queue, current: null });
    return render(
      <Tooltip.Provider>
        <QueuePanel />
      </Tooltip.Provider>,
    );
  };

  it('lists unfinished work first, in queue order, then recent results', () => {
    const items = queueItems({
      a: g('a', 'done', { finishedAt: '2026-11-23T10:05:00.000Z' }),
      b: g('b', 'queued', { queueOrder: 2 }),
      c: g('c', 'queued', { queueOrder: 1 }),
      d: g('d', 'processing'),
    });
    expect(items.map((i) => i.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('shows each state in words, progress when there is some, and the price', () => {
    show([
      g('waiting', 'queued'),
      g('rendering', 'processing', { progress: 40, acceptedAt: '2026-11-23T10:00:00.000Z' }),
      g('finished', 'done', {
        costUSD: 0.84,
        takes: [{ index: 1, videoUUID: 'v', state: 'done', file: 'take-1.mp4' }],
        finishedAt: '2026-11-23T10:01:12.000Z',
      }),
      g('broken', 'failed', {
        error: { code: 'timeoutProvider', message: 'Runware or its model provider did not answer in time.', at: 'x' },
      }),
    ]);
    const item = (name: string) => screen.getByRole('listitem', { name: new RegExp(`^${name},`) });
    expect(within(item('waiting')).getByTestId('queue-state').textContent).toBe('waiting');
    expect(within(item('waiting')).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(within(item('rendering')).getByTestId('queue-state').textContent).toBe('generating');
    expect(within(item('rendering')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(within(item('rendering')).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(item('finished')).getByTestId('queue-state').textContent).toBe('done · 1 take');
    expect(within(item('finished')).getByText('$0.84')).toBeTruthy();
    expect(within(item('broken')).getByRole('note').textContent).toBe('Runware or its model provider did not answer in time.');
    expect(screen.getByTestId('queue-counts').textContent).toBe('1 running · 1 waiting');
  });

  it('says why an item waits, instead of "sending" or "generating", and counts it as waiting', () => {
    const retryAt = new Date(Date.now() + 4_000).toISOString();
    show([
      g('refused', 'queued', {
        taskUUID: 'task-1',
        wait: {
          kind: 'blocked',
          code: 'insufficientCredits',
          category: 'credits',
          message: 'Your Runware balance is too low for this generation. Top up your account at my.runware.ai, then try again.',
        },
      }),
      g('full', 'processing', {
        acceptedAt: '2026-11-23T10:00:00.000Z',
        wait: { kind: 'stalled', code: 'disk_full', message: 'The project folder “/p/Spring” is full: free about 12 MB, then Resume.' },
      }),
      g('busy', 'submitting', {
        wait: { kind: 'retrying', code: 'http_503', message: 'x', what: 'busy', retryAt, attempt: 2, attempts: 6 },
      }),
      g('broken', 'failed', { error: { code: 'providerError', message: 'The model provider behind Runware failed.', at: 'x' } }),
    ]);
    const item = (name: string) => screen.getByRole('listitem', { name: new RegExp(`^${name},`) });
    expect(within(item('refused')).getByTestId('queue-state').textContent).toBe('refused: add credit');
    expect(within(item('refused')).getByTestId('queue-wait').textContent).toContain('Top up your account at my.runware.ai');
    expect(within(item('refused')).getByRole('button', { name: /Resume/ })).toBeTruthy();
    expect(within(item('refused')).getByTestId('queue-cost').textContent).toBe('≈$0.84');
    expect(within(item('full')).getByTestId('queue-state').textContent).toBe('stopped: disk full');
    expect(within(item('full')).getByTestId('queue-wait').textContent).toBe(
      'The project folder “/p/Spring” is full: free about 12 MB, then Resume.',
    );
    expect(within(item('full')).queryByRole('progressbar')).toBeNull();
    expect(within(item('busy')).getByTestId('queue-state').textContent).toBe('retrying');
    expect(within(item('busy')).getByTestId('queue-wait').textContent).toMatch(/^Runware is busy — retrying in [34] s \(attempt 2 of 6\)$/);
    // A failure Runware charged nothing for says so, not its estimate.
    expect(within(item('broken')).getByTestId('queue-cost').textContent).toBe('not charged');
    // The header counts what the rows show: one moving, two stopped until the person acts.
    expect(screen.getByTestId('queue-counts').textContent).toBe('1 running · 2 waiting');
  });

  it('asks before retrying, naming the price of the new generation', () => {
    show([g('broken', 'failed', { estimateUSD: 1.68, params: { numberResults: 2, outputFormat: 'MP4', outputQuality: 95 } })]);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('Generate “broken” again?')).toBeTruthy();
    expect(dialog.textContent).toContain('It is billed on its own: $1.68 (6 s × 2 takes).');
    expect(within(dialog).getByRole('button', { name: 'Generate again · $1.68' })).toBeTruthy();
  });

  it('offers to make only the failed part of a split generation again, at that part’s price', () => {
    const part1 = g('keynote-p1', 'done', { parent: { id: 'keynote', index: 1, count: 2 } });
    const part2 = g('keynote-p2', 'failed', {
      parent: { id: 'keynote', index: 2, count: 2 },
      error: { code: 'providerError', message: 'The model provider behind Runware failed.', at: 'x' },
    });
    const sequence = g('keynote', 'failed', {
      kind: 'sequence',
      estimateUSD: 9.94,
      parts: [
        { index: 1, startSec: 0, endSec: 57.65, generationId: 'keynote-p1', attempts: ['keynote-p1'] },
        { index: 2, startSec: 57.65, endSec: 70, generationId: 'keynote-p2', attempts: ['keynote-p2'] },
      ],
      error: {
        code: 'part_failed',
        message: 'Part 2 failed: The model provider behind Runware failed. Make that part again; the others are kept.',
        at: 'x',
      },
    });
    show([part1, part2, sequence]);
    const item = screen.getByRole('listitem', { name: /^keynote, failed/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Make part 2 again' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Only this part is made again; the finished parts are kept. It is billed on its own: $1.82.');
    expect(within(dialog).getByRole('button', { name: 'Make it again · $1.82' })).toBeTruthy();
  });

  it('says when Runware cannot be reached, and when the queue is paused', () => {
    show([], { ...summary, online: false, paused: true });
    expect(screen.getByText(/Runware can’t be reached\. The queue waits/)).toBeTruthy();
    expect(screen.getByText(/The queue is paused/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resume the queue' })).toBeTruthy();
  });

  it('clears finished rows on request, keeping what still runs, and the counter agrees', () => {
    show([
      g('run', 'processing'),
      g('wait', 'queued'),
      g('done', 'done', { finishedAt: '2026-11-23T10:05:00.000Z' }),
      g('bad', 'failed', { finishedAt: '2026-11-23T10:06:00.000Z' }),
    ]);
    const list = screen.getByRole('list', { name: 'Generations' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => within(li).getByTestId('queue-state').textContent),
    ).toHaveLength(2);
    expect(screen.getByTestId('queue-counts').textContent).toBe('1 running · 1 waiting');
    expect(screen.queryByRole('button', { name: 'Clear finished' })).toBeNull();
  });

  it('has an honest empty state', () => {
    show([], { ...summary, queued: 0, active: 0 });
    expect(screen.getByText('Nothing in the queue')).toBeTruthy();
  });

  it('shows a split generation as one row with its parts inside, counted once', () => {
    const parts = [1, 2, 3].map((i) =>
      g(`talk-p${i}`, i === 1 ? 'done' : i === 2 ? 'processing' : 'queued', { parent: { id: 'talk', index: i, count: 3 } }),
    );
    const talk = g('talk', 'processing', {
      kind: 'sequence',
      parts: [1, 2, 3].map((i) => ({
        index: i,
        startSec: (i - 1) * 50,
        endSec: i * 50,
        generationId: `talk-p${i}`,
        attempts: [`talk-p${i}`],
      })),
    });
    show([...parts, talk]);
    const list = screen.getByRole('list', { name: 'Generations' });
    const rows = Array.from(list.children);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.getAttribute('aria-label')).toMatch(/^talk,/);
    expect(screen.getByText('3 parts · 1 done')).toBeTruthy();
    expect(screen.getAllByTestId('queue-part').map((p) => p.textContent)).toEqual([
      'Part 1 · 0:00.0–0:50.0done',
      'Part 2 · 0:50.0–1:40.0generating',
      'Part 3 · 1:40.0–2:30.0waiting',
    ]);
    expect(screen.getByTestId('queue-counts').textContent).toBe('1 running · 0 waiting');
  });

  it('shows a batch as one row with its progress, its items beneath it, and a counter that agrees', () => {
    const batch = (i: number, state: GenerationSummary['state']) =>
      g(`line-${i}`, state, {
        batch: { id: 'b1', name: 'Lines', index: i, count: 4 },
        queueOrder: i,
        ...(state === 'done' ? { finishedAt: '2026-11-23T10:05:00.000Z' } : {}),
      });
    show([batch(1, 'done'), batch(2, 'processing'), batch(3, 'queued'), batch(4, 'queued'), g('solo', 'queued', { queueOrder: 9 })]);
    const list = screen.getByRole('list', { name: 'Generations' });
    expect(Array.from(list.children).map((li) => li.getAttribute('aria-label'))).toEqual(['Lines, batch of 4', 'solo, waiting']);
    expect(screen.getByTestId('batch-progress').textContent).toContain('1/4 done');
    expect(within(screen.getByRole('list', { name: 'Items of Lines' })).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.getByTestId('queue-counts').textContent).toBe('1 running · 3 waiting');
  });

  it('shows uploads and downloads in bytes, with a bar that means it', () => {
    show([g('sending', 'uploading'), g('fetching', 'downloading')]);
    act(() => {
      useProjects.setState({
        transfer: {
          sending: { phase: 'upload', done: 1_200_000, total: 2_400_000 },
          fetching: { phase: 'download', done: 3_000_000, total: 4_000_000 },
        },
      });
    });
    const item = (name: string) => screen.getByRole('listitem', { name: new RegExp(`^${name},`) });
    expect(within(item('sending')).getByTestId('queue-state').textContent).toContain('1.2 MB of 2.4 MB');
    expect(within(item('sending')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(within(item('fetching')).getByTestId('queue-state').textContent).toContain('3.0 MB of 4.0 MB');
    expect(within(item('fetching')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('75');
  });
});
