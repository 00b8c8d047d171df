import { useTranslation } from 'react-i18next';
import type { Stopwatch as StopwatchTimes } from '../../../shared/drafts/draft';
import { formatElapsed } from './format';

const steps = ['firstEditAt', 'submittedAt', 'approvedAt', 'publishedAt'] as const;

/** Time from the trigger to each step reached: what the post-event report measures. */
export function Stopwatch({ stopwatch }: { stopwatch: StopwatchTimes }) {
  const { t } = useTranslation('drafts');
  return (
    <dl className="stopwatch" aria-label={t('stopwatch.title')}>
      {steps.map((step) => {
        const at = stopwatch[step];
        if (at === null) return null;
        return (
          <div key={step}>
            <dt>{t(`stopwatch.${step}`)}</dt>
            <dd>{formatElapsed(at - stopwatch.triggerAt)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
