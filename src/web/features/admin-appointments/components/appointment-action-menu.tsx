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
  WalletIcon,
} from '../../../components/icons.tsx';
import { Menu, type MenuItem } from '../../../components/menu.tsx';
import { isAwaitingPayment, isMarkedPaid } from '../../../lib/mark-paid.ts';

export type AppointmentAction =
  | 'view'
  | 'confirm'
  | 'assign'
  | 'complete'
  | 'markPaid'
  | 'markUnpaid'
  | 'noShow'
  | 'cancel';

/**
 * What can be done next, following the status machine (cancelled, completed, no-show are final),
 * and the payment: a paid appointment is marked paid when the client paid at the desk, even after
 * it took place; the practice's own mark can be taken back, even once cancelled (a refund).
 */
export function actionsFor(appointment: AdminAppointment): AppointmentAction[] {
  const payment: AppointmentAction[] = isAwaitingPayment(appointment)
    ? ['markPaid']
    : isMarkedPaid(appointment)
      ? ['markUnpaid']
      : [];
  switch (appointment.status) {
    case 'pending':
      return ['view', 'confirm', ...payment, 'cancel'];
    case 'confirmed':
      return ['view', 'assign', 'complete', ...payment, 'noShow', 'cancel'];
    default:
      return ['view', ...payment];
  }
}

const icons: Record<AppointmentAction, MenuItem['icon']> = {
  view: <EyeIcon className="size-4.5" />,
  confirm: <CheckIcon className="size-4.5" />,
  assign: <UserIcon className="size-4.5" />,
  complete: <CheckCircleIcon className="size-4.5" />,
  markPaid: <WalletIcon className="size-4.5" />,
  markUnpaid: <WalletIcon className="size-4.5" />,
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
