import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Notices, Toasts } from '../../../../renderer/src/ui/Toasts.tsx';
import { StudioError, messageOf } from '../../../../renderer/src/ipc/studio.ts';
import { toast, useStudio } from '../../../../renderer/src/app/ui-store.ts';

describe('toasts', () => {
  afterEach(() => useStudio.setState({ toasts: [] }));

  it('show the error text a person can act on, never internals, in a banner that stays', () => {
    render(
      <>
        <Notices />
        <Toasts />
      </>,
    );
    act(() => {
      toast(
        'error',
        messageOf(
          new StudioError({
            code: 'invalidApiKey',
            message: 'Runware rejected this key. Check it, or create a new one on the API Keys page at my.runware.ai.',
          }),
        ),
      );
      toast('error', messageOf(new TypeError("Cannot read properties of undefined (reading 'x')")));
    });
    expect(
      screen.getByText('Runware rejected this key. Check it, or create a new one on the API Keys page at my.runware.ai.'),
    ).toBeTruthy();
    expect(screen.getByText('Something went wrong. Try again; if it keeps happening, restart Avatar Studio.')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Cannot read properties');
    // Errors wait for the person: banners in the page, not floating toasts that cover it.
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    expect(screen.getByTestId('notices').textContent).toContain('Runware rejected this key.');
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0] as HTMLElement);
    expect(useStudio.getState().toasts).toHaveLength(1);
  });

  it('run their action (Undo) and go away', () => {
    let undone = 0;
    render(<Toasts />);
    act(() => {
      toast('info', 'Moved “intro” to the trash.', { label: 'Undo', run: () => (undone += 1) });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undone).toBe(1);
    expect(useStudio.getState().toasts).toEqual([]);
  });

  it('keep one copy of a notice that arrives twice', () => {
    render(<Notices />);
    act(() => {
      useStudio.getState().pushToast({ id: 'n1', level: 'warning', message: 'Your saved API key could not be read.' });
      useStudio.getState().pushToast({ id: 'n1', level: 'warning', message: 'Your saved API key could not be read.' });
    });
    expect(screen.getAllByText('Your saved API key could not be read.')).toHaveLength(1);
  });
});
