import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/auth.ts';
import { currentLocale, supportedLocales } from '../i18n/index.ts';
import { cn } from '../lib/cn.ts';

/** EN / FR toggle; what happens on change (saving to the account) is the caller's business. */
export function LanguageSwitch({
  onChange,
  className,
}: {
  onChange: (locale: Locale) => void;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const active = i18n.resolvedLanguage ? currentLocale() : 'en';
  return (
    <fieldset className={cn('inline-flex rounded-lg bg-slate-100 p-0.5', className)}>
      <legend className="sr-only">{t('language.label')}</legend>
      {supportedLocales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={active === locale}
          onClick={() => onChange(locale)}
          className={cn(
            'h-7 min-w-9 rounded-md px-2 text-xs font-semibold tracking-wide uppercase transition-colors focus-visible:outline-2 focus-visible:outline-teal-600',
            active === locale ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
          )}
        >
          <span aria-hidden="true">{locale}</span>
          <span className="sr-only">{t(`language.${locale}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}
