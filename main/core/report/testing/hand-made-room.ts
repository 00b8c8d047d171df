import type { Db } from '../../db/open-database';

/**
 * A small room whose report figures are known by hand (see figures.test.ts for the
 * answers): two sources, seven items, five moments (one merged), four drafts, a checklist
 * failure and an override, a few audit lines. Written straight into the store, as the
 * areas would have left it after an event.
 */
export const T0 = Date.UTC(2026, 6, 19, 19, 0, 0);
export const minute = 60_000;
export const handMadeRoomId = 'room-hand';

export function buildHandMadeRoom(db: Db): void {
  const at = (minutes: number) => T0 + minutes * minute;
  db.prepare('INSERT INTO rooms VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)').run(
    handMadeRoomId,
    'Finale « Coupe »',
    T0,
    T0 + 3 * 3_600_000,
    'Europe/Paris',
    'fr',
    T0,
    T0,
  );
  const member = db.prepare('INSERT INTO room_members (id, room_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)');
  member.run('m-lou', handMadeRoomId, 'Lou', 'lead', T0);
  member.run('m-wen', handMadeRoomId, 'Wendy', 'writer', T0);
  member.run('m-ali', handMadeRoomId, 'Alice', 'approver', T0);
  member.run('m-ana', handMadeRoomId, 'Anouk', 'analyst', T0);
  member.run('m-obs', handMadeRoomId, 'Omar', 'observer', T0);
  const source = db.prepare(
    `INSERT INTO sources (id, room_id, kind, label, config, allied, created_at, updated_at, state)
     VALUES (?, ?, 'feed', ?, '{}', ?, ?, ?, ?)`,
  );
  source.run('s-ally', handMadeRoomId, 'Club officiel', 1, T0, T0, 'ok');
  source.run('s-wide', handMadeRoomId, 'Tout Mastodon', 0, T0, T0, 'error');
  const item = db.prepare(
    `INSERT INTO items (room_id, source_id, ext_id, url, author_handle, text, language, published_at, fetched_at,
       likes, reposts, replies, engagement)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const items: Array<[string, string, string | null, string, string | null, number, number]> = [
    // source, author, url, text, language, minute, engagement
    ['s-wide', '@avant', null, 'Échauffement', null, -2, 1],
    ['s-ally', '@club', 'https://club.example/1', 'Coup d\'envoi ! "Allez"', 'fr', 0, 50],
    ['s-ally', '@club', null, 'Première action', 'fr', 0, 2],
    ['s-ally', '@fan', null, 'Quelle ambiance', 'fr', 0, 3],
    ['s-wide', '@bbc', null, 'What a start', 'en', 1, 40],
    ['s-wide', '@fan', null, 'Une panne au stade', 'fr', 5, 7],
    ['s-wide', '@fan', null, 'Encore la panne', 'fr', 5, 0],
  ];
  items.forEach(([sourceId, author, url, text, language, minutes, engagement], n) =>
    item.run(
      handMadeRoomId,
      sourceId,
      `ext-${n}`,
      url,
      author,
      text,
      language,
      at(minutes) + n,
      at(minutes) + n,
      engagement,
      0,
      0,
      engagement,
    ),
  );
  const column = db.prepare(
    `INSERT INTO columns (id, room_id, position, name, query, filters, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{}', ?, ?)`,
  );
  column.run('c-all', handMadeRoomId, 0, 'Tout', '', T0, T0);
  column.run('c-panne', handMadeRoomId, 1, 'Pannes', 'panne', T0, T0);
  const moment = db.prepare(
    `INSERT INTO moments (id, room_id, kind, term, column_id, note, onset_at, detected_at, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  moment.run('mo-spike', handMadeRoomId, 'spike', null, null, null, at(1), at(3), 'confirmed', at(3), at(3));
  moment.run('mo-watch', handMadeRoomId, 'watch', null, 'c-panne', null, at(5), at(5) + 30_000, 'new', at(5), at(5));
  moment.run('mo-note', handMadeRoomId, 'manual', null, null, 'Chant raciste', at(40), at(40), 'new', at(40), at(40));
  moment.run('mo-twice', handMadeRoomId, 'spike', null, null, null, at(1), at(4), 'merged', at(4), at(4));
  moment.run('mo-term', handMadeRoomId, 'emerging', 'panne', null, null, at(5), at(7), 'dismissed', at(7), at(7));
  db.prepare('INSERT INTO cues (id, room_id, label, at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    'cue-ko',
    handMadeRoomId,
    "Coup d'envoi",
    T0,
    T0,
    T0,
  );
  const draft = db.prepare(
    `INSERT INTO drafts (id, room_id, body, networks, trigger_kind, trigger_ref, author_id, state, version, expires_at,
       approvals, override, trigger_at, first_edit_at, submitted_at, approved_at, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'm-wen', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const approval = (memberId: string, minutes: number) => ({ slot: 'brand', memberId, at: at(minutes) });
  const timed = (trigger: number, steps: Array<number | null>) => [
    at(trigger),
    ...steps.map((s) => (s === null ? null : at(s))),
  ];
  draft.run(
    'd-spike',
    handMadeRoomId,
    'On reste branchés ⚡',
    '["mastodon"]',
    'moment',
    'mo-spike',
    'published',
    at(21),
    JSON.stringify([approval('m-ali', 6)]),
    null,
    ...timed(1, [2, 4, 6, 9]),
    at(1),
    at(9),
  );
  draft.run(
    'd-watch',
    handMadeRoomId,
    'La lumière revient',
    '["bluesky","mastodon"]',
    'moment',
    'mo-watch',
    'published',
    at(25),
    JSON.stringify([approval('m-ali', 25)]),
    JSON.stringify({ by: 'm-lou', at: at(24), reason: 'Juriste injoignable, texte neutre', itemIds: ['legal-ok'] }),
    ...timed(5, [6, 15, 25, 35]),
    at(5),
    at(35),
  );
  draft.run(
    'd-note',
    handMadeRoomId,
    'Non au racisme',
    '["mastodon"]',
    'moment',
    'mo-note',
    'rejected',
    at(60),
    '[]',
    null,
    ...timed(40, [41, 42, null, null]),
    at(40),
    at(43),
  );
  draft.run(
    'd-free',
    handMadeRoomId,
    'Merci à tous',
    '["x"]',
    'scratch',
    null,
    'published',
    at(80),
    JSON.stringify([approval('m-lou', 70)]),
    null,
    ...timed(60, [61, 65, 70, 72]),
    at(60),
    at(72),
  );
  const answer = db.prepare(
    "INSERT INTO checklist_answers (draft_id, item_id, value, member_id, at) VALUES (?, 'tone', 'fail', 'm-ali', ?)",
  );
  answer.run('d-spike', at(5));
  answer.run('d-note', at(42));
  const audit = db.prepare(
    `INSERT INTO audit_log (room_id, draft_id, type, actor_id, actor_name, actor_role, at, detail, message_key, params, message)
     VALUES (?, ?, ?, 'm-wen', 'Wendy', 'writer', ?, '', 'audit.x', '{}', 'x')`,
  );
  audit.run(handMadeRoomId, 'd-spike', 'created', at(1));
  audit.run(handMadeRoomId, 'd-watch', 'created', at(5));
  audit.run(handMadeRoomId, 'd-spike', 'published', at(9));
}

/** A publishing account of the hand-made room, for the outbox rows tests add. */
export function addOutboxTables(db: Db): void {
  db.prepare(
    `INSERT INTO publish_accounts (id, room_id, network, label, server, created_at, created_by)
     VALUES ('acc', ?, 'mastodon', '@marque@social', 'https://social.example', 0, 'm-lou')`,
  ).run(handMadeRoomId);
}
