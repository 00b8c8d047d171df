import type { RecordingHeader } from '../../main/core/recordings/recording';
import type { Account, Platform } from './accounts';
import type { Random } from './prng';
import type { RateCurve } from './rate-model';

/** What people say about one thing, in both languages. Placeholders are {name}. */
export interface Topic {
  fr: readonly string[];
  en: readonly string[];
  /** Feed headlines as "Title :: summary". A topic without them never becomes an article. */
  feedFr?: readonly string[];
  feedEn?: readonly string[];
  /** Hashtags appended now and then. */
  tags: readonly string[];
  mediaChance: number;
  linkChance: number;
  /** Multiplies engagement (moments travel further than small talk). */
  boost: number;
}

export interface Stream {
  /** Names the stream for its random sub-stream; changing one stream leaves the others be. */
  id: string;
  topic: (at: number, random: Random) => string;
  curve: RateCurve;
  from: number;
  to: number;
  englishShare: number;
  /** Chance that an item of this stream is a news-site article rather than a post. */
  feedShare: number;
}

export interface FeedSite {
  host: string;
  label: string;
  language: 'fr' | 'en';
  section: string;
  authors: readonly string[];
}

/** A post written on purpose at a set time (a brand's message, the gaffe itself). */
export interface ScheduledPost {
  at: number;
  account: Account;
  text: string;
  mediaUrls: string[];
  boost: number;
}

/** The true onset of a moment, which a spike detector is scored against. */
export interface MomentTruth {
  id: string;
  kind: string;
  label_fr: string;
  label_en: string;
  onsetAt: number;
  terms: string[];
}

/** A run-of-show cue as the team plans it before the event (event time, ms UTC). */
export interface PlannedCue {
  label_fr: string;
  label_en: string;
  at: number;
}

export interface Scenario {
  seed: number;
  header: RecordingHeader;
  topics: Readonly<Record<string, Topic>>;
  streams: readonly Stream[];
  /** Values for placeholders at an event time: fixed strings, or lists to pick from. */
  vars: (at: number) => Readonly<Record<string, string | readonly string[]>>;
  population: { count: number; englishShare: number };
  feedSites: readonly FeedSite[];
  /** Label of the source a post was taken in from, e.g. "r/CoupeDesNations". */
  sourceLabel: (platform: Platform, language: 'fr' | 'en') => string;
  redditThread: (language: 'fr' | 'en') => { subreddit: string; id: string };
  scheduled: (random: Random) => ScheduledPost[];
  moments: readonly MomentTruth[];
  /** The run of show a room replaying it starts with (the demo room's cues). */
  runOfShow?: readonly PlannedCue[];
}
