import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';

export function BrandMark({ className, onDark = false }: { className?: string; onDark?: boolean }) {
  return (
    <svg viewBox="0 0 32 32" className={cn('size-8', className)} aria-hidden="true">
      <rect width="32" height="32" rx="8" className={onDark ? 'fill-white/15' : 'fill-teal-700'} />
      <rect x="8" y="9" width="16" height="15" rx="2.5" fill="none" stroke="#fff" strokeWidth="2" />
      <path d="M8 14h16M12 6.5v4M20 6.5v4" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
      <circle cx="16" cy="19" r="1.8" fill="#fff" />
    </svg>
  );
}

export function Brand({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t } = useTranslation();
  return (
    <span className="flex items-center gap-2.5">
      <BrandMark onDark={tone === 'light'} />
      <span
        className={cn(
          'text-lg font-semibold tracking-tight',
          tone === 'dark' ? 'text-slate-900' : 'text-white',
        )}
      >
        {t('app.name')}
      </span>
    </span>
  );
}
