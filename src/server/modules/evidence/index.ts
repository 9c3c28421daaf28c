/**
 * The evidence module's public face (佐证材料): its routes, and the blob store that attachments (附件, the
 * attachments module) share: receiving an upload, finding a stored file, removing it once no row uses it.
 */
export { evidenceRoutes } from './evidence.routes';
export { blobFile, receiveUpload, removeBlobIfUnused, type StoredFile } from './evidence.upload';
export { writeBlob } from './evidence.storage';
