import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/field.tsx';

export interface Practitioner {
  id: string;
  name: string;
}

/** Whose agenda an assistant fills: a practitioner, or '' for the practice owner. */
export function AssigneeSelect({
  practitioners,
  value,
  onChange,
}: {
  practitioners: Practitioner[];
  value: string;
  onChange: (assignee: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('assistants.create.assignee')}
      hint={t('assistants.create.assigneeHint')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('assistants.create.assigneeDefault')}</option>
      {practitioners.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </SelectField>
  );
}
