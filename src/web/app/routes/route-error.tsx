import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Button } from '../../components/button.tsx';
import { AlertIcon, RefreshIcon } from '../../components/icons.tsx';

/**
 * A page's code file that cannot be fetched. In practice a tab opened before an upgrade: it runs
 * the old build, whose page files the new build no longer has. Chromium, Firefox and Safari word
 * the failed `import()` differently; Vite's own preload of a page's CSS says "Unable to preload".
 */
function isMissingPageCode(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    error.message,
  );
}

/** Shown when a page fails to load or render: a way out, never a stack trace. */
export function RouteError() {
  const { t } = useTranslation();
  const updated = isMissingPageCode(useRouteError());
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <span
        className={`flex size-14 items-center justify-center rounded-2xl ${updated ? 'bg-teal-50 text-teal-700' : 'bg-rose-50 text-rose-700'}`}
      >
        {updated ? <RefreshIcon className="size-7" /> : <AlertIcon className="size-7" />}
      </span>
      <h1 className="mt-5 text-2xl font-semibold tracking-tight text-slate-900">
        {updated ? t('crash.updatedTitle') : t('crash.title')}
      </h1>
      <p className="mt-2 max-w-md text-slate-600">{updated ? t('crash.updatedBody') : t('crash.body')}</p>
      <Button className="mt-6" onClick={() => window.location.reload()}>
        {t('crash.reload')}
      </Button>
    </main>
  );
}
