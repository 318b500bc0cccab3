import * as Tooltip from '@radix-ui/react-tooltip';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Project } from '../../../../electron/core/projects/project.ts';
import type { GenerationRecord } from '../../../../shared/generation.ts';
import { bootstrap } from '../../../../renderer/src/app/bootstrap.ts';
import { Notices, Toasts } from '../../../../renderer/src/ui/Toasts.tsx';
import { LibraryTab } from '../../../../renderer/src/features/library/LibraryTab.tsx';
import { useLibrary } from '../../../../renderer/src/features/library/library-store.ts';
import { useComposer } from '../../../../renderer/src/features/create/composer-store.ts';
import { useProjects } from '../../../../renderer/src/features/projects/projects-store.ts';
import { useStudio } from '../../../../renderer/src/app/ui-store.ts';
import { installComponentBackend } from '../../../support/component-backend.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../../support/fixture-paths.ts';
import { generationRecord } from '../../../support/generation-records.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

type Overrides = Partial<GenerationRecord>;

/** A finished generation with one take in its folder unless told otherwise. */
function record(id: string, name: string, createdAt: string, overrides: Overrides = {}): GenerationRecord {
  return generationRecord(id, {
    name,
    createdAt,
    takes: [{ index: 1, videoUUID: `v-${id}`, state: 'done', file: 'take-1.mp4', poster: 'take-1.jpg', durationSec: 5.5, costUSD: 0.84 }],
    ...overrides,
  });
}

const LIGHTHOUSE = record('2026-11-20_100000_lighthouse', 'Lighthouse intro', '2026-11-20T10:00:00.000Z', { favorite: true });
const CABARET = record('2026-11-21_100000_cabaret', 'Cabaret outro', '2026-11-21T10:00:00.000Z', {
  state: 'failed',
  costUSD: undefined,
  estimateUSD: 0.42,
  billedSeconds: 3,
  takes: [],
  error: { code: 'timeoutProvider', message: 'Runware or its model provider did not answer in time.', at: '2026-11-21T10:05:00.000Z' },
});
const PODCAST = record('2026-11-22_100000_podcast', 'Podcast teaser', '2026-11-22T10:00:00.000Z', {
  costUSD: 1.68,
  estimateUSD: 1.68,
  params: { numberResults: 2, outputFormat: 'MP4', outputQuality: 95, CFGScale: 1, positivePrompt: 'natural blinking' },
  takes: [
    { index: 1, videoUUID: 'p1', state: 'done', file: 'take-1.mp4', poster: 'take-1.jpg', durationSec: 5.5, costUSD: 0.84 },
    { index: 2, videoUUID: 'p2', state: 'done', file: 'take-2.mp4', poster: 'take-2.jpg', durationSec: 5.5, costUSD: 0.84 },
  ],
});

