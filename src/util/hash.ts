/** Hashes for cache keys and cache integrity, shared by every cache of Bayan. */
import { createHash } from "node:crypto";

/** Hex SHA-256 of the given parts, for cache keys. */
export function hashOf(...parts: Array<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/** Hex SHA-1 of a file's bytes: an integrity check of cache entries (not a security one; faster than SHA-256). */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}
