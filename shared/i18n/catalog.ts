/**
 * The UI and report strings, French and English, one JSON file per area so each area's
 * strings live together. Both languages must have the same keys (a unit test checks).
 */
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enRooms from './locales/en/rooms.json';
import enSources from './locales/en/sources.json';
import frCommon from './locales/fr/common.json';
import frErrors from './locales/fr/errors.json';
import frRooms from './locales/fr/rooms.json';
import frSources from './locales/fr/sources.json';

export const catalog = {
  en: { common: enCommon, errors: enErrors, rooms: enRooms, sources: enSources },
  fr: { common: frCommon, errors: frErrors, rooms: frRooms, sources: frSources },
} as const;

export type Locale = keyof typeof catalog;
export const locales = Object.keys(catalog) as Locale[];
export const namespaces = Object.keys(catalog.en) as (keyof (typeof catalog)['en'])[];
