package book

import (
	"time"

	"golang.org/x/sys/unix"
)

// stampChild is the identity of the regular file name directly inside the
// open folder parent, without opening it, for the cache. recentlyChanged
// is set when it was modified or changed at or after since.
func stampChild(parent folder, name string, since time.Time) (fileStamp, error) {
	var st unix.Stat_t
	var err error
	for {
		if err = unix.Fstatat(parent.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return fileStamp{}, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return fileStamp{}, errNotRegular
	}
	mtime := time.Unix(st.Mtim.Unix())
	ctime := time.Unix(st.Ctim.Unix())
	return fileStamp{
		ino: st.Ino, size: uint64(st.Size),
		mtime: mtime.UnixNano(), ctime: ctime.UnixNano(),
		recentlyChanged: !mtime.Before(since) || !ctime.Before(since),
	}, nil
}
