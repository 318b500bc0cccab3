import { useEffect, useRef, type RefObject } from 'react';
import { isEditable } from '../../lib/keyboard.ts';

/** Controls that answer Space themselves. */
function ownsSpace(target: HTMLElement): boolean {
  return (
    ['BUTTON', 'A', 'VIDEO', 'SUMMARY'].includes(target.tagName) ||
    ['tab', 'checkbox', 'radio', 'switch'].includes(target.getAttribute('role') ?? '')
  );
}

/**
 * The library's keys (UI.md): Space plays or pauses the player · Delete (⌘⌫ on a
 * Mac) moves the selected video to the trash. Never while typing, and never behind
 * an open dialog or menu.
 */
export function useLibraryKeys(player: RefObject<HTMLVideoElement | null>, onDelete: () => void): void {
  const remove = useRef(onDelete);
  remove.current = onDelete;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.defaultPrevented || event.altKey || isEditable(target)) return;
      if (target?.closest('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      const plain = !event.ctrlKey && !event.metaKey && !event.shiftKey;
      if (event.key === ' ' && plain && !(target && ownsSpace(target))) {
        const video = player.current;
        if (!video) return;
        event.preventDefault();
        if (video.paused || video.ended) void video.play().catch(() => undefined);
        else video.pause();
      } else if ((event.key === 'Delete' && plain) || (event.key === 'Backspace' && event.metaKey && !event.ctrlKey)) {
        event.preventDefault();
        remove.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [player]);
}
