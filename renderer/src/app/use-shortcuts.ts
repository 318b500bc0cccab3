import { useEffect } from 'react';
import { isEditable } from '../lib/keyboard.ts';
import { useStudio } from './ui-store.ts';

/** Window-wide shortcuts: Ctrl/Cmd+, settings · Ctrl/Cmd+1/2 Create/Library · ? the list. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      const store = useStudio.getState();
      if (mod && event.key === ',') {
        event.preventDefault();
        store.setSettingsOpen(true);
      } else if (mod && event.key === '1' && !isEditable(event.target)) {
        event.preventDefault();
        store.setTab('create');
      } else if (mod && event.key === '2' && !isEditable(event.target)) {
        event.preventDefault();
        store.setTab('library');
      } else if (event.key === '?' && !isEditable(event.target)) {
        event.preventDefault();
        store.setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
