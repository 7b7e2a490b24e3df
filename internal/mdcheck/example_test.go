package mdcheck_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/htsgd/htsgd/internal/mdcheck"
)

func ExampleSlug() {
	fmt.Println(mdcheck.Slug("6.2 How long a run is"))
	fmt.Println(mdcheck.Slug("The rate constants `q_ij`"))
	// Output:
	// 62-how-long-a-run-is
	// the-rate-constants-q_ij
}

func ExampleCheck() {
	root, err := os.MkdirTemp("", "mdcheck")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	readme := "# Demo\n\nSee [the theory](docs/theory.md#s1), [a spec](../spec.md) and [top](#demo).\n"
	os.WriteFile(filepath.Join(root, "README.md"), []byte(readme), 0o644)
	os.Mkdir(filepath.Join(root, "docs"), 0o755)
	os.WriteFile(filepath.Join(root, "docs", "theory.md"), []byte("# Theory\n"), 0o644)

	probs, err := mdcheck.Check(root, []string{"README.md", "docs/theory.md"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range probs {
		fmt.Println(p)
	}
	// Output:
	// README.md:3: docs/theory.md#s1: no such heading or anchor
	// README.md:3: ../spec.md: leaves the repository
}
