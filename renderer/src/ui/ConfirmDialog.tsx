import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode } from 'react';

/** A question that needs an answer before something costly or destructive happens. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog dialog--small">
          <div className="dialog__body dialog__body--padded">
            <AlertDialog.Title className="dialog__title">{props.title}</AlertDialog.Title>
            <AlertDialog.Description className="dialog__text">{props.children}</AlertDialog.Description>
            <div className="dialog__actions">
              <AlertDialog.Cancel data-dialog-close="" className="button">
                Cancel
              </AlertDialog.Cancel>
              <AlertDialog.Action className="button button--primary" onClick={props.onConfirm}>
                {props.confirmLabel}
              </AlertDialog.Action>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
