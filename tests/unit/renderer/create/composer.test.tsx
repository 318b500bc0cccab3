import { act, fireEvent, render, screen } from '@testing-library/react';
import * as Tooltip from '@radix-ui/react-tooltip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AURORA_SETTINGS } from '../../../../shared/aurora.ts';
import type { ImportedAudio, ImportedImage } from '../../../../shared/inputs.ts';
import { CreateTab } from '../../../../renderer/src/features/create/CreateTab.tsx';
import { checkComposer } from '../../../../renderer/src/features/create/composer-check.ts';
import { costLine } from '../../../../renderer/src/features/create/cost.ts';
import { useComposer } from '../../../../renderer/src/features/create/composer-store.ts';
import { useProjects } from '../../../../renderer/src/features/projects/projects-store.ts';
import { useStudio } from '../../../../renderer/src/app/ui-store.ts';

const image: ImportedImage = {
  kind: 'image',
  file: 'media/a.jpg',
  name: 'monalisa.jpg',
  width: 256,
  height: 256,
  format: 'mjpeg',
  bytes: 17115,
};
const audio: ImportedAudio = {
  kind: 'audio',
  file: 'media/b.flac',
  name: 'jfk.flac',
  durationSec: 11,
  sampleRate: 44100,
  channels: 2,
  bytes: 1_000_000,
};
const base = {
  keyConfigured: true,
  hasProject: true,
  image,
  audio,
  trim: { startSec: 1, endSec: 6.5 },
  prompt: '',
  settings: DEFAULT_AURORA_SETTINGS,
};

describe('composer check', () => {
  it('is ready with a key, a project, a portrait, a voice and a valid selection', () => {
    expect(checkComposer(base)).toEqual({ reason: null, fields: {} });
  });

  it.each([
    [{ keyConfigured: false }, 'Add your Runware API key in Settings.'],
    [{ hasProject: false }, 'Create or choose a project first.'],
    [{ image: null }, 'Add a portrait.'],
    [{ audio: null }, 'Add a voice.'],
    [{ trim: { startSec: 3, endSec: 2 } }, 'The selection ends (2.00 s) before it starts (3.00 s). Set an end after the start.'],
    [{ prompt: 'x' }, 'The prompt must be 2–3000 characters long (it has 1), or left empty.'],
    [{ settings: { ...DEFAULT_AURORA_SETTINGS, outputQuality: 10 } }, 'Quality must be from 20 to 99 (got 10).'],
    [{ settings: { ...DEFAULT_AURORA_SETTINGS, CFGScale: 12 } }, 'CFG scale must be from 0 to 10 (got 12).'],
  ])('names the first problem: %o', (patch, reason) => {
    expect(checkComposer({ ...base, ...patch }).reason).toBe(reason);
  });

  it('refuses a selection over Aurora’s limit, offering to trim or split', () => {
    const long = { ...audio, durationSec: 90 };
    expect(checkComposer({ ...base, audio: long, trim: { startSec: 0, endSec: 74 } }).fields.trim).toBe(
      'This selection is 74.0 s; Aurora takes up to 60 s. Trim it, or split it into parts.',
    );
  });
});

describe('cost line', () => {
  it('shows seconds sent, seconds billed, price, takes and total', () => {
    expect(costLine(5.5, 1).text).toBe('5.50 s → 6 s billed at $0.14/s × 1 take = $0.84');
    expect(costLine(5.5, 2).text).toBe('5.50 s → 6 s billed at $0.14/s × 2 takes = $1.68');
    expect(costLine(5, 1).text).toBe('5.00 s → 5 s billed at $0.14/s × 1 take = $0.70');
    expect(costLine(60, 4).text).toBe('60.00 s → 60 s billed at $0.14/s × 4 takes = $33.60');
    expect(costLine(5.5, 2, 'fast').text).toBe('5.50 s → 6 s billed at $0.07/s × 2 takes = $0.84');
  });
});

