import type { ColumnItem } from '../../../shared/columns/column';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { DraftHit, ItemHit, MomentHit, searchCalls } from '../../../shared/contract/calls/search';
import type { Moment } from '../../../shared/moments/moment';
import type { QueryNode } from '../../../shared/query/ast';
import { highlightTerms } from '../../../shared/query/parse-query';
import type { Room } from '../../../shared/rooms/room';
import { nothingToClose, type Area } from '../area';
import { itemMatches } from '../items/query/match-functions';
import { toAst } from '../items/query/newest-matching';
import type { RoomService } from '../rooms/room-service';

/**
 * What the search reads in one room, each through the area that owns it: posts through the
 * columns' query engine (the room's full-text index), drafts and moments through their lists.
 */
export interface SearchSources {
  itemsIn(roomId: string, query: QueryNode | null, limit: number): ColumnItem[];
  draftsIn(roomId: string): DraftView[];
  momentsIn(roomId: string): Moment[];
}

export interface SearchAreaDeps extends SearchSources {
  rooms: Pick<RoomService, 'list' | 'get'>;
}

/**
 * Drafts and moments hold a few hundred rows per room: the query runs on them in memory, through
 * the columns' own matcher, so OR, -exclusions, "phrases", prefixes and #tags mean what they mean
 * in a column (case and accents ignored). They have no author: an @handle finds posts only.
 */
const textMatches = (ast: QueryNode, text: string) => itemMatches(ast, text, null);
const momentText = (moment: Moment) =>
  [moment.note, moment.term, ...moment.samples.map((sample) => sample.text)].filter(Boolean).join(' · ');

/**
 * Search across rooms (past events are where teams find what worked). The machine's own
 * windows search every room; a teammate's session only the room its invite is for (the call
 * gate has already checked their role may read it).
 */
export function createSearchArea(deps: SearchAreaDeps): Area<typeof searchCalls> {
  return {
    handlers: {
      'search.rooms': ({ query, limitPerRoom, includeArchived }, session) => {
        const ast = toAst(query);
        const terms = highlightTerms(ast);
        const rooms: Room[] = session.binding
          ? [deps.rooms.get(session.binding.roomId)]
          : deps.rooms.list({ includeArchived });
        const items: ItemHit[] = [];
        const drafts: DraftHit[] = [];
        const moments: MomentHit[] = [];
        for (const room of rooms) {
          const inRoom = { roomId: room.id, roomName: room.name };
          for (const item of deps.itemsIn(room.id, ast, limitPerRoom)) {
            items.push({
              ...inRoom,
              itemId: item.id,
              // Starts with the headline when the post has one.
              text: item.text,
              author: item.authorName ?? item.authorHandle,
              publishedAt: item.publishedAt,
            });
          }
          // Nothing to look for (only exclusions): a column would list everything; here drafts and
          // moments would drown the posts, so they are left to the words.
          if (ast === null || terms.length === 0) continue;
          const matchingDrafts = deps.draftsIn(room.id).filter((draft) => textMatches(ast, draft.body));
          for (const draft of matchingDrafts.slice(0, limitPerRoom)) {
            drafts.push({
              ...inRoom,
              draftId: draft.id,
              text: draft.body,
              state: draft.state,
              updatedAt: draft.updatedAt,
            });
          }
          const matchingMoments = deps.momentsIn(room.id).filter((moment) => textMatches(ast, momentText(moment)));
          for (const moment of matchingMoments.slice(0, limitPerRoom)) {
            moments.push({
              ...inRoom,
              momentId: moment.id,
              kind: moment.kind,
              text: momentText(moment),
              detectedAt: moment.detectedAt,
            });
          }
        }
        items.sort((a, b) => b.publishedAt - a.publishedAt);
        drafts.sort((a, b) => b.updatedAt - a.updatedAt);
        moments.sort((a, b) => b.detectedAt - a.detectedAt);
        return { items, drafts, moments, terms, roomsSearched: rooms.length };
      },
    },
    close: nothingToClose,
  };
}
