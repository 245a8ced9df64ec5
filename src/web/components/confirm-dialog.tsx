import { type ReactNode, useRef } from 'react';
import { ErrorAlert } from './alert.tsx';
import { Button } from './button.tsx';
import { Dialog, DialogFooter } from './dialog.tsx';

interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  body: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  /** Destructive actions are red, and focus starts on Cancel so Enter does not destroy. */
  tone?: 'danger' | 'primary';
  isLoading?: boolean;
  /** Why the action failed, shown in the dialog (a toast would sit behind its backdrop). */
  error?: ReactNode;
}

/** "Are you sure?" before an action that cannot be undone. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  body,
  confirmLabel,
  cancelLabel,
  tone = 'danger',
  isLoading = false,
  error,
}: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={body}
      initialFocus={tone === 'danger' ? cancel : confirm}
    >
      <div className="mt-5">
        {error ? (
          <div className="px-6 pb-4">
            <ErrorAlert>{error}</ErrorAlert>
          </div>
        ) : null}
        <DialogFooter>
          <Button ref={cancel} variant="secondary" onClick={onClose} disabled={isLoading}>
            {cancelLabel}
          </Button>
          <Button
            ref={confirm}
            variant={tone === 'danger' ? 'danger' : 'primary'}
            onClick={onConfirm}
            isLoading={isLoading}
          >
            {confirmLabel}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
