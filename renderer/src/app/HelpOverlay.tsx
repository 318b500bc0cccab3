import * as Dialog from '@radix-ui/react-dialog';
import { useStudio } from './ui-store.ts';
import { Icon } from '../ui/Icon.tsx';
import { MOD_KEY } from '../lib/keyboard.ts';

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Space', what: 'Play or pause (the selection, or the take in the library)' },
  { keys: 'I / O', what: 'Set the trim in / out at the playhead' },
  { keys: '← / →', what: 'Move the playhead 10 ms (Shift: 100 ms)' },
  { keys: `${MOD_KEY}+Enter`, what: 'Generate' },
  { keys: `${MOD_KEY}+1 / ${MOD_KEY}+2`, what: 'Create / Library' },
  { keys: 'Delete', what: 'Move the selected generation to the trash (Undo in the message)' },
  { keys: `${MOD_KEY}+,`, what: 'Settings' },
  { keys: '?', what: 'This list' },
];

export function HelpOverlay() {
  const open = useStudio((s) => s.helpOpen);
  const setOpen = useStudio((s) => s.setHelpOpen);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog--small" aria-describedby={undefined}>
          <header className="dialog__header">
            <Dialog.Title className="dialog__title">Keyboard shortcuts</Dialog.Title>
            <Dialog.Close data-dialog-close="" className="icon-button" aria-label="Close">
              <Icon name="close" />
            </Dialog.Close>
          </header>
          <div className="dialog__body dialog__body--padded">
            <dl className="shortcuts">
              {SHORTCUTS.map((s) => (
                <div className="shortcuts__row" key={s.keys}>
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>{s.what}</dd>
                </div>
              ))}
            </dl>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
