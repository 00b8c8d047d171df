import { z } from 'zod';
import { Network } from '../../drafts/networks';

/** Fields several areas' calls share. */
export const Id = z.string().min(1).max(64);
export const RoomOnly = z.object({ roomId: Id });
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const Networks = z.array(Network).max(3).default([]);
