import { describe, expect, it } from 'vitest';
import { englishPublishProblem, publishProblem } from '../../../../shared/publishing/publish-problem';
import { renderReportBody } from '../../../../shared/report/document/render-document';
import { computeFigures } from './compute-figures';
import { addOutboxTables, buildHandMadeRoom, handMadeRoomId, minute, T0 } from '../testing/hand-made-room';
import { tempCoresPerTest } from '../../testing/temp-core';

const tempCore = tempCoresPerTest();
const now = T0 + 4 * 3_600_000;

function handMadeFigures(withOutbox = false) {
  const core = tempCore();
  buildHandMadeRoom(core.db);
  if (withOutbox) addOutboxTables(core.db);
  return { core, figures: () => computeFigures(core.db, handMadeRoomId, now) };
}

describe('report figures on a hand-made room', () => {
  it('summary: items, languages, team and sources with their health over the event', () => {
    const figures = handMadeFigures().figures();
    expect(figures.room).toMatchObject({
      name: 'Finale « Coupe »',
      timeZone: 'Europe/Paris',
      freshnessWindowMs: 20 * minute,
    });
    expect(figures.items).toEqual({
      total: 7,
      duringEvent: 6,
      languages: [
        { key: 'fr', count: 5 },
        { key: '', count: 1 },
        { key: 'en', count: 1 },
      ],
    });
    expect(figures.team.map((m) => `${m.name}:${m.role}`)).toEqual([
      'Lou:lead',
      'Wendy:writer',
      'Alice:approver',
      'Anouk:analyst',
      'Omar:observer',
    ]);
    expect(figures.sources).toEqual([
      expect.objectContaining({
        id: 's-ally',
        allied: true,
        items: 3,
        activeShare: 1 / 180,
        longestSilenceMinutes: 179,
      }),
      expect.objectContaining({
        id: 's-wide',
        state: 'error',
        items: 4,
        activeShare: 2 / 180,
        longestSilenceMinutes: 174,
      }),
    ]);
  });

  it('headline: moments seen and answered, median and p90 from trigger to published and to approved', () => {
    const { headline } = handMadeFigures().figures();
    expect(headline.momentsSeen).toBe(4); // the merged spike is the first one told twice
    expect(headline.momentsAnswered).toBe(2);
    expect(headline.watchAlerts).toBe(1);
    // Published after 8, 30 and 12 minutes; approved after 5, 20 and 10.
    expect(headline.triggerToPublished).toEqual({ count: 3, median: 12 * minute, p90: 30 * minute });
    expect(headline.triggerToApproved).toEqual({ count: 3, median: 10 * minute, p90: 20 * minute });
    expect(headline.published).toBe(3);
    expect(headline.insideFreshness).toBe(2); // the 30-minute one missed the 20-minute window
    expect(headline.publishedPerNetwork).toEqual([
      { key: 'mastodon', count: 2 },
      { key: 'bluesky', count: 1 },
      { key: 'x', count: 1 },
    ]);
  });

  it('timeline: volume per minute from the first item, cues, moments, published responses, column shares', () => {
    const { timeline } = handMadeFigures().figures();
    expect(timeline.from).toBe(T0 - 2 * minute);
    expect(timeline.to).toBe(T0 + 180 * minute);
    expect(timeline.volume).toEqual([
      { minute: T0 - 2 * minute, count: 1 },
      { minute: T0, count: 3 },
      { minute: T0 + minute, count: 1 },
      { minute: T0 + 5 * minute, count: 2 },
    ]);
    expect(timeline.cues).toEqual([{ label: "Coup d'envoi", at: T0 }]);
    expect(timeline.published.map((p) => p.draftId)).toEqual(['d-spike', 'd-watch', 'd-free']);
    expect(timeline.columns.map((c) => [c.name, c.total, c.share])).toEqual([
      ['Tout', 7, 7 / 9],
      ['Pannes', 2, 2 / 9],
    ]);
    expect(timeline.columns[1]?.series).toEqual([{ minute: T0 + 5 * minute, count: 2 }]);
  });

  it('moments: detection delay from the first matching post, and what the team did', () => {
    const { moments } = handMadeFigures().figures();
    expect(moments.map((m) => [m.id, m.detectionDelayMs, m.drafts, m.decision])).toEqual([
      ['mo-spike', 2 * minute, 1, 'published'],
      ['mo-term', 2 * minute, 0, 'dismissed'],
      ['mo-watch', 30_000, 1, 'published'],
      ['mo-note', null, 1, 'rejected'],
    ]);
    expect(moments.find((m) => m.id === 'mo-watch')?.columnName).toBe('Pannes');
    expect(moments.find((m) => m.id === 'mo-spike')?.publishedAt).toBe(T0 + 9 * minute);
  });

  it('responses: stopwatch, approvers, overrides with their reasons, freshness', () => {
    const { responses } = handMadeFigures().figures();
    const watch = responses.find((r) => r.id === 'd-watch');
    expect(watch).toMatchObject({
      author: 'Wendy',
      triggerAt: T0 + 5 * minute,
      submittedAt: T0 + 15 * minute,
      approvedAt: T0 + 25 * minute,
      publishedAt: T0 + 35 * minute,
      insideFreshness: false,
      approvers: [{ name: 'Alice', slot: 'brand', at: T0 + 25 * minute }],
      override: { by: 'Lou', reason: 'Juriste injoignable, texte neutre', items: ['legal-ok'] },
      links: [],
    });
    expect(responses.find((r) => r.id === 'd-note')).toMatchObject({ state: 'rejected', insideFreshness: null });
  });

  it('conversation: top posts by engagement, emerging terms, allied vs other, top authors', () => {
    const { conversation } = handMadeFigures().figures();
    expect(conversation.topPosts.map((p) => p.engagement)).toEqual([50, 40, 7, 3, 2, 1, 0]);
    expect(conversation.topPosts[0]?.text).toBe('Coup d\'envoi ! "Allez"');
    expect(conversation.emergingTerms).toEqual([{ term: 'panne', at: T0 + 5 * minute }]);
    expect(conversation.allied).toEqual({ allied: 3, other: 4 });
    expect(conversation.topAuthors.slice(0, 2)).toEqual([
      { key: '@fan', count: 3 },
      { key: '@club', count: 2 },
    ]);
  });

  it('process: checklist failures and overrides, review time, approvals, audit summary', () => {
    const { process } = handMadeFigures().figures();
    expect(process.checklist).toEqual([
      { itemId: 'tone', failed: 2, overridden: 0 },
      { itemId: 'legal-ok', failed: 0, overridden: 1 },
    ]);
    // Submitted → approved: 2, 10 and 5 minutes.
    expect(process.reviewTime).toEqual({ count: 3, median: 5 * minute, p90: 10 * minute });
    expect(process.approvals).toEqual([
      { name: 'Alice', role: 'approver', count: 2 },
      { name: 'Lou', role: 'lead', count: 1 },
    ]);
    expect(process.audit).toEqual([
      { key: 'created', count: 2 },
      { key: 'published', count: 1 },
    ]);
    expect(process.auditTotal).toBe(3);
    expect(process.freezes).toEqual([]);
  });

  it('reads the outbox: links, networks and freezes', () => {
    const { core, figures } = handMadeFigures(true);
    const entry = core.db.prepare(
      `INSERT INTO outbox_entries (id, room_id, draft_id, account_id, network, channel_label, state, remote_id, remote_url,
         published_at, failure_reason, created_at, created_by, body, draft_version, rkey, not_before, updated_at)
       VALUES (?, ?, ?, 'acc', ?, ?, ?, ?, ?, ?, ?, ?, 'm-lou', 'Réponse', 1, 'k', 0, 0)`,
    );
    entry.run(
      'o1',
      handMadeRoomId,
      'd-spike',
      'mastodon',
      '@marque@social',
      'published',
      '111',
      'https://social.example/@marque/111',
      T0 + 9 * minute,
      null,
      T0 + 8 * minute,
    );
    entry.run(
      'o2',
      handMadeRoomId,
      'd-spike',
      'bluesky',
      'marque.bsky',
      'failed',
      null,
      null,
      null,
      'rate limited',
      T0 + 8 * minute,
    );
    core.db
      .prepare(
        'INSERT INTO outbox_freezes (room_id, frozen_at, frozen_by, reason, unfrozen_at, unfrozen_by) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(handMadeRoomId, T0 + 50 * minute, 'm-lou', 'Deuil national', T0 + 55 * minute, 'm-lou');
    const result = figures();
    expect(result.responses.find((r) => r.id === 'd-spike')?.links).toEqual([
      expect.objectContaining({ network: 'mastodon', state: 'published', url: 'https://social.example/@marque/111' }),
      expect.objectContaining({ network: 'bluesky', state: 'failed', failureReason: 'rate limited' }),
    ]);
    // d-spike counts through its acknowledged channel; the others by the networks they were for.
    expect(result.headline.publishedPerNetwork).toEqual([
      { key: 'mastodon', count: 2 },
      { key: 'bluesky', count: 1 },
      { key: 'x', count: 1 },
    ]);
    expect(result.process.freezes).toEqual([
      { frozenAt: T0 + 50 * minute, frozenBy: 'Lou', reason: 'Deuil national', unfrozenAt: T0 + 55 * minute },
    ]);
  });

  it('says outbox states, wait reasons and failure reasons in the report’s language; an older row keeps its sentence', () => {
    const { core, figures } = handMadeFigures(true);
    const entry = core.db.prepare(
      `INSERT INTO outbox_entries (id, room_id, draft_id, account_id, network, channel_label, state, wait_reason,
         failure_reason, failure_problem, created_at, created_by, body, draft_version, rkey, not_before, updated_at)
       VALUES (?, ?, 'd-spike', 'acc', 'mastodon', ?, ?, ?, ?, ?, ?, 'm-lou', 'Réponse', 1, 'k', 0, 0)`,
    );
    const detail = 'Validation failed: Text character limit of 500 exceeded';
    const refused = publishProblem('serverSaid', { status: 422, detail });
    entry.run('o1', handMadeRoomId, '@a', 'failed', null, englishPublishProblem(refused), JSON.stringify(refused), T0);
    // Written before failures had codes: only the English sentence.
    entry.run('o2', handMadeRoomId, '@b', 'failed', null, 'The instance answered HTTP 500', null, T0 + 1);
    entry.run('o3', handMadeRoomId, '@c', 'queued', 'offline', null, null, T0 + 2);
    const result = figures();
    const links = result.responses.find((r) => r.id === 'd-spike')?.links ?? [];
    expect(links.map((l) => [l.state, l.waitReason, l.failureProblem])).toEqual([
      ['failed', null, refused],
      ['failed', null, null],
      ['queued', 'offline', null],
    ]);
    const body = (language: 'fr' | 'en') =>
      renderReportBody(result, { language, sections: ['responses'], debrief: '' }).replace(/&quot;/g, '"');
    const french = body('fr');
    expect(french).toContain(`en échec\u00a0: le serveur a répondu 422\u00a0: «\u00a0${detail}\u00a0»`);
    expect(french).toContain('en échec\u00a0: The instance answered HTTP 500');
    expect(french).toContain('en file (en attente du réseau)');
    const english = body('en');
    expect(english).toContain(`failed: the server answered 422: “${detail}”`);
    expect(english).toContain('queued (waiting for the network)');
  });
});
