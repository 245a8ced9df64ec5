import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import { cn } from '../lib/cn.ts';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** Accessible name; shown as the heading unless `hideTitle`. */
  title: ReactNode;
  description?: ReactNode;
  hideTitle?: boolean;
  variant?: 'modal' | 'drawer';
  /** What gets focus on open; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, makes the rest of the page
 * inert and closes on Escape; we move focus in on open and give it back to the opener on close.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  hideTitle = false,
  variant = 'modal',
  initialFocus,
  className,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open, initialFocus]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop is a pointer shortcut; keyboards close with Escape (onCancel).
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: React state decides, so the dialog and the state never disagree.
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={cn(
        'bg-transparent p-0 backdrop:bg-slate-900/40 backdrop:backdrop-blur-[2px]',
        variant === 'modal' && 'm-auto w-[calc(100%-2rem)] max-w-lg overflow-visible',
        variant === 'drawer' && 'm-0 h-dvh max-h-dvh w-72 max-w-[85vw]',
        className,
      )}
    >
      <div
        className={cn(
          'bg-white',
          variant === 'modal' && 'rounded-2xl shadow-xl shadow-slate-900/10',
          variant === 'drawer' && 'flex h-full flex-col shadow-xl',
        )}
      >
        {hideTitle ? (
          <h2 id={titleId} className="sr-only">
            {title}
          </h2>
        ) : (
          <div className="px-6 pt-5">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="mt-1 text-sm text-slate-500">
                {description}
              </p>
            ) : null}
          </div>
        )}
        {children}
      </div>
    </dialog>
  );
}

/** The buttons of a dialog: stacked on phones (main action on top), in a row on the right otherwise. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col-reverse gap-2 border-t border-slate-100 px-6 py-4 sm:flex-row sm:justify-end">
      {children}
    </div>
  );
}
