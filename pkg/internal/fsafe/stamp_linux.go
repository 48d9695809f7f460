package fsafe

import (
	"time"

	"golang.org/x/sys/unix"
)

// StampChild is the identity of the regular file name directly inside the
// open folder parent, without opening it. RecentlyChanged is set when it
// was modified or changed at or after since.
func StampChild(parent Folder, name string, since time.Time) (Stamp, error) {
	var st unix.Stat_t
	var err error
	for {
		if err = unix.Fstatat(parent.FD, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return Stamp{}, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return Stamp{}, ErrNotRegular
	}
	mtime := time.Unix(st.Mtim.Unix())
	ctime := time.Unix(st.Ctim.Unix())
	return Stamp{
		Ino: st.Ino, Size: uint64(st.Size),
		Mtime: mtime.UnixNano(), Ctime: ctime.UnixNano(),
		RecentlyChanged: !mtime.Before(since) || !ctime.Before(since),
	}, nil
}