describe('CreateTab', () => {
  beforeEach(() => {
    useStudio.setState({
      keyStatus: { configured: true, last4: 'abcd', backend: 'gnome_libsecret', persisted: true },
      appInfo: { name: 'x', version: '0', platform: 'linux', mediaBase: 'media://' },
    });
    useProjects.setState({
      current: {
        schemaVersion: 1,
        id: 'p1',
        name: 'Spring',
        createdAt: '',
        archived: false,
        demo: false,
        defaults: { settings: DEFAULT_AURORA_SETTINGS, normalizeLoudness: false },
        outputNameTemplate: '',
        dir: '/p',
      },
    });
    useComposer.getState().reset();
  });
  afterEach(() => {
    useComposer.getState().reset();
    useProjects.setState({ current: null });
  });

  const renderTab = () =>
    render(
      <Tooltip.Provider>
        <CreateTab />
      </Tooltip.Provider>,
    );

  it('keeps Generate disabled, saying why, until the inputs are there', () => {
    renderTab();
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Generate' });
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('cost-line').textContent).toBe('Add a portrait and a voice to see the cost.');
    act(() => {
      useComposer.getState().setImage(image);
      useComposer.getState().setAudio(audio);
    });
    expect(screen.getByTestId('cost-line').textContent).toBe('11.00 s → 11 s billed at $0.14/s × 1 take = $1.54');
    expect(button.disabled).toBe(false);
  });

  it('updates the price as the trim and takes change', () => {
    renderTab();
    act(() => {
      useComposer.getState().setImage(image);
      useComposer.getState().setAudio(audio);
      useComposer.getState().setTrim({ startSec: 1, endSec: 6.5 });
    });
    expect(screen.getByTestId('cost-line').textContent).toBe('5.50 s → 6 s billed at $0.14/s × 1 take = $0.84');
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    expect(screen.getByTestId('cost-line').textContent).toBe('5.50 s → 6 s billed at $0.14/s × 2 takes = $1.68');
  });

  it('prices a draft at Aurora v1 Fast’s $0.07/s before Generate, and a final at $0.14/s', () => {
    renderTab();
    act(() => {
      useComposer.getState().setImage(image);
      useComposer.getState().setAudio(audio);
      useComposer.getState().setTrim({ startSec: 1, endSec: 6.5 });
    });
    const draft = screen.getByRole('radio', { name: 'Draft — Aurora v1 Fast, 480p, $0.07/s' });
    const final = screen.getByRole('radio', { name: 'Final — Aurora v1, 720p, $0.14/s' });
    expect(final.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(draft);
    expect(draft.getAttribute('aria-checked')).toBe('true');
    expect(useComposer.getState().settings.model).toBe('fast');
    expect(screen.getByTestId('cost-line').textContent).toBe('5.50 s → 6 s billed at $0.07/s × 1 take = $0.42');
    fireEvent.click(final);
    expect(screen.getByTestId('cost-line').textContent).toBe('5.50 s → 6 s billed at $0.14/s × 1 take = $0.84');
  });

  it('refuses a delivery option Runware would refuse, beside the field and in the footer', () => {
    renderTab();
    act(() => {
      useComposer.getState().setImage(image);
      useComposer.getState().setAudio(audio);
    });
    const ttl = screen.getByLabelText('Link lifetime (ttl, seconds, 60 or more)');
    fireEvent.change(ttl, { target: { value: '30' } });
    fireEvent.blur(ttl);
    expect(useComposer.getState().settings.ttl).toBe(30);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Generate' }).disabled).toBe(true);
    expect(screen.getByTestId('cost-line').textContent).toContain('ttl must be 60 or more (got 30).');
    const hook = screen.getByLabelText('Webhook URL');
    fireEvent.change(hook, { target: { value: 'https://hooks.example.com/avatar?token=s3cret' } });
    fireEvent.blur(hook);
    fireEvent.change(ttl, { target: { value: '' } });
    fireEvent.blur(ttl);
    expect(useComposer.getState().settings).toMatchObject({ webhookURL: 'https://hooks.example.com/avatar?token=s3cret' });
    expect(useComposer.getState().settings.ttl).toBeUndefined();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Generate' }).disabled).toBe(false);
    // Shown shortened: the token is not on screen.
    expect(document.body.textContent).toContain('webhook hooks.example.com/avatar?…');
  });

  it('shows a prompt that is too short beside the field, and in the footer', () => {
    renderTab();
    act(() => {
      useComposer.getState().setImage(image);
      useComposer.getState().setAudio(audio);
    });
    fireEvent.change(screen.getByLabelText('Prompt (optional)'), { target: { value: 'x' } });
    expect(
      screen.getAllByText('The prompt must be 2–3000 characters long (it has 1), or left empty.', { exact: false }).length,
    ).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Generate' }).disabled).toBe(true);
    expect(screen.getByText('1/3000')).toBeTruthy();
  });

  it('says when no key is set, with the way to fix it', () => {
    useStudio.setState({ keyStatus: { configured: false, last4: null, backend: 'basic_text', persisted: false } });
    renderTab();
    expect(screen.getByText('Add your Runware API key to generate videos.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(useStudio.getState().settingsOpen).toBe(true);
  });
});
