import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/auth.ts';
import { Badge, type BadgeTone } from '../../../components/badge.tsx';

const tones: Record<Role, BadgeTone> = { owner: 'indigo', admin: 'teal', client: 'neutral' };

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Badge tone={tones[role]}>{t(`roles.${role}`)}</Badge>;
}
