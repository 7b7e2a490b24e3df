package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// CheckOutputPath reports whether a file can be written at path, before a
// run whose results it is to hold: the path must not be empty or a
// directory, and its directory must exist and be writable. Writability is
// tried, not guessed from permission bits: a temporary file is created in
// the directory and removed at once, so nothing is left behind. A long run
// calls it for every output first, so that a typo in -out does not cost
// the run.
func CheckOutputPath(path string) error {
	if path == "" {
		return errors.New("empty path")
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("%s is a directory, not a file", path)
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("directory %s does not exist", dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a directory", dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".check*")
	if err != nil {
		return fmt.Errorf("directory %s is not writable: %w", dir, err)
	}
	name := tmp.Name()
	tmp.Close()
	return os.Remove(name)
}
