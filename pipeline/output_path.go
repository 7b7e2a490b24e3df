package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// outputMode is the permission of the files the pipeline writes (record
// files, checkpoints): readable by all, like any output of a program (the
// temporary file they are written through is created private, 0600).
const outputMode = 0o644

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

// writeFileAtomic writes data to path through a temporary file in the same
// directory, synced and renamed over path (mode outputMode); on any
// failure the temporary file is removed, so an interrupted or failed write
// leaves neither a truncated file nor a stray one.
func writeFileAtomic(path string, data []byte) (err error) {
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
	if err = tmp.Chmod(outputMode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