describe('the library', () => {
  let env: Awaited<ReturnType<typeof installComponentBackend>>;
  let root: Awaited<ReturnType<typeof makeTempDir>>;
  let project: Project;
  let off: () => void;

  afterEach(async () => {
    off?.();
    await env.dispose();
    await root.cleanup();
    useStudio.setState({ keyStatus: null, settings: null, toasts: [], tab: 'create' });
    useProjects.setState({ current: null, generations: {}, list: [], exportProgress: {}, progress: {} });
    useLibrary.setState({ projectDir: null });
  });

  /** The real backend over a projects folder holding `records`, with the project open. */
  async function mount(records: GenerationRecord[], prepare?: (p: Project) => Promise<void>) {
    env = await installComponentBackend();
    root = await makeTempDir('library projects ');
    await env.backend.settings.update({ projectsRoot: root.path });
    project = await Project.openOrCreate(join(root.path, 'Spring ads'));
    await prepare?.(project);
    for (const r of records) await project.generations.write(r);
    await project.generations.flushIndex();
    off = await bootstrap();
    expect(useProjects.getState().current?.dir).toBe(project.dir);
    render(
      <Tooltip.Provider>
        <LibraryTab />
        <Notices />
        <Toasts />
      </Tooltip.Provider>,
    );
  }

  const cells = () => screen.getAllByRole('gridcell');
  const labels = () => cells().map((c) => c.getAttribute('aria-label'));
  const card = (name: string) => screen.getByRole('gridcell', { name: new RegExp(`^${name},`) });
  const player = () => screen.getByRole('region', { name: 'Player' });
  /** The card's star: a mouse shortcut hidden from assistive tech (the player's Favourite is the accessible one). */
  const star = (name: string) => {
    const button = card(name).querySelector<HTMLButtonElement>('button.lib-star');
    if (!button) throw new Error(`no star on “${name}”`);
    return button;
  };
  const onDisk = async (id: string) =>
    JSON.parse(await readFile(join(project.dir, 'generations', id, 'generation.json'), 'utf8')) as GenerationRecord;

  it('shows every generation newest first, with its length, cost, state and favourite', async () => {
    await mount([LIGHTHOUSE, CABARET, PODCAST]);
    expect(labels().map((l) => l?.split(',')[0])).toEqual(['Podcast teaser', 'Cabaret outro', 'Lighthouse intro']);
    expect(card('Podcast teaser').textContent).toContain('$1.68');
    expect(card('Podcast teaser').textContent).toContain('2 takes');
    expect(card('Podcast teaser').textContent).toContain('5.5 s');
    // Failed, and Runware reported no cost: nothing was charged (not its estimate).
    expect(card('Cabaret outro').textContent).toContain('not charged');
    expect(card('Cabaret outro').textContent).not.toContain('$0.42');
    expect(within(card('Cabaret outro')).getByTestId('state-badge').textContent).toBe('Failed');
    expect(star('Lighthouse intro').getAttribute('aria-pressed')).toBe('true');
    expect(star('Podcast teaser').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('library-count').textContent).toBe('3 videos');
    // The newest is selected and in the player, with its prompt.
    expect(card('Podcast teaser').getAttribute('aria-selected')).toBe('true');
    expect(within(player()).getByRole('heading', { level: 2 }).textContent).toBe('Podcast teaser');
    expect(within(player()).getByRole('region', { name: 'Prompt' }).textContent).toContain('natural blinking');
    await waitFor(() => expect(within(player()).getByRole('region', { name: 'Inputs' }).textContent).toContain('b.wav · 0.00–5.50 s'));
  });

  it('shows a split video once, not its parts', async () => {
    const split = record('2026-11-22_120000_keynote', 'Keynote', '2026-11-22T12:00:00.000Z', {
      kind: 'sequence',
      parts: [
        { index: 1, startSec: 0, endSec: 55, generationId: 'part-1', attempts: [] },
        { index: 2, startSec: 55, endSec: 90, generationId: 'part-2', attempts: [] },
      ],
    });
    const parts = [1, 2].map((n) =>
      record(`2026-11-22_12000${n}_keynote-part-${n}`, `Keynote · part ${n}`, `2026-11-22T12:00:0${n}.000Z`, {
        parent: { id: split.id, index: n, count: 2 },
      }),
    );
    await mount([split, ...parts, LIGHTHOUSE]);
    expect(labels().map((l) => l?.split(',')[0])).toEqual(['Keynote', 'Lighthouse intro']);
    expect(within(card('Keynote')).queryByTestId('state-badge')).toBeNull();
    expect(within(player()).getByText('2 parts, stitched over the whole voice')).toBeTruthy();
    expect(within(player()).getByRole('button', { name: 'Generate again…' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('says what to do when the project has no videos yet', async () => {
    await mount([]);
    expect(screen.getByText('No videos yet')).toBeTruthy();
    expect(screen.getByText('Make one in Create: finished takes land here, kept on your disk with their settings.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go to Create' }));
    expect(useStudio.getState().tab).toBe('create');
  });

  it('never says "No videos yet" beside a count of generations', async () => {
    await mount([CABARET]);
    await waitFor(() => expect(screen.getByTestId('library-count').textContent).toBe('1 video'));
    expect(screen.queryByText('No videos yet')).toBeNull();
    expect(screen.getByText('Nothing finished')).toBeTruthy();
    expect(screen.getByText('None of these finished. Select one to see why, or generate it again.')).toBeTruthy();
  });

  it('narrows to favourites and searches by name', async () => {
    await mount([LIGHTHOUSE, CABARET, PODCAST]);
    fireEvent.click(screen.getByRole('button', { name: 'Favourites' }));
    expect(labels().map((l) => l?.split(',')[0])).toEqual(['Lighthouse intro']);
    expect(screen.getByTestId('library-count').textContent).toBe('1 of 3 videos');
    expect(within(player()).getByRole('heading', { level: 2 }).textContent).toBe('Lighthouse intro');

    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by name' }), { target: { value: 'OUT' } });
    expect(labels().map((l) => l?.split(',')[0])).toEqual(['Cabaret outro']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by name' }), { target: { value: 'zebra' } });
    expect(screen.queryAllByRole('gridcell')).toEqual([]);
    expect(screen.getByText('Nothing matches “zebra”')).toBeTruthy();
  });

  it('moves the selection with the arrow keys, Home and End', async () => {
    await mount([LIGHTHOUSE, CABARET, PODCAST]);
    const first = card('Podcast teaser');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(card('Cabaret outro').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(card('Cabaret outro'), { key: 'End' });
    expect(card('Lighthouse intro').getAttribute('aria-selected')).toBe('true');
    expect(card('Lighthouse intro').tabIndex).toBe(0);
    expect(card('Podcast teaser').tabIndex).toBe(-1);
    fireEvent.keyDown(card('Lighthouse intro'), { key: 'Home' });
    expect(card('Podcast teaser').getAttribute('aria-selected')).toBe('true');
    expect(within(player()).getByRole('heading', { level: 2 }).textContent).toBe('Podcast teaser');
  });

  it('renames and favourites a video, and both reach generation.json', async () => {
    await mount([LIGHTHOUSE, PODCAST]);
    fireEvent.click(card('Podcast teaser'));
    fireEvent.click(within(player()).getByRole('button', { name: 'Rename' }));
    const field = within(player()).getByRole('textbox', { name: 'Name' });
    fireEvent.change(field, { target: { value: '   ' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(within(player()).getByRole('alert').textContent).toBe('Give the video a name.');
    fireEvent.change(field, { target: { value: 'Podcast teaser v2' } });
    await act(async () => fireEvent.keyDown(field, { key: 'Enter' }));
    await waitFor(() => expect(within(player()).getByRole('heading', { level: 2 }).textContent).toBe('Podcast teaser v2'));
    expect((await onDisk(PODCAST.id)).name).toBe('Podcast teaser v2');
    expect(card('Podcast teaser v2')).toBeTruthy();

    const favourite = within(player()).getByRole('button', { name: 'Favourite' });
    expect(favourite.getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(favourite));
    await waitFor(() => expect(favourite.getAttribute('aria-pressed')).toBe('true'));
    expect((await onDisk(PODCAST.id)).favorite).toBe(true);
    // And off again from the card's own star.
    await act(async () => fireEvent.click(star('Podcast teaser v2')));
    await waitFor(async () => expect((await onDisk(PODCAST.id)).favorite).toBe(false));
  });

  it('moves a video to the trash with Delete, and Undo puts its folder back', async () => {
    await mount([LIGHTHOUSE, PODCAST]);
    const generations = join(project.dir, 'generations');
    fireEvent.click(card('Podcast teaser'));
    await act(async () => fireEvent.keyDown(card('Podcast teaser'), { key: 'Delete' }));
    await waitFor(() => expect(labels().map((l) => l?.split(',')[0])).toEqual(['Lighthouse intro']));
    expect(await readdir(generations)).toEqual([LIGHTHOUSE.id]);
    expect(screen.getAllByText('Moved “Podcast teaser” to the trash.').length).toBeGreaterThan(0);
    // Focus lands on Undo: the card that had it is gone.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Undo'));
    // The selection moved on to what is left.
    expect(card('Lighthouse intro').getAttribute('aria-selected')).toBe('true');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    await waitFor(() => expect(cells()).toHaveLength(2));
    expect((await readdir(generations)).sort()).toEqual([LIGHTHOUSE.id, PODCAST.id]);
    expect((await onDisk(PODCAST.id)).name).toBe('Podcast teaser');
    expect(card('Podcast teaser').getAttribute('aria-selected')).toBe('true');
  });

  it('asks before generating again, naming the price, and queues a new generation only when confirmed', async () => {
    await mount([], async (p) => {
      const image = await p.importMedia(MONALISA_JPG);
      const audio = await p.importMedia(JFK_FLAC);
      const inputs = {
        image: { file: image.file, sha256: image.sha256, originalName: 'monalisa.jpg' },
        audio: { file: audio.file, sha256: audio.sha256, originalName: 'jfk.flac' },
        trim: { startSec: 1, endSec: 6.5 },
        normalizeLoudness: false,
      };
      await p.generations.write(record(LIGHTHOUSE.id, 'Lighthouse intro', LIGHTHOUSE.createdAt, { inputs }));
    });
    // Nothing may start at Runware from a component test.
    env.backend.engine.pause();
    await waitFor(() => expect(cells()).toHaveLength(1));

    fireEvent.click(within(player()).getByRole('button', { name: 'Generate again…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Generate “Lighthouse intro” again?' });
    expect(dialog.textContent).toContain('billed again: 5.50 s → 6 s billed at $0.14/s × 1 take = $0.84.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await readdir(join(project.dir, 'generations'))).toHaveLength(1);

    fireEvent.click(within(player()).getByRole('button', { name: 'Generate again…' }));
    const again = await screen.findByRole('alertdialog');
    await act(async () => fireEvent.click(within(again).getByRole('button', { name: 'Generate again · $0.84' })));
    await waitFor(async () => expect(await readdir(join(project.dir, 'generations'))).toHaveLength(2));
    const copy = (await readdir(join(project.dir, 'generations'))).find((id) => id !== LIGHTHOUSE.id) ?? '';
    // The folder appears a moment before its record is renamed into place.
    const retried = await waitFor(() => onDisk(copy));
    expect(retried.retryOf).toBe(LIGHTHOUSE.id);
    expect(retried.inputs.trim).toEqual({ startSec: 1, endSec: 6.5 });
    expect(retried.estimateUSD).toBe(0.84);
    await waitFor(() => expect(screen.getAllByText('Queued “Lighthouse intro” again · $0.84.').length).toBeGreaterThan(0));
  });

  it('marks a draft and a take the content check flagged, and offers Make final only for drafts', async () => {
    const draft = record('2026-11-23_100000_draft', 'Draft teaser', '2026-11-23T10:00:00.000Z', {
      costUSD: 0.42,
      estimateUSD: 0.42,
      params: {
        numberResults: 1,
        outputFormat: 'MP4',
        outputQuality: 95,
        CFGScale: 1,
        model: 'fast',
        safety: { checkContent: true, mode: 'full' },
      },
      takes: [
        { index: 1, videoUUID: 'd1', state: 'done', file: 'take-1.mp4', poster: 'take-1.jpg', durationSec: 5.5, costUSD: 0.42, nsfw: true },
      ],
    });
    await mount([LIGHTHOUSE, draft]);
    expect(within(card('Draft teaser')).getByTestId('draft-chip').textContent).toBe('Draft · 480p');
    expect(within(card('Draft teaser')).getByTestId('nsfw-chip').textContent).toBe('Flagged');
    expect(within(card('Lighthouse intro')).queryByTestId('draft-chip')).toBeNull();
    expect(card('Draft teaser').getAttribute('aria-label')).toContain('Draft · 480p');

    fireEvent.click(card('Draft teaser'));
    await waitFor(() => expect(within(player()).getByTestId('nsfw-fact').textContent).toContain('content check (full) found content'));
    expect(player().textContent).toContain('Draft — Aurora v1 Fast, 480p, $0.07/s');
    expect(within(player()).getByRole('button', { name: 'Make final…' })).toBeTruthy();
    // Nothing may start at Runware from a component test: the confirmation is as far as it goes.
    fireEvent.click(within(player()).getByRole('button', { name: 'Make final…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Make “Draft teaser” final?' });
    expect(within(dialog).getByTestId('make-final-cost').textContent).toBe('5.50 s → 6 s billed at $0.14/s × 1 take = $0.84');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(card('Lighthouse intro'));
    await waitFor(() => expect(player().textContent).toContain('Final — Aurora v1, 720p, $0.14/s'));
    expect(within(player()).queryByRole('button', { name: 'Make final…' })).toBeNull();
  });

  it('fills the composer with a video’s portrait, voice, trim and settings', async () => {
    await mount([], async (p) => {
      const image = await p.importMedia(MONALISA_JPG);
      const audio = await p.importMedia(JFK_FLAC);
      await p.generations.write(
        record(PODCAST.id, 'Podcast teaser', PODCAST.createdAt, {
          params: { ...PODCAST.params, CFGScale: 2.5, outputFormat: 'WEBM' },
          takes: PODCAST.takes,
          inputs: {
            image: { file: image.file, sha256: image.sha256, originalName: 'monalisa.jpg' },
            audio: { file: audio.file, sha256: audio.sha256, originalName: 'jfk.flac' },
            trim: { startSec: 1.25, endSec: 4.5 },
            normalizeLoudness: true,
          },
        }),
      );
    });
    useStudio.getState().setTab('library');
    await act(async () => fireEvent.click(within(player()).getByRole('button', { name: 'Use these settings again' })));
    await waitFor(() => expect(useComposer.getState().audio?.name).toBe('jfk.flac'));
    const composer = useComposer.getState();
    expect(useStudio.getState().tab).toBe('create');
    expect(composer.image).toMatchObject({ name: 'monalisa.jpg', width: 256, height: 256 });
    expect(composer.audio?.durationSec).toBeCloseTo(11, 0);
    expect(composer.trim).toEqual({ startSec: 1.25, endSec: 4.5 });
    expect(composer.prompt).toBe('natural blinking');
    expect(composer.settings).toMatchObject({ numberResults: 2, outputFormat: 'WEBM', CFGScale: 2.5 });
    expect(composer.normalizeLoudness).toBe(true);
  });

  it('export: unfinished takes cannot be chosen, the original audio needs the sent file, and a failure says what to do', async () => {
    const partly = record(PODCAST.id, 'Podcast teaser', PODCAST.createdAt, {
      params: { numberResults: 2, outputFormat: 'MP4', outputQuality: 95 },
      takes: [
        { index: 1, videoUUID: 'p1', state: 'failed', error: { code: 'x', message: 'failed', at: PODCAST.createdAt } },
        // Recorded as done, but its file has gone from the folder.
        { index: 2, videoUUID: 'p2', state: 'done', file: 'take-2.mp4', durationSec: 5.5 },
      ],
    });
    const unfinished = record(CABARET.id, 'Cabaret outro', '2026-11-19T10:00:00.000Z', {
      state: 'processing',
      takes: [],
      costUSD: undefined,
    });
    await mount([partly, unfinished]);

    fireEvent.click(card('Cabaret outro'));
    expect(within(player()).getByRole<HTMLButtonElement>('button', { name: 'Export…' }).disabled).toBe(true);

    fireEvent.click(card('Podcast teaser'));
    fireEvent.click(within(player()).getByRole('button', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export “Podcast teaser”' });
    const take1 = within(dialog).getByRole<HTMLInputElement>('radio', { name: /Take 1/ });
    const take2 = within(dialog).getByRole<HTMLInputElement>('radio', { name: /Take 2/ });
    expect(take1.disabled).toBe(true);
    expect(take2.checked).toBe(true);
    const original = within(dialog).getByRole<HTMLInputElement>('checkbox', { name: 'Use the original audio' });
    expect(await within(dialog).findByText('Not available: the audio that was sent is not in this generation’s folder.')).toBeTruthy();
    expect(original.disabled).toBe(true);

    fireEvent.click(within(dialog).getByRole('radio', { name: /WebM/ }));
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Export' })));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(
      /^The export did not finish: .+ Check that the disk has free space and that the take is still in the generation’s folder, then try again\.$/,
    );
    expect(alert.textContent).toContain('take-2.mp4');
    // Nothing outside the project is named.
    expect(alert.textContent).not.toContain(root.path);
    expect(within(dialog).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(await readdir(join(project.dir, 'exports'))).toEqual([]);
    expect(useProjects.getState().exportProgress).toEqual({});
  });

  it('compares 2–4 ticked takes and refuses a fifth', async () => {
    const five = [0, 1, 2, 3, 4].map((i) => record(`2026-11-1${i}_100000_clip-${i}`, `Clip ${i}`, `2026-11-1${i}T10:00:00.000Z`));
    await mount(five);
    const tick = (name: string) => fireEvent.click(within(card(name)).getByRole('checkbox', { name: `Compare “${name}”`, hidden: true }));
    tick('Clip 4');
    const compare = screen.getByRole<HTMLButtonElement>('button', { name: 'Compare 1 take' });
    expect(compare.disabled).toBe(true);
    tick('Clip 3');
    tick('Clip 2');
    tick('Clip 1');
    tick('Clip 0');
    await waitFor(() => expect(screen.getAllByText('Compare holds up to 4 takes. Untick one first.').length).toBeGreaterThan(0));
    fireEvent.click(screen.getByRole('button', { name: 'Compare 4 takes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Compare 4 takes' });
    expect(
      within(dialog)
        .getAllByTestId('compare-video')
        .map((v) => v.getAttribute('aria-label')),
    ).toEqual(['Clip 4, take 1', 'Clip 3, take 1', 'Clip 2, take 1', 'Clip 1, take 1']);
    expect(within(dialog).getByRole('button', { name: 'Play all' })).toBeTruthy();
    expect(within(dialog).getByRole('slider', { name: 'Position' })).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
