import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { madeCostText } from '../../../../renderer/src/features/create/CostFooter.tsx';
import { ScriptPanel } from '../../../../renderer/src/features/create/sources/ScriptPanel.tsx';
import { useSources } from '../../../../renderer/src/features/create/sources/source-store.ts';
import { installComponentBackend } from '../../../support/component-backend.ts';

describe('the cost line’s paid inputs', () => {
  it('names speech and portrait apart from the video, to the fraction of a cent', () => {
    expect(madeCostText([undefined, undefined])).toBeNull();
    expect(madeCostText([{ kind: 'speech', text: 'Hi', model: 'xai:tts@0', voice: 'Eve', costUSD: 0.0003 }, undefined])).toBe(
      'Speech $0.0003 (already paid) · Video: ',
    );
    expect(
      madeCostText([
        { kind: 'speech', text: 'Hi', model: 'xai:tts@0', voice: 'Eve', costUSD: 0.05 },
        { kind: 'portrait', prompt: 'a face', model: 'runware:400@1', seed: 1, costUSD: null },
      ]),
    ).toBe('Speech $0.05 + portrait (priced by Runware) (already paid) · Video: ');
  });
});

describe('the Script source', () => {
  let backend: Awaited<ReturnType<typeof installComponentBackend>>;
  beforeAll(async () => {
    backend = await installComponentBackend();
  });
  afterAll(async () => {
    await backend.dispose();
  });

  it('lists the voices it knows when Runware cannot be reached, and refuses a script over the limit before sending', async () => {
    render(<ScriptPanel />);
    // The component backend's Runware is unreachable: the schema cannot be read.
    await screen.findByText(/could not be read \(no answer from 127\.0\.0\.1:9/);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'inworld:tts@1.5-mini' } });
    expect(Array.from(screen.getByLabelText<HTMLSelectElement>('Voice').options).map((o) => o.value)).toEqual(['Sarah', 'Mark', 'Ashley']);
    fireEvent.change(screen.getByLabelText('Script'), { target: { value: 'a'.repeat(2001) } });
    await waitFor(() =>
      expect(screen.getByTestId('script-count').textContent).toBe(
        '2,001 / 2,000 characters — Inworld TTS 1.5 Mini takes at most 2,000: shorten the script.',
      ),
    );
    expect(screen.getByRole('button', { name: 'Preview' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Use this voice' })).toHaveProperty('disabled', true);
    expect(screen.getByTestId('speech-price').textContent).toBe('2,001 characters × $0.025 per 1,000 = $0.05');
    expect(useSources.getState().preview).toBeNull();
  });
});
