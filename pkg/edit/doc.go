// Package edit owns every write clientbook makes (SPEC §8 "Writes"): a
// temporary file in the same folder, fsync, rename (or link, when an
// existing file must not be replaced), fsync of the folder, and the lock
// that serialises concurrent writers. A failed write leaves the original
// file byte-identical.
package edit
