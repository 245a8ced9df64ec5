import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Role } from '../../../../shared/auth.ts';
import { Badge, type BadgeTone } from '../../../components/badge.tsx';
import { BreakableEmail } from '../../../components/breakable-email.tsx';
import { SearchField } from '../../../components/field.tsx';
import { cn } from '../../../lib/cn.ts';

/** The Organization page's colours, so a role reads the same on both pages. */
const roleTones: Record<Role, BadgeTone> = { owner: 'indigo', admin: 'teal', client: 'neutral' };

function matches(member: Member, search: string) {
  const needle = search.trim().toLowerCase();
  return !needle || member.name.toLowerCase().includes(needle) || member.email.toLowerCase().includes(needle);
}

/**
 * One person of the practice, found by name or email: a search box over the whole list, which
 * scrolls inside its own box so a practice of hundreds keeps the button below in reach.
 */
export function MemberPicker({
  members,
  pickedId,
  onPick,
}: {
  members: Member[];
  pickedId: string | null;
  onPick: (member: Member) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const [search, setSearch] = useState('');
  const shown = members.filter((member) => matches(member, search));

  return (
    <div className="space-y-3">
      {/* The list is in the page already: it filters at each keystroke. */}
      <SearchField
        label={t('legal.requests.search')}
        placeholder={t('legal.requests.searchPlaceholder')}
        value={search}
        onSearch={setSearch}
        delayMs={0}
      />
      <p className="sr-only" role="status">
        {t('legal.requests.count', { count: shown.length })}
      </p>
      <fieldset>
        <legend className="sr-only">{t('legal.requests.whose')}</legend>
        {shown.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">
            {t('legal.requests.noMatch')}
          </p>
        ) : (
          <div className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-xl border border-slate-200">
            {shown.map((member) => (
              <label
                key={member.id}
                className={cn(
                  'flex cursor-pointer items-center gap-3 px-4 py-3 transition-colors has-focus-visible:outline-2 has-focus-visible:-outline-offset-2 has-focus-visible:outline-teal-600',
                  member.id === pickedId ? 'bg-teal-50/70' : 'hover:bg-slate-50',
                )}
              >
                <input
                  type="radio"
                  name={name}
                  value={member.id}
                  checked={member.id === pickedId}
                  onChange={() => onPick(member)}
                  className="size-4 shrink-0 accent-teal-700"
                />
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium break-words text-slate-900">{member.name}</span>
                  <span className="block text-sm break-words text-slate-500">
                    <BreakableEmail email={member.email} />
                  </span>
                </span>
                <Badge tone={roleTones[member.role]}>{t(`roles.${member.role}`)}</Badge>
              </label>
            ))}
          </div>
        )}
      </fieldset>
    </div>
  );
}
