import { useEffect } from 'react';
import { isEditable } from '../../lib/keyboard.ts';
import { generate } from './actions.ts';
import { useComposer } from './composer-store.ts';
import { toggleSelectionPlayback, waveformRef } from './VoiceCard.tsx';

/**
 * The composer's keys (UI.md): Space play/pause · I / O set the trim at the
 * playhead · ←/→ move the playhead 10 ms (Shift: 100 ms) · Ctrl/Cmd+Enter generate.
 */
export function useComposerKeys(canGenerate: boolean): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        if (canGenerate) void generate();
        return;
      }
      if (isEditable(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // Arrow keys on the tab strip or a radio row (source, model, takes) move between its options, not the playhead.
      if (
        event.target instanceof HTMLElement &&
        event.target.closest('[role="tablist"], [role="radiogroup"], [role="menu"], [role="dialog"]')
      )
        return;
      const handle = waveformRef.current;
      if (!handle) return;
      const { trim, setTrim } = useComposer.getState();
      const now = handle.ws.getCurrentTime();
      const round = (v: number) => Math.round(v * 100) / 100;
      if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        toggleSelectionPlayback();
      } else if (event.key === 'i' || event.key === 'I') {
        setTrim({ startSec: round(now), endSec: Math.max(trim.endSec, round(now)) });
      } else if (event.key === 'o' || event.key === 'O') {
        setTrim({ startSec: Math.min(trim.startSec, round(now)), endSec: round(now) });
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        const step = (event.shiftKey ? 0.1 : 0.01) * (event.key === 'ArrowLeft' ? -1 : 1);
        handle.ws.setTime(Math.max(0, now + step));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canGenerate]);
}
