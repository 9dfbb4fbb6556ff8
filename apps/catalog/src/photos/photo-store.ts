/** A stored file and the media type it was stored with. */
export interface StoredPhoto {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * Where photo variants live: a directory locally, an S3-compatible bucket (Garage) in K3s.
 * Keys are always our own random names (see `photo-key.ts`); every implementation refuses
 * anything else, so no caller can reach outside the photo area through a key.
 */
export interface PhotoStore {
  /** Writes the whole file or nothing; an existing key is overwritten. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when no file has this key. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes the file; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}
