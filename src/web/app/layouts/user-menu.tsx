import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../shared/auth.ts';
import { ChevronDownIcon, LogOutIcon, UserIcon } from '../../components/icons.tsx';
import { paths } from '../../lib/paths.ts';
import { initials } from '../../lib/person-name.ts';

interface UserMenuProps {
  me: Me;
  onLogout: () => void;
  isLoggingOut: boolean;
}

/** The account button of the top bar and its small menu (profile, log out). */
export function UserMenu({ me, onLogout, isLoggingOut }: UserMenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const itemClass =
    'flex w-full items-center gap-2.5 rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-teal-600';

  return (
    <div ref={container} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-haspopup="true"
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600 sm:rounded-lg"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-teal-700 text-xs font-semibold text-white"
        >
          {initials(me.user.name)}
        </span>
        <span className="hidden max-w-40 truncate sm:block">{me.user.name}</span>
        <span className="sr-only sm:hidden">{me.user.name}</span>
        <span className="sr-only">{t('userMenu.open')}</span>
        <ChevronDownIcon className="hidden size-4 text-slate-500 sm:block" />
      </button>
      {open ? (
        <div
          id={menuId}
          className="absolute right-0 z-30 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg shadow-slate-900/10"
        >
          <div className="border-b border-slate-100 px-3 pt-1.5 pb-2.5">
            <p className="truncate text-sm font-semibold text-slate-900">{me.user.name}</p>
            <p className="truncate text-xs text-slate-500">{me.user.email}</p>
          </div>
          <ul className="pt-1.5">
            <li>
              <Link to={paths.dashboard.profile} className={itemClass} onClick={() => setOpen(false)}>
                <UserIcon className="size-4.5 text-slate-500" />
                {t('userMenu.profile')}
              </Link>
            </li>
            <li>
              <button type="button" className={itemClass} onClick={onLogout} disabled={isLoggingOut}>
                <LogOutIcon className="size-4.5 text-slate-500" />
                {t('userMenu.logout')}
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}
