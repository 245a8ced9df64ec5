import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../../components/card.tsx';
import { ChevronDownIcon, HelpIcon } from '../../../components/icons.tsx';

/** What each side asks: a client books and pays; the practice answers, proposes and invoices. */
const questions = {
  client: ['request', 'confirm', 'cancel', 'calendars', 'pay', 'language'],
  staff: ['answer', 'propose', 'calendars', 'invoice', 'password', 'assistant'],
} as const;

/** The support page's FAQ: native disclosure widgets, so keyboards and screen readers just work. */
export function Faq({ audience }: { audience: 'client' | 'staff' }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader icon={<HelpIcon />} title={t('support.faq.title')} />
      <div className="divide-y divide-slate-100">
        {questions[audience].map((key) => (
          <details key={key} className="group px-5">
            <summary className="flex cursor-pointer list-none items-center justify-between gap-4 rounded-md py-4 text-sm font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 [&::-webkit-details-marker]:hidden">
              {t(`support.faq.${audience}.${key}.question`)}
              <ChevronDownIcon className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-180" />
            </summary>
            <p className="pb-4 text-sm leading-relaxed text-slate-600">
              {t(`support.faq.${audience}.${key}.answer`)}
            </p>
          </details>
        ))}
      </div>
    </Card>
  );
}
