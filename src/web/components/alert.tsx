import type { ReactNode } from 'react';
import { AlertIcon } from './icons.tsx';

/** A message about the whole form or page (field messages sit at their fields). */
export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2.5 rounded-xl border border-rose-200 bg-rose-50 px-3.5 py-3 text-sm text-rose-800"
    >
      <AlertIcon className="mt-px size-4.5 shrink-0" />
      <p>{children}</p>
    </div>
  );
}
