import * as Toast from '@radix-ui/react-toast';
import { useStudio } from '../app/ui-store.ts';
import { Icon } from './Icon.tsx';

/** Errors stay until dismissed; information fades. An action (e.g. Undo) sits beside the text. */
export function Toasts() {
  const toasts = useStudio((s) => s.toasts);
  const dismiss = useStudio((s) => s.dismissToast);
  return (
    <Toast.Provider swipeDirection="right" label="Notifications">
      {toasts.map((t) => (
        <Toast.Root
          key={t.id}
          className={`toast toast--${t.level}`}
          data-toast-id={t.id}
          duration={t.level === 'info' ? (t.action ? 8000 : 5000) : Number.POSITIVE_INFINITY}
          onOpenChange={(open) => {
            if (!open) dismiss(t.id);
          }}
          type={t.level === 'error' ? 'foreground' : 'background'}
        >
          <Toast.Description className="toast__text">{t.message}</Toast.Description>
          {t.action ? (
            <Toast.Action asChild altText={t.action.label}>
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
