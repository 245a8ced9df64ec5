import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: ReactNode;
  title: ReactNode;
  body?: ReactNode;
  action?: ReactNode;
  /** The title is the page's heading when the state fills the page. */
  titleAs?: 'p' | 'h1' | 'h2';
}

export function EmptyState({ icon, title, body, action, titleAs: Title = 'p' }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center px-6 py-10 text-center">
      <span className="flex size-12 items-center justify-center rounded-2xl bg-teal-50 text-teal-700">
        {icon}
      </span>
      <Title className="mt-4 text-base font-semibold text-slate-900">{title}</Title>
      {body ? <p className="mt-1 max-w-md text-sm text-slate-500">{body}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
