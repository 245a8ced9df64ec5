import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/field.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { useUpdatePractice } from '../../../features/auth/api/update-practice.ts';
import { BookablePreview } from '../../../features/availability/components/bookable-preview.tsx';
import { ExceptionsCard } from '../../../features/availability/components/exceptions-card.tsx';
import { PracticeCard } from '../../../features/availability/components/practice-card.tsx';
import { WeeklyOpenings } from '../../../features/availability/components/weekly-openings.tsx';
import { useMembers } from '../../../features/members/api/get-members.ts';
import { dayKey } from '../../../lib/format.ts';

/** /admin/settings: when appointments can be booked (per practitioner), and the practice's details. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const members = useMembers();
  const updatePractice = useUpdatePractice();
  const [userId, setUserId] = useState(me.user.id);
  const practitioners = (members.data ?? []).filter((m) => m.role === 'owner' || m.role === 'admin');
  const timeZone = me.tenant.timezone;
  const today = dayKey(new Date(), timeZone);

  return (
    <>
      <PageHeader
        title={t('availability.title')}
        description={t('availability.description', { timeZone })}
        action={
          practitioners.length > 1 ? (
            <SelectField
              label={t('availability.practitioner')}
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              className="sm:w-64"
            >
              {practitioners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id === me.user.id ? t('availability.you', { name: p.name }) : p.name}
                </option>
              ))}
            </SelectField>
          ) : null
        }
      />
      {/* Phones read openings, closures, then the preview; wide screens put the week beside the rest. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5 lg:items-start">
        <div className="contents lg:col-span-3 lg:block lg:space-y-6">
          <div className="order-1 min-w-0">
            <WeeklyOpenings userId={userId} />
          </div>
          <div className="order-3 min-w-0">
            <BookablePreview practitionerId={userId} today={today} timeZone={timeZone} />
          </div>
        </div>
        <div className="contents lg:col-span-2 lg:block lg:space-y-6">
          <div className="order-2 min-w-0">
            <ExceptionsCard userId={userId} today={today} />
          </div>
          <div className="order-4 min-w-0">
            <PracticeCard practice={me.tenant} onSave={updatePractice.mutateAsync} />
          </div>
        </div>
      </div>
    </>
  );
}
