// Package edit owns every write clientbook makes (SPEC §8 "Writes"): a
// temporary file in the same folder, fsync, rename (or link, when an
// existing file must not be replaced), fsync of the folder, and the lock
// that serialises concurrent writers. A failed write leaves the original
// file byte-identical; a writer killed mid-write leaves the old file or
// the new one, whole, and at most a hidden temporary file, which the next
// write in the same folder removes once it is a minute old and no live
// writer holds it.
//
// Writes never leave the book or clobber what they should not (SPEC §1):
// the lock file is never followed through a link; a file of the book that
// is a link is written through to its target inside the book, never
// replaced by a file, and refused when the link leads out; what is about
// to be written must pass the loader's own limits (SPEC §9 "Files"); and
// WriteFile, for files named by the user, writes straight into devices,
// pipes and descriptors instead of renaming a file over them.
//
// It also owns changes to files people have written by hand. AppendToList
// adds an entry to a list by splicing one line into the text at a place
// found from the parsed nodes' positions, so the user's comments, key
// order, blank lines and spacing stay byte for byte as they were; the
// result is parsed again and compared with the original before anything
// is written.
package edit
