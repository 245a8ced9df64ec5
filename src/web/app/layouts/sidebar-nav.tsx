import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { cn } from '../../lib/cn.ts';
import { adminNavItems, clientNavItems, type NavItem } from './nav-items.ts';

function NavGroup({
  title,
  items,
  onNavigate,
}: {
  title: string;
  items: NavItem[];
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <p className="px-3 pb-2 text-xs font-semibold tracking-wider text-slate-500 uppercase">{title}</p>
      <ul className="space-y-0.5">
        {items.map(({ to, label, icon: Icon, end }) => (
          <li key={to}>
            <NavLink
              to={to}
              end={end}
              onClick={onNavigate}
              className={({ isActive }) =>
                cn(
                  'group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-teal-600',
                  isActive
                    ? 'bg-teal-50 text-teal-800'
                    : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                )
              }
            >
              {({ isActive }) => (
                <>
                  <Icon
                    className={cn(
                      'size-5 shrink-0',
                      isActive ? 'text-teal-700' : 'text-slate-500 group-hover:text-slate-700',
                    )}
                  />
                  {t(label)}
                </>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The two navigation groups: everyone's own space, and administration for owners and admins. */
export function SidebarNav({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.main')} className="flex flex-col gap-7 px-3 py-5">
      <NavGroup title={t('nav.client')} items={clientNavItems} onNavigate={onNavigate} />
      {isAdmin ? <NavGroup title={t('nav.admin')} items={adminNavItems} onNavigate={onNavigate} /> : null}
    </nav>
  );
}
