import type { assetCalls } from '../../../shared/contract/calls/assets';
import { nothingToClose, type Area, type CoreContext } from '../area';
import { AppError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import { ensureAssetFolder, listAssets } from './asset-folder';

/** Each room's folder of images a draft may attach. */
export function createAssetsArea({
  dataDir,
  rooms,
}: Pick<CoreContext, 'dataDir'> & { rooms: RoomService }): Area<typeof assetCalls> {
  return {
    close: nothingToClose,
    handlers: {
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
    },
  };
}
