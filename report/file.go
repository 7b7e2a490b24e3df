package report

import (
	"fmt"
	"os"
	"path/filepath"
)

// FileMode is the permission of every results file htsgd writes (record
// files, checkpoints, converge and control reports): readable by all,
// like any output of a program. The temporary file a result is written
// through is created private (0600) and takes this mode before it is
// renamed into place.
const FileMode = 0o644

// WriteFileAtomic writes data to path through a temporary file in the
// same directory, synced, given FileMode and renamed over path; on any
// failure the temporary file is removed, so an interrupted or failed write
// leaves neither a truncated file nor a stray one. A path naming a
// directory is an error before anything is written.
func WriteFileAtomic(path string, data []byte) (err error) {
	if info, statErr := os.Stat(path); statErr == nil && info.IsDir() {
		return fmt.Errorf("%s is a directory, not a file", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(FileMode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
