import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { Button } from './button.tsx';
import { Spinner } from './spinner.tsx';

/** "Loading…" inside a card or a section, announced to screen readers. */
export function LoadingBlock({ label, className }: { label: string; className?: string }) {
  return (
    <div
      className={cn('flex items-center justify-center gap-3 py-10 text-sm text-slate-500', className)}
      role="status"
    >
      <Spinner className="size-5 text-teal-700" />
      {label}
    </div>
  );
}

/** A part of the page that could not be loaded, with a way to try again. */
export function LoadFailedBlock({
  message,
  retryLabel,
  onRetry,
}: {
  message: ReactNode;
  retryLabel: ReactNode;
  onRetry: () => void;
}) {
  return (
    <div className="flex flex-col items-center gap-3 px-5 py-8 text-center text-sm text-slate-700">
      {message}
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {retryLabel}
      </Button>
    </div>
  );
}
