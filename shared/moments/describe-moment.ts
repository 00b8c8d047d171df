import type { TFunction } from 'i18next';
import type { Moment } from './moment';

/** One line naming a moment, as the banner, the list and the notification say it. */
export function describeMoment(moment: Moment, t: TFunction<'moments'>): string {
  switch (moment.kind) {
    case 'spike':
      // A column's spike (and watch alert) carries the column's name as its note.
      return moment.columnId === null
        ? t('kind.spike', { count: moment.peakCount ?? 0 })
        : t('kind.columnSpike', { column: moment.note ?? '', count: moment.peakCount ?? 0 });
    case 'emerging':
      return t('kind.emerging', { term: moment.term ?? '' });
    case 'manual':
      return t('kind.manual', { note: moment.note ?? '' });
    case 'scheduled':
      return t('kind.scheduled', { label: moment.note ?? '' });
    case 'watch':
      return t('kind.watch', { column: moment.note ?? '', count: moment.peakCount ?? 0 });
  }
}

export function formatTime(at: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}
