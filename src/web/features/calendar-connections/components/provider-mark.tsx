import { cn } from '../../../lib/cn.ts';
import type { CalendarProvider } from '../api/connect-calendar.ts';

/** A small coloured tile for each provider (not their trademarked logos). */
export function ProviderMark({ provider }: { provider: CalendarProvider }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'flex size-10 shrink-0 items-center justify-center rounded-xl text-base font-bold text-white shadow-sm',
        provider === 'google'
          ? 'bg-gradient-to-br from-sky-500 to-emerald-500'
          : 'bg-gradient-to-br from-blue-600 to-cyan-500',
      )}
    >
      {provider === 'google' ? 'G' : 'O'}
    </span>
  );
}
