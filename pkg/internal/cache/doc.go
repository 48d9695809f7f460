// Package cache owns the on-disk cache of per-client results: one file per
// book and command, of records in the order of their folder names, each
// under the key its caller computed and ending with a CRC-32C of its folder
// name, key and record; a file that is damaged, foreign or of another salt
// is ignored, and it is replaced atomically (a temporary file renamed over
// it) only when a run changed something. A run holds neither the file nor
// its own entries: it reads the old file's index (names and offsets) and
// each entry it looks up, and writes each new entry as it is put. What a
// record holds is the caller's: the bytes its codec made. It knows nothing
// of YAML, clients or findings.
package cache
