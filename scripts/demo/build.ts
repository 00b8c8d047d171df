import type { RecordedItem, RecordingHeader } from '../../main/core/recordings/recording';
import { makeAccounts, type Account } from './accounts';
import { composeArticle, composePost, slugify, token } from './compose';
import { ItemFactory } from './item-factory';
import { createRandom } from './prng';
import { arrivals } from './rate-model';
import type { MomentTruth, Scenario } from './scenario';

export interface GeneratedRecording {
  header: RecordingHeader;
  items: RecordedItem[];
  moments: MomentTruth[];
}

/** Plays a scenario's streams into items. Pure: the same scenario gives the same items. */
export function buildRecording(scenario: Scenario): GeneratedRecording {
  const root = createRandom(scenario.seed);
  const accounts = makeAccounts(root.fork('accounts'), scenario.population.count, scenario.population.englishShare);
  const byLanguage = {
    fr: accounts.filter((a) => a.language === 'fr'),
    en: accounts.filter((a) => a.language === 'en'),
  };
  const factory = new ItemFactory(root.fork('ids'));
  const items: RecordedItem[] = [];

  for (const stream of scenario.streams) {
    const random = root.fork(`stream:${stream.id}`);
    for (const at of arrivals(random, stream.curve, stream.from, stream.to)) {
      const topicId = stream.topic(at, random);
      const topic = scenario.topics[topicId];
      if (topic === undefined) throw new Error(`stream ${stream.id} names an unknown topic "${topicId}"`);
      const language = random.chance(stream.englishShare) ? 'en' : 'fr';
      const vars = scenario.vars(at);
      const headlines = language === 'fr' ? topic.feedFr : topic.feedEn;
      const sites = scenario.feedSites.filter((s) => s.language === language);
      if (headlines !== undefined && sites.length > 0 && random.chance(stream.feedShare)) {
        const site = random.pick(sites);
        const { title, summary } = composeArticle(random, headlines, vars);
        items.push(
          factory.feed({
            site,
            author: random.pick(site.authors),
            at,
            title,
            summary,
            slug: `${slugify(title)}-${token(random, 6)}`,
            mediaUrls: random.chance(0.6) ? [`https://${site.host}/images/${token(random, 10)}.jpg`] : [],
          }),
        );
        continue;
      }
      const account = pickAccount(random.next(), byLanguage[language]);
      const post = composePost(random, topic, language, vars);
      items.push(
        factory.social({
          account,
          at,
          text: account.platform === 'reddit' ? post.text.replace(/\s#[\p{L}\p{N}_]+$/u, '') : post.text,
          mediaUrls: post.mediaUrls,
          boost: topic.boost,
          sourceLabel: scenario.sourceLabel(account.platform, language),
          ...(account.platform === 'reddit' ? { thread: scenario.redditThread(language) } : {}),
        }),
      );
    }
  }

  for (const post of scenario.scheduled(root.fork('scheduled'))) {
    items.push(
      factory.social({
        ...post,
        sourceLabel: scenario.sourceLabel(post.account.platform, post.account.language),
        ...(post.account.platform === 'reddit' ? { thread: scenario.redditThread(post.account.language) } : {}),
      }),
    );
  }

  const { startsAt, endsAt } = scenario.header;
  const inWindow = items.filter((i) => i.publishedAt >= startsAt && i.publishedAt <= endsAt);
  inWindow.sort((a, b) => a.publishedAt - b.publishedAt || (a.extId < b.extId ? -1 : a.extId > b.extId ? 1 : 0));
  return { header: scenario.header, items: inWindow, moments: [...scenario.moments] };
}

/** A few accounts post a lot and most post once or twice, as on any busy hashtag. */
function pickAccount(uniform: number, accounts: readonly Account[]): Account {
  const account = accounts[Math.floor(accounts.length * uniform * uniform)];
  if (account === undefined) throw new Error('the scenario needs accounts in every language it writes');
  return account;
}
