import i18next from 'i18next';
import { catalog, namespaces } from '../../../shared/i18n/catalog';

/** Tests: i18next on the app's real catalogs, as the renderer starts it, in `lng`. */
export function initCatalogI18n(lng: 'fr' | 'en') {
  return i18next.init({
    resources: catalog,
    lng,
    fallbackLng: 'en',
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
}
