import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate, useNavigation } from 'react-router';
import { toast } from 'sonner';
import { Dialog } from '../../components/dialog.tsx';
import { BuildingIcon, CloseIcon, MenuIcon } from '../../components/icons.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { PageSpinner } from '../../components/spinner.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { useSignOut } from '../../features/auth/api/sign-out.ts';
import { useAccountLanguage, useChangeLanguage } from '../../features/auth/hooks/use-language.ts';
import { paths } from '../../lib/paths.ts';
import { Brand } from './brand.tsx';
import { SidebarNav } from './sidebar-nav.tsx';
import { UserMenu } from './user-menu.tsx';

/** The signed-in frame: sidebar (a drawer on phones), top bar, and the page. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const signOut = useSignOut({ onSignedOut: () => navigate(paths.login, { replace: true }) });
  const changeLanguage = useChangeLanguage(true);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  useAccountLanguage(me);

  const isAdmin = me.role === 'owner' || me.role === 'admin';
  const logout = () => signOut.mutate(undefined, { onError: () => toast.error(t('userMenu.logoutFailed')) });

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-medium text-teal-800 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        {t('app.skipToContent')}
      </a>
      {navigation.state !== 'idle' ? (
        <div
          className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-teal-600"
          role="progressbar"
          aria-label={t('app.loading')}
        />
      ) : null}

      <aside className="fixed inset-y-0 left-0 z-20 hidden w-64 flex-col border-r border-slate-200 bg-white md:flex">
        <div className="flex h-16 shrink-0 items-center border-b border-slate-100 px-5">
          <Link
            to={paths.dashboard.root}
            className="rounded-lg focus-visible:outline-2 focus-visible:outline-teal-600"
          >
            <Brand />
          </Link>
        </div>
        <div className="flex-1 overflow-y-auto">
          <SidebarNav isAdmin={isAdmin} />
        </div>
      </aside>

      <Dialog
        open={isDrawerOpen}
        onClose={() => setDrawerOpen(false)}
        title={t('nav.main')}
        hideTitle
        variant="drawer"
        initialFocus={closeButton}
      >
        <div className="flex h-16 shrink-0 items-center justify-between border-b border-slate-100 px-4">
          <Brand />
          <button
            ref={closeButton}
            type="button"
            onClick={() => setDrawerOpen(false)}
            className="flex size-10 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600"
          >
            <CloseIcon />
            <span className="sr-only">{t('nav.closeMenu')}</span>
          </button>
        </div>
        <div className="flex-1 overflow-y-auto">
          <SidebarNav isAdmin={isAdmin} onNavigate={() => setDrawerOpen(false)} />
        </div>
      </Dialog>

      <div className="md:pl-64">
        <header className="sticky top-0 z-20 flex h-16 items-center gap-2 border-b border-slate-200 bg-white/90 px-3 backdrop-blur sm:gap-3 sm:px-6">
          <button
            type="button"
            onClick={() => setDrawerOpen(true)}
            aria-expanded={isDrawerOpen}
            className="flex size-10 shrink-0 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600 md:hidden"
          >
            <MenuIcon />
            <span className="sr-only">{t('nav.openMenu')}</span>
          </button>
          <p className="flex min-w-0 flex-1 items-center gap-2 text-sm font-semibold text-slate-800">
            <BuildingIcon className="hidden size-4.5 shrink-0 text-slate-500 sm:block" />
            <span className="truncate" data-testid="tenant-name">
              {me.tenant.name}
            </span>
          </p>
          <LanguageSwitch onChange={changeLanguage} />
          <UserMenu me={me} onLogout={logout} isLoggingOut={signOut.isPending} />
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          <Suspense fallback={<PageSpinner label={t('app.loading')} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
