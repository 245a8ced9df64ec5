import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '../lib/cn.ts';
import { cardSurface } from './card.tsx';

export type StatTone = 'teal' | 'indigo' | 'amber' | 'emerald' | 'rose' | 'slate';

const tones: Record<StatTone, string> = {
  teal: 'bg-teal-50 text-teal-700',
  indigo: 'bg-indigo-50 text-indigo-700',
  amber: 'bg-amber-50 text-amber-700',
  emerald: 'bg-emerald-50 text-emerald-700',
  rose: 'bg-rose-50 text-rose-700',
  slate: 'bg-slate-100 text-slate-600',
};

interface StatCardProps {
  label: string;
  value: ReactNode;
  /** A line under the figure ("This month", "1 appointment to be paid"). */
  detail?: ReactNode;
  icon: ReactNode;
  tone: StatTone;
  /** Where the figure leads: the whole card is then a link named by its label. */
  to?: string;
  /** `li` inside a list of figures; otherwise a group named by its label. */
  as?: 'li' | 'div';
}

/**
 * One headline figure, the same on every page that has them (overview, payments, the
 * administration): its label with an icon, the figure, and a detail. On a phone the icon sits
 * small beside the label so two cards fit side by side.
 */
export function StatCard({ label, value, detail, icon, tone, to, as: Element = 'div' }: StatCardProps) {
  return (
    <Element
      {...(Element === 'div' ? { role: 'group', 'aria-label': label } : {})}
      className={cn(cardSurface, 'relative flex min-w-0 gap-3 p-4 sm:p-5')}
    >
      <span
        aria-hidden="true"
        className={cn(
          'hidden size-10 shrink-0 items-center justify-center self-start rounded-xl sm:flex',
          tones[tone],
        )}
      >
        {icon}
      </span>
      <div className="flex min-w-0 flex-col">
        <p className="flex items-start gap-1.5 text-sm font-medium text-slate-600">
          <span
            aria-hidden="true"
            className={cn(
              'flex size-6 shrink-0 items-center justify-center rounded-md sm:hidden [&>svg]:size-4',
              tones[tone],
            )}
          >
            {icon}
          </span>
          {to ? (
            <Link to={to} className="after:absolute after:inset-0 after:rounded-2xl hover:underline">
              {label}
            </Link>
          ) : (
            <span>{label}</span>
          )}
        </p>
        {/* Without a detail line, the figures of a row line up at the bottom when one label wraps. */}
        <p
          className={cn(
            'pt-1 text-xl font-semibold tracking-tight break-words text-slate-900 tabular-nums sm:pt-0.5 sm:text-2xl',
            !detail && 'mt-auto',
          )}
        >
          {value}
        </p>
        {detail ? <p className="mt-0.5 text-xs text-slate-500">{detail}</p> : null}
      </div>
    </Element>
  );
}
