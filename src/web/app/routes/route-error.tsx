import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { AlertIcon } from '../../components/icons.tsx';

/** Shown when a page fails to load or render: a way out, never a stack trace. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <span className="flex size-14 items-center justify-center rounded-2xl bg-rose-50 text-rose-700">
        <AlertIcon className="size-7" />
      </span>
      <h1 className="mt-5 text-2xl font-semibold tracking-tight text-slate-900">{t('crash.title')}</h1>
      <p className="mt-2 max-w-md text-slate-600">{t('crash.body')}</p>
      <Button className="mt-6" onClick={() => window.location.reload()}>
        {t('crash.reload')}
      </Button>
    </main>
  );
}
