import { createContext, useContext } from 'react';
import type { RoomMember } from '../../../shared/contract/calls/team';

/** The room's team, read once by the workspace and shared by every item card (assign). */
export const MembersContext = createContext<readonly RoomMember[]>([]);

export const useRoomMembers = () => useContext(MembersContext);
