import {
  BotIcon,
  Building2Icon,
  CalendarDaysIcon,
  CalendarIcon,
  CreditCardIcon,
  FileTextIcon,
  HelpIcon,
  HomeIcon,
  type Icon,
  SettingsIcon,
  ShieldIcon,
  ShoppingBagIcon,
  UserIcon,
  UsersIcon,
} from '../../components/icons.tsx';
import { paths } from '../../lib/paths.ts';

export interface NavItem {
  to: string;
  /** Translation key of the label. */
  label: string;
  icon: Icon;
  /** Active only on this exact path (the section roots). */
  end?: boolean;
}

export const clientNavItems: NavItem[] = [
  { to: paths.dashboard.root, label: 'nav.overview', icon: HomeIcon, end: true },
  { to: paths.dashboard.calendar, label: 'nav.calendar', icon: CalendarIcon },
  { to: paths.dashboard.appointments, label: 'nav.appointments', icon: CalendarDaysIcon },
  { to: paths.dashboard.payments, label: 'nav.payments', icon: CreditCardIcon },
  { to: paths.dashboard.companyManagement, label: 'nav.company', icon: Building2Icon },
  { to: paths.dashboard.profile, label: 'nav.profile', icon: UserIcon },
  { to: paths.dashboard.support, label: 'nav.support', icon: HelpIcon },
];

export const adminNavItems: NavItem[] = [
  { to: paths.admin.root, label: 'nav.adminDashboard', icon: ShieldIcon, end: true },
  { to: paths.admin.appointments, label: 'nav.adminAppointments', icon: CalendarDaysIcon },
  { to: paths.admin.products, label: 'nav.products', icon: ShoppingBagIcon },
  { to: paths.admin.users, label: 'nav.organization', icon: UsersIcon },
  { to: paths.admin.assistants, label: 'nav.assistants', icon: BotIcon },
  { to: paths.admin.settings, label: 'nav.settings', icon: SettingsIcon },
  { to: paths.admin.legal, label: 'nav.legal', icon: FileTextIcon },
];
