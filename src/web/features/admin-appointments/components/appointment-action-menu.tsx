import { useTranslation } from 'react-i18next';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import {
  BanIcon,
  CheckCircleIcon,
  CheckIcon,
  EyeIcon,
  MoreIcon,
  UserIcon,
  UserXIcon,
} from '../../../components/icons.tsx';
import { Menu, type MenuItem } from '../../../components/menu.tsx';

export type AppointmentAction = 'view' | 'confirm' | 'assign' | 'complete' | 'noShow' | 'cancel';

/** What can be done next, following the status machine (cancelled, completed, no-show are final). */
export function actionsFor(appointment: AdminAppointment): AppointmentAction[] {
  switch (appointment.status) {
    case 'pending':
      return ['view', 'confirm', 'cancel'];
    case 'confirmed':
      return ['view', 'assign', 'complete', 'noShow', 'cancel'];
    default:
      return ['view'];
  }
}

const icons: Record<AppointmentAction, MenuItem['icon']> = {
  view: <EyeIcon className="size-4.5" />,
  confirm: <CheckIcon className="size-4.5" />,
  assign: <UserIcon className="size-4.5" />,
  complete: <CheckCircleIcon className="size-4.5" />,
  noShow: <UserXIcon className="size-4.5" />,
  cancel: <BanIcon className="size-4.5" />,
};

/** The "⋮" menu of one appointment row. */
export function AppointmentActionMenu({
  appointment,
  onAction,
}: {
  appointment: AdminAppointment;
  onAction: (action: AppointmentAction, appointment: AdminAppointment) => void;
}) {
  const { t } = useTranslation();
  const items: MenuItem[] = actionsFor(appointment).map((action) => ({
    key: action,
    label: t(`adminAppointments.actions.${action}`),
    icon: icons[action],
    tone: action === 'cancel' || action === 'noShow' ? 'danger' : 'default',
    onSelect: () => onAction(action, appointment),
  }));
  return (
    <Menu
      label={t('adminAppointments.actions.menu', { title: appointment.title })}
      trigger={<MoreIcon className="size-5" />}
      items={items}
    />
  );
}
