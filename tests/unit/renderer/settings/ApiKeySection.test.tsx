import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../../../renderer/src/app/bootstrap.ts';
import { ApiKeySection } from '../../../../renderer/src/features/settings/ApiKeySection.tsx';
import { useStudio } from '../../../../renderer/src/app/ui-store.ts';
import { installComponentBackend } from '../../../support/component-backend.ts';
import { TestCipher } from '../../../support/test-cipher.ts';

const KEY = 'rw_component_0a1b2c3d4e5f6a7b9f9f';

describe('ApiKeySection', () => {
  let env: Awaited<ReturnType<typeof installComponentBackend>>;
  let off: () => void;
  afterEach(async () => {
    off?.();
    await env.dispose();
    useStudio.setState({ keyStatus: null, settings: null, toasts: [] });
  });

  async function mount(cipher: TestCipher) {
    env = await installComponentBackend(cipher);
    off = await bootstrap();
    render(<ApiKeySection />);
  }

  it('saves a key and shows only its last four characters', async () => {
    await mount(new TestCipher('kwallet6'));
    expect(screen.getByTestId('key-status').textContent).toBe('No key set.');
    fireEvent.change(screen.getByLabelText('Paste your key'), { target: { value: KEY } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save key' })));
    await waitFor(() => expect(screen.getByTestId('key-status').textContent).toBe('Key ending in 9f9f · saved with KWallet 6.'));
    expect(env.backend.keyStore.getKey()).toBe(KEY);
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows the paste error under the field and keeps nothing', async () => {
    await mount(new TestCipher('gnome_libsecret'));
    fireEvent.change(screen.getByLabelText('Paste your key'), { target: { value: 'too-short' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save key' })));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'That is too short to be a Runware API key (9 characters). Copy it again from the API Keys page of your Runware account (my.runware.ai).',
      ),
    );
    expect(env.backend.keyStore.status().configured).toBe(false);
  });

  it('explains the session-only key when there is no keyring', async () => {
    await mount(new TestCipher('basic_text'));
    expect(screen.getByRole('note').textContent).toContain('--password-store=gnome-libsecret');
    const optIn = screen.getByLabelText('Remember the key on this computer anyway (obfuscated, not encrypted)');
    expect((optIn as HTMLInputElement).disabled).toBe(true);
  });
});
