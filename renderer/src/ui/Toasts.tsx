import * as Toast from '@radix-ui/react-toast';
import { useShallow } from 'zustand/react/shallow';
import { useStudio, type Toast as ToastItem } from '../app/ui-store.ts';
import { Icon } from './Icon.tsx';

/** Information fades (5 s, 8 s with an action such as Undo); it never needs an answer. */
const INFO_MS = 5000;
const INFO_WITH_ACTION_MS = 8000;

/**
 * A toast is a dismissable layer above any dialog opened before it, so it would take the
 * Escape meant for the dialog. Escape closes the topmost dialog first; the toast fades on its own.
 */
function escapeToDialog(event: KeyboardEvent): void {
  const dialogs = document.querySelectorAll('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]');
  const top = dialogs[dialogs.length - 1];
  const close = top?.querySelector<HTMLElement>('[data-dialog-close]');
  if (!close) return;
  event.preventDefault();
  close.click();
}

/** The one thing a notice offers to do (e.g. Undo); doing it dismisses the notice. */
function ActionButton({ t, dismiss }: { t: ToastItem; dismiss: (id: string) => void }) {
  if (!t.action) return null;
  return (
    <button
      type="button"
      className="button button--small"
      data-toast-action=""
      onClick={() => {
        t.action?.run();
        dismiss(t.id);
      }}
    >
      {t.action.label}
    </button>
  );
}

/** Passing information, bottom left, away from Generate, the player and compare. */
export function Toasts() {
  const toasts = useStudio(useShallow((s) => s.toasts.filter((t) => t.level === 'info')));
  const dismiss = useStudio((s) => s.dismissToast);
  return (
    <Toast.Provider swipeDirection="left" label="Notifications">
      {toasts.map((t) => (
        <Toast.Root
          key={t.id}
          className={`toast toast--${t.level}`}
          data-toast-id={t.id}
          duration={t.action ? INFO_WITH_ACTION_MS : INFO_MS}
          onEscapeKeyDown={escapeToDialog}
          onOpenChange={(open) => {
            if (!open) dismiss(t.id);
          }}
          type="background"
        >
          <Toast.Description className="toast__text">{t.message}</Toast.Description>
          {t.action ? (
            <Toast.Action asChild altText={t.action.label}>
              <ActionButton t={t} dismiss={dismiss} />
            </Toast.Action>
          ) : null}
          <Toast.Close className="icon-button" aria-label="Dismiss">
            <Icon name="close" />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}

/**
 * Warnings and errors wait for the person: they sit in a banner above the work and push it
 * down instead of covering Generate, the player or compare, and stay until dismissed.
 */
export function Notices() {
  const notices = useStudio(useShallow((s) => s.toasts.filter((t) => t.level !== 'info')));
  const dismiss = useStudio((s) => s.dismissToast);
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.map((t) => (
        <div
          key={t.id}
          className={`banner notice notice--${t.level} ${t.level === 'error' ? 'banner--error' : 'banner--warning'}`}
          role={t.level === 'error' ? 'alert' : 'status'}
          data-toast-id={t.id}
        >
          <Icon name="warning" />
          <p className="notice__text">{t.message}</p>
          <ActionButton t={t} dismiss={dismiss} />
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
