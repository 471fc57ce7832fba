//go:build unix

package source

import (
	"io/fs"
	"syscall"
)

// readFile is os.ReadFile for the migration files, without what os.File
// sets up for each file (non-blocking mode, poller registration): the
// system calls a repository of thousands of files costs are open, fstat,
// read and close.
func readFile(path string) ([]byte, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	}
	// One byte more than the size, so that the read that finds the end
	// needs no new buffer; files that grow or report no size still read
	// whole.
	data := make([]byte, 0, max(int(st.Size), 0)+1)
	for {
		n, err := ignoringEINTR(func() (int, error) {
			return syscall.Read(fd, data[len(data):cap(data)])
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// ignoringEINTR calls f until it is not interrupted by a signal.
func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
