import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PracticeSetup } from '../../../../shared/auth.ts';
import { Card, CardHeader } from '../../../components/card.tsx';
import { ArrowRightIcon, CheckCircleIcon, CompassIcon } from '../../../components/icons.tsx';
import { cn } from '../../../lib/cn.ts';

type Step = keyof PracticeSetup;

/** In the order a practice needs them: without hours nobody can book; the last two are optional. */
const steps: Step[] = ['openingHours', 'services', 'people', 'calendar', 'assistant'];
const essential: Step[] = ['openingHours', 'services', 'people'];

/** Whether the checklist still has something to say: an essential step not done. */
export function needsSetup(setup: PracticeSetup): boolean {
  return essential.some((step) => !setup[step]);
}

/**
 * A new practice's first steps, on the overview until the essential ones are done: each says
 * what it gives and leads to the page where it is done (the route gives the addresses).
 */
export function SetupChecklist({ setup, links }: { setup: PracticeSetup; links: Record<Step, string> }) {
  const { t } = useTranslation();
  const done = steps.filter((step) => setup[step]).length;
  return (
    <Card>
      <CardHeader
        icon={<CompassIcon className="size-5" />}
        title={t('practiceSetup.title')}
        description={t('practiceSetup.progress', { done, count: steps.length })}
      />
      <ol className="divide-y divide-slate-100">
        {steps.map((step) => (
          <li key={step} className="relative flex items-start gap-3 px-5 py-3.5 hover:bg-slate-50">
            {setup[step] ? (
              <CheckCircleIcon className="mt-0.5 size-5 shrink-0 text-teal-600" />
            ) : (
              <span
                aria-hidden="true"
                className="mt-0.5 size-5 shrink-0 rounded-full border-2 border-slate-300"
              />
            )}
            <div className="min-w-0 flex-1">
              <Link
                to={links[step]}
                className={cn(
                  'text-sm font-medium after:absolute after:inset-0 focus-visible:outline-none',
                  setup[step] ? 'text-slate-500 line-through decoration-slate-300' : 'text-slate-900',
                )}
              >
                {t(`practiceSetup.steps.${step}.title`)}
                <span className="sr-only">
                  {' '}
                  ({setup[step] ? t('practiceSetup.done') : t('practiceSetup.toDo')})
                </span>
              </Link>
              {essential.includes(step) ? null : (
                <span className="ml-2 text-xs text-slate-500">{t('practiceSetup.optional')}</span>
              )}
              {setup[step] ? null : (
                <p className="mt-0.5 text-sm text-slate-600">{t(`practiceSetup.steps.${step}.body`)}</p>
              )}
            </div>
            {setup[step] ? null : <ArrowRightIcon className="mt-0.5 size-4 shrink-0 text-slate-400" />}
          </li>
        ))}
      </ol>
    </Card>
  );
}
