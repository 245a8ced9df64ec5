import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from '../lib/cn.ts';

/** A card's surface, for elements that must be something other than a div (a list item). */
export const cardSurface = 'rounded-2xl border border-slate-200/80 bg-white shadow-sm shadow-slate-900/5';

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn(cardSurface, className)} {...props} />;
}

interface CardHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  /** Heading level: h2 on pages whose title is the h1. */
  as?: 'h2' | 'h3';
}

export function CardHeader({ title, description, icon, action, as: Heading = 'h2' }: CardHeaderProps) {
  return (
    <div
      className={cn(
        'flex gap-3 border-b border-slate-100 px-5 py-4',
        description ? 'items-start' : 'items-center',
      )}
    >
      {icon ? (
        <span className="flex size-9 shrink-0 items-center justify-center rounded-xl bg-teal-50 text-teal-700">
          {icon}
        </span>
      ) : null}
      <div className="min-w-0 flex-1">
        <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
        {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-5 py-4', className)} {...props} />;
}
