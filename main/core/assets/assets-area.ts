import type { assetCalls } from '../../../shared/contract/calls/assets';
import type { HandlersOf } from '../contract/dispatch';
import { AppError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import { ensureAssetFolder, listAssets } from './asset-folder';

export function assetHandlers({
  dataDir,
  rooms,
}: {
  dataDir: string;
  rooms: RoomService;
}): HandlersOf<typeof assetCalls> {
  return {
    'assets.list': ({ roomId }) => {
      rooms.get(roomId);
      const folder = ensureAssetFolder(dataDir, roomId);
      if (!folder) {
        throw new AppError('invalid_input', 'This room id cannot name a folder.', {
          field: 'roomId',
          messageKey: 'errors.assets.badRoom',
        });
      }
      return { folder, files: listAssets(folder) };
    },
  };
}
