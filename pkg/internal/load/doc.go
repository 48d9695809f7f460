// Package load owns reading a book into pkg/book's model: SPEC §1 and the
// "Files" part of §9. It finds the book's root, lists and reads its files
// (the limits of size and shape; how a file is opened safely is
// pkg/internal/fsafe's), decodes each file strictly from yaml.Node trees
// so that every value keeps its line and column (the decoder, its advice
// for values slightly wrong, and the JSON schemas it implies), puts each
// client together from its files, checks references across files, and
// declares and reports the structural rules CB001–CB008.
//
// Each reads a large book client folder by client folder on the worker
// pool of pkg/internal/stream, handing each folder on in path order as
// soon as it is read, so that no run holds the whole book; Stream and Load
// collect what it hands on. With a cache (pkg/internal/cache) an unchanged
// folder is not read: its slot is what the previous run stored, through
// the caller's Codec.
//
// A broken file hides nothing else: a client whose client.yaml cannot be
// read is a stand-in holding its other files (Client.Unread), and every
// client or opportunity the commands cannot use is in Book.LeftOut with
// the place to fix.
package load
