import * as Toast from '@radix-ui/react-toast';
import { useStudio } from '../../store/studio-store.ts';
import { Icon } from './Icon.tsx';

/** Errors stay until dismissed; information fades. */
export function Toasts() {
  const toasts = useStudio((s) => s.toasts);
  const dismiss = useStudio((s) => s.dismissToast);
  return (
    <Toast.Provider swipeDirection="right" label="Notifications">
      {toasts.map((t) => (
        <Toast.Root
          key={t.id}
          className={`toast toast--${t.level}`}
          duration={t.level === 'info' ? 5000 : Number.POSITIVE_INFINITY}
          onOpenChange={(open) => {
            if (!open) dismiss(t.id);
          }}
          type={t.level === 'error' ? 'foreground' : 'background'}
        >
          <Toast.Description className="toast__text">{t.message}</Toast.Description>
          <Toast.Close className="icon-button" aria-label="Dismiss">
            <Icon name="close" />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
