import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card.tsx';
import { CalendarDaysIcon, CreditCardIcon, SparklesIcon } from '../../components/icons.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useChangeLanguage } from '../../features/auth/hooks/use-language.ts';
import { Brand } from './brand.tsx';

interface AuthLayoutProps {
  title: string;
  subtitle: string;
  footer: ReactNode;
  children: ReactNode;
}

/** Sign-in and sign-up: the form in a card, beside a calm brand panel on wide screens. */
export function AuthLayout({ title, subtitle, footer, children }: AuthLayoutProps) {
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage(false);
  const points = [
    { icon: SparklesIcon, text: t('auth.marketing.points.assistants') },
    { icon: CalendarDaysIcon, text: t('auth.marketing.points.calendars') },
    { icon: CreditCardIcon, text: t('auth.marketing.points.payments') },
  ];
  return (
    <div className="flex min-h-dvh">
      <aside className="relative hidden w-[42%] max-w-xl flex-col justify-between overflow-hidden bg-gradient-to-br from-teal-800 via-teal-700 to-slate-800 p-12 text-white lg:flex">
        <div
          aria-hidden="true"
          className="absolute -top-24 -right-24 size-80 rounded-full bg-white/5 ring-1 ring-white/10"
        />
        <div
          aria-hidden="true"
          className="absolute -bottom-32 -left-20 size-96 rounded-full bg-teal-400/10"
        />
        <Brand tone="light" />
        <div className="relative">
          <p className="text-3xl leading-tight font-semibold tracking-tight">{t('auth.marketing.title')}</p>
          <p className="mt-3 text-teal-50/90">{t('app.tagline')}</p>
          <ul className="mt-10 space-y-4">
            {points.map(({ icon: Icon, text }) => (
              <li key={text} className="flex items-center gap-3 text-teal-50">
                <span className="flex size-9 items-center justify-center rounded-xl bg-white/10 ring-1 ring-white/15">
                  <Icon className="size-4.5" />
                </span>
                {text}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-sm text-teal-100/80">© Rendezvous</p>
      </aside>
      <div className="flex flex-1 flex-col">
        <header className="flex items-center justify-between px-5 py-4 sm:px-8">
          <span className="lg:invisible">
            <Brand />
          </span>
          <LanguageSwitch onChange={changeLanguage} />
        </header>
        <main className="flex flex-1 items-start justify-center px-4 pt-4 pb-12 sm:items-center sm:px-8">
          <div className="w-full max-w-md">
            <Card className="p-6 sm:p-8">
              <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
              <p className="mt-1.5 text-sm text-slate-600">{subtitle}</p>
              <div className="mt-7">{children}</div>
            </Card>
            <p className="mt-6 text-center text-sm text-slate-600">{footer}</p>
          </div>
        </main>
      </div>
    </div>
  );
}
