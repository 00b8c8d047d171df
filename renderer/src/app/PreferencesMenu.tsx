import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../../shared/i18n/catalog';
import type { Settings } from '../../../shared/settings/settings';
import { api } from '../api';
import { changeLocale } from '../i18n';

const themes: Settings['theme'][] = ['system', 'light', 'dark'];

/** Language and theme, remembered in the store for the next start. */
export function PreferencesMenu({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (settings: Settings) => void;
}) {
  const { t, i18n } = useTranslation();

  const pickLocale = async (locale: Locale) => {
    await changeLocale(locale);
    const saved = await api.settings.update({ locale });
    if (saved.ok) onChange(saved.value);
  };
  const pickTheme = async (theme: Settings['theme']) => {
    const saved = await api.settings.update({ theme });
    if (saved.ok) onChange(saved.value);
  };

  return (
    <div className="preferences">
      <label>
        <span>{t('language')}</span>
        <select value={i18n.language} onChange={(event) => void pickLocale(event.target.value as Locale)}>
          {locales.map((locale) => (
            <option key={locale} value={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('theme')}</span>
        <select value={settings.theme} onChange={(event) => void pickTheme(event.target.value as Settings['theme'])}>
          {themes.map((theme) => (
            <option key={theme} value={theme}>
              {t(`themes.${theme}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
