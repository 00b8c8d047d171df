/**
 * The UI and report strings, French and English, one JSON file per area so each area's
 * strings live together. Both languages must have the same keys (a unit test checks).
 */
import enCommon from './locales/en/common.json';
import enDrafts from './locales/en/drafts.json';
import enErrors from './locales/en/errors.json';
import enFaults from './locales/en/faults.json';
import enMoments from './locales/en/moments.json';
import enPublishing from './locales/en/publishing.json';
import enReport from './locales/en/report.json';
import enRooms from './locales/en/rooms.json';
import enSources from './locales/en/sources.json';
import enTeam from './locales/en/team.json';
import enWorkspace from './locales/en/workspace.json';
import frCommon from './locales/fr/common.json';
import frDrafts from './locales/fr/drafts.json';
import frErrors from './locales/fr/errors.json';
import frFaults from './locales/fr/faults.json';
import frMoments from './locales/fr/moments.json';
import frPublishing from './locales/fr/publishing.json';
import frReport from './locales/fr/report.json';
import frRooms from './locales/fr/rooms.json';
import frSources from './locales/fr/sources.json';
import frTeam from './locales/fr/team.json';
import frWorkspace from './locales/fr/workspace.json';

export const catalog = {
  en: {
    common: enCommon,
    errors: enErrors,
    rooms: enRooms,
    sources: enSources,
    workspace: enWorkspace,
    drafts: enDrafts,
    moments: enMoments,
    report: enReport,
    team: enTeam,
    faults: enFaults,
    publishing: enPublishing,
  },
  fr: {
    common: frCommon,
    errors: frErrors,
    rooms: frRooms,
    sources: frSources,
    workspace: frWorkspace,
    drafts: frDrafts,
    moments: frMoments,
    report: frReport,
    team: frTeam,
    faults: frFaults,
    publishing: frPublishing,
  },
} as const;

export type Locale = keyof typeof catalog;
export const locales = Object.keys(catalog) as Locale[];
export const namespaces = Object.keys(catalog.en) as (keyof (typeof catalog)['en'])[];
