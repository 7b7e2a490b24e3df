// Command kernelgen writes mc/kernels_gen.go: copies of the simulation
// kernels of package mc specialised to the concrete types of packages
// landscapes and noise, and the dispatchers that pick them.
//
// Why: the kernels are written once against interfaces (landscapes.Curve
// and noise.Law in line_kernels.go; landscapes.Landscape, noise.Vector and
// landscapes.Domain in vector_kernels.go), so every derivative and draw
// is an indirect, non-inlinable call. A copy written with the concrete
// types calls them directly, and the compiler inlines the small ones
// (CriticalPoints.Deriv, Quadratic.Deriv, the laws' SampleFast and the
// generator's Uint64). Generics would not do: Go compiles a generic
// function once per GC shape and calls the methods of its type parameters
// through a dictionary, which is still an indirect call per step ("imprecise
// interface call" in go build -gcflags=-m).
//
// How: the body of each kernel is copied verbatim from its source file, so
// there is one source of the dynamics. Two edits are made: the signature
// gets the concrete types (c landscapes.Curve → c landscapes.Paper1D,
// law noise.Law → law noise.Pareto; l landscapes.Landscape →
// l landscapes.QuadraticRd, z noise.Vector → z noise.Radial,
// dom landscapes.Domain → dom landscapes.Ball), and for the laws with a
// hot-loop form (SampleFast and SampleSlow) each statement
//
//	z := law.Sample(r)
//
// (any names for z and r) becomes the form that the law documents as
// drawing the same z:
//
//	zWord := r.Uint64()
//	z, zOK := law.SampleFast(zWord)
//	if !zOK {
//		z = law.SampleSlow(r, zWord)
//	}
//
// The output is therefore bit-identical to the interface version for the
// same generator state (mc's kernels_test.go checks every copy).
//
// Three families of kernels are generated:
//   - line: one copy per (curve, law) pair (exit, exit pair, walk,
//     trajectory);
//   - curve: one copy per curve (the supplied-noise exit and its traced
//     form: no law);
//   - vector: one copy per R^d landscape, with noise.Radial and
//     landscapes.Ball (exit, walk, supplied-noise exit and its traced form).
//
// Usage, from package mc (go generate ./mc runs it):
//
//	go run ./internal/kernelgen [-o kernels_gen.go] [-check]
//
// -check compares instead of writing and fails if the file is stale.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
)

// curves are the concrete curves of package landscapes that get kernels.
var curves = []string{"Paper1D", "CriticalPoints", "Quadratic"}

// law is a concrete law of package noise; hot laws have SampleFast and
// SampleSlow.
type law struct {
	name string
	hot  bool
}

// laws are the concrete laws of package noise that get kernels.
var laws = []law{
	{"Pareto", true},
	{"Lomax", true},
	{"StudentT", false},
	{"Stable", false},
	{"Gaussian", true},
}

// vectorLandscapes are the concrete R^d landscapes of package landscapes
// that get vector kernels.
var vectorLandscapes = []string{"QuadraticRd", "GaussianWells", "HimmelblauModified"}

// family is the set of concrete types a kernel is specialised to.
type family int

const (
	lineFamily   family = iota // every (curve, law) pair
	curveFamily                // every curve
	vectorFamily               // every R^d landscape, with noise.Radial and landscapes.Ball
)

// kind describes one kernel and its dispatcher.
type kind struct {
	family   family
	file     string // source file of the kernel
	source   string // its name
	prefix   string // prefix of the specialised names
	funcType string // the bound kernel type returned by the dispatcher
	dispatch string // the dispatcher's name
	params   string // parameters of funcType
	results  string // results of funcType ("" for none)
	args     string // arguments of the kernel call after the bound ones
	docGoal  string // what the kernel does, for the dispatcher's doc
	supplied bool   // the noise is supplied by the caller: no law or noise parameter
}

var kinds = []kind{
	{
		family: lineFamily, file: "line_kernels.go", source: "lineExitKernel", prefix: "lineExit",
		funcType: "lineExitFunc", dispatch: "lineExitKernelFor",
		params:  "ctx context.Context, r *rng.Rand, p lineParams, x float64, maxSteps int64",
		results: "(float64, int64, bool)",
		args:    "ctx, %s, r, p, x, maxSteps",
		docGoal: "exit kernel",
	},
	{
		family: lineFamily, file: "line_kernels.go", source: "lineExitPairKernel", prefix: "linePair",
		funcType: "linePairFunc", dispatch: "linePairKernelFor",
		params:  "ra, rb *rng.Rand, p lineParams, xa, xb float64, steps int64",
		results: "(float64, float64, int64, bool, bool)",
		args:    "%s, ra, rb, p, xa, xb, steps",
		docGoal: "two-replica exit kernel",
	},
	{
		family: lineFamily, file: "line_kernels.go", source: "lineWalkKernel", prefix: "lineWalk",
		funcType: "lineWalkFunc", dispatch: "lineWalkKernelFor",
		params:  "r *rng.Rand, p lineParams, x float64, xs []float64",
		results: "float64",
		args:    "%s, r, p, x, xs",
		docGoal: "walk kernel",
	},
	{
		family: lineFamily, file: "line_kernels.go", source: "lineTrajectoryKernel", prefix: "lineTrajectory",
		funcType: "lineTrajectoryFunc", dispatch: "lineTrajectoryKernelFor",
		params:  "r *rng.Rand, t *lineTrajectory, p lineParams, x float64, from, to int64",
		results: "float64",
		args:    "%s, r, t, p, x, from, to",
		docGoal: "trajectory kernel",
	},
	{
		family: curveFamily, file: "line_kernels.go", source: "lineSuppliedKernel", prefix: "lineSupplied",
		funcType: "lineSuppliedFunc", dispatch: "lineSuppliedKernelFor",
		params:   "p lineParams, x float64, zs []float64",
		results:  "(float64, int, bool)",
		args:     "%s, p, x, zs",
		docGoal:  "supplied-noise exit kernel",
		supplied: true,
	},
	{
		family: curveFamily, file: "line_kernels.go", source: "lineTraceKernel", prefix: "lineTrace",
		funcType: "lineTraceFunc", dispatch: "lineTraceKernelFor",
		params:   "p lineParams, x float64, zs, xs []float64",
		results:  "(float64, int, bool)",
		args:     "%s, p, x, zs, xs",
		docGoal:  "supplied-noise exit kernel that stores the iterates",
		supplied: true,
	},
	{
		family: vectorFamily, file: "vector_kernels.go", source: "vectorExitKernel", prefix: "vectorExit",
		funcType: "vectorExitFunc", dispatch: "vectorExitKernelFor",
		params:  "ctx context.Context, r *rng.Rand, p *vectorParams, x, g, w []float64, maxSteps int64",
		results: "(int64, bool, int)",
		args:    "ctx, %s, r, p, x, g, w, maxSteps",
		docGoal: "exit kernel",
	},
	{
		family: vectorFamily, file: "vector_kernels.go", source: "vectorWalkKernel", prefix: "vectorWalk",
		funcType: "vectorWalkFunc", dispatch: "vectorWalkKernelFor",
		params:  "r *rng.Rand, p *vectorParams, x, g, w []float64, xs []float64",
		results: "",
		args:    "%s, r, p, x, g, w, xs",
		docGoal: "walk kernel",
	},
	{
		family: vectorFamily, file: "vector_kernels.go", source: "vectorSuppliedKernel", prefix: "vectorSupplied",
		funcType: "vectorSuppliedFunc", dispatch: "vectorSuppliedKernelFor",
		params:   "p *vectorParams, x, g []float64, zs []float64",
		results:  "(int, bool, int)",
		args:     "%s, p, x, g, zs",
		docGoal:  "supplied-noise exit kernel",
		supplied: true,
	},
	{
		family: vectorFamily, file: "vector_kernels.go", source: "vectorTraceKernel", prefix: "vectorTrace",
		funcType: "vectorTraceFunc", dispatch: "vectorTraceKernelFor",
		params:   "p *vectorParams, x, g []float64, zs, xs []float64",
		results:  "(int, bool, int)",
		args:     "%s, p, x, g, zs, xs",
		docGoal:  "supplied-noise exit kernel that stores the iterates",
		supplied: true,
	},
}

// drawRE matches a draw statement of a kernel, v := law.Sample(r),
// capturing the indentation, v and r.
var drawRE = regexp.MustCompile(`(?m)^([ \t]*)(\w+) := law\.Sample\((\w+)\)$`)

func main() {
	out := flag.String("o", "kernels_gen.go", "output file")
	check := flag.Bool("check", false, "compare with the output file instead of writing it")
	flag.Parse()
	src, err := generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kernelgen:", err)
		os.Exit(1)
	}
	if *check {
		old, err := os.ReadFile(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kernelgen:", err)
			os.Exit(1)
		}
		if !bytes.Equal(old, src) {
			fmt.Fprintf(os.Stderr, "kernelgen: %s is stale; run go generate ./mc\n", *out)
			os.Exit(1)
		}
		return
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "kernelgen:", err)
		os.Exit(1)
	}
}

// generate returns the formatted source of kernels_gen.go.
func generate() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`// Code generated by kernelgen (mc/internal/kernelgen); DO NOT EDIT.

package mc

import (
	"context"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)
`)
	for _, k := range kinds {
		body, err := extract(k.file, k.source)
		if err != nil {
			return nil, err
		}
		writeDispatcher(&b, k)
		for _, t := range targets(k.family) {
			s, err := specialise(body, k, t)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, "\n// %s is %s for %s.\n", k.prefix+t.suffix, k.source, t.doc)
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	return format.Source(b.Bytes())
}

// target is one set of concrete types a kernel is specialised to.
type target struct {
	suffix string      // appended to the kind's prefix
	doc    string      // the types, for the doc comment
	subst  [][2]string // parameter declarations replaced in the signature
	hot    bool        // the law has a hot-loop form
}

// targets returns the concrete types of a family.
func targets(f family) []target {
	var ts []target
	switch f {
	case lineFamily:
		for _, c := range curves {
			for _, l := range laws {
				ts = append(ts, target{suffix: c + l.name, doc: "landscapes." + c + " and noise." + l.name, hot: l.hot,
					subst: [][2]string{{"c landscapes.Curve,", "c landscapes." + c + ","}, {"law noise.Law,", "law noise." + l.name + ","}}})
			}
		}
	case curveFamily:
		for _, c := range curves {
			ts = append(ts, target{suffix: c, doc: "landscapes." + c,
				subst: [][2]string{{"c landscapes.Curve,", "c landscapes." + c + ","}}})
		}
	case vectorFamily:
		for _, l := range vectorLandscapes {
			ts = append(ts, target{suffix: l, doc: "landscapes." + l + " with noise.Radial and landscapes.Ball",
				subst: [][2]string{{"l landscapes.Landscape,", "l landscapes." + l + ","},
					{"z noise.Vector,", "z noise.Radial,"}, {"dom landscapes.Domain,", "dom landscapes.Ball,"}}})
		}
	}
	return ts
}

// writeDispatcher writes the type switch that binds concrete values to
// their specialised kernel, falling back to the interface version.
func writeDispatcher(b *bytes.Buffer, k kind) {
	fn := fmt.Sprintf("func(%s) %s", k.params, k.results)
	ret := "return "
	if k.results == "" {
		ret = ""
	}
	call := func(name, bound string) string {
		return fmt.Sprintf("%s { %s%s(%s) }", fn, ret, name, fmt.Sprintf(k.args, bound))
	}
	switch k.family {
	case lineFamily:
		fmt.Fprintf(b, `
// %[1]s returns the %[2]s for c and law: the copy of %[3]s
// specialised to their dynamic types when this file has one (specialised =
// true), else %[3]s itself, which works for any Curve and Law.
func %[1]s(c landscapes.Curve, law noise.Law) (k %[4]s, specialised bool) {
	switch c := c.(type) {
`, k.dispatch, k.docGoal, k.source, k.funcType)
		for _, cv := range curves {
			fmt.Fprintf(b, "\tcase landscapes.%s:\n\t\tswitch law := law.(type) {\n", cv)
			for _, l := range laws {
				fmt.Fprintf(b, "\t\tcase noise.%s:\n\t\t\treturn %s, true\n", l.name, call(k.prefix+cv+l.name, "c, law"))
			}
			b.WriteString("\t\t}\n")
		}
		fmt.Fprintf(b, "\t}\n\treturn %s, false\n}\n", call(k.source, "c, law"))
	case curveFamily:
		fmt.Fprintf(b, `
// %[1]s returns the %[2]s for c: the copy of %[3]s
// specialised to its dynamic type when this file has one (specialised =
// true), else %[3]s itself, which works for any Curve.
func %[1]s(c landscapes.Curve) (k %[4]s, specialised bool) {
	switch c := c.(type) {
`, k.dispatch, k.docGoal, k.source, k.funcType)
		for _, cv := range curves {
			fmt.Fprintf(b, "\tcase landscapes.%s:\n\t\treturn %s, true\n", cv, call(k.prefix+cv, "c"))
		}
		fmt.Fprintf(b, "\t}\n\treturn %s, false\n}\n", call(k.source, "c"))
	case vectorFamily:
		withNoise := !k.supplied
		sig, bound, boundConcrete := "l landscapes.Landscape, dom landscapes.Domain", "l, dom", "l, ball"
		if withNoise {
			sig, bound, boundConcrete = "l landscapes.Landscape, z noise.Vector, dom landscapes.Domain", "l, z, dom", "l, radial, ball"
		}
		fmt.Fprintf(b, `
// %[1]s returns the %[2]s for l, the noise and the domain: the copy of
// %[3]s specialised to the landscape's dynamic type when this file has one
// and the noise is a noise.Radial and the domain a landscapes.Ball
// (specialised = true), else %[3]s itself, which works for any types.
func %[1]s(%[5]s) (k %[4]s, specialised bool) {
`, k.dispatch, k.docGoal, k.source, k.funcType, sig)
		if withNoise {
			b.WriteString("\tradial, okZ := z.(noise.Radial)\n\tball, okD := dom.(landscapes.Ball)\n\tif okZ && okD {\n")
		} else {
			b.WriteString("\tball, okD := dom.(landscapes.Ball)\n\tif okD {\n")
		}
		b.WriteString("\t\tswitch l := l.(type) {\n")
		for _, lv := range vectorLandscapes {
			fmt.Fprintf(b, "\t\tcase landscapes.%s:\n\t\t\treturn %s, true\n", lv, call(k.prefix+lv, boundConcrete))
		}
		b.WriteString("\t\t}\n\t}\n")
		fmt.Fprintf(b, "\treturn %s, false\n}\n", call(k.source, bound))
	}
}

// extract returns the source text of the function name in file, from the
// func keyword to its closing brace (the doc comment is left out).
func extract(file, name string) (string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name {
			return string(src[fset.Position(fd.Pos()).Offset:fset.Position(fd.End()).Offset]), nil
		}
	}
	return "", fmt.Errorf("%s: no function %s", file, name)
}

// specialise rewrites the kernel body for the concrete types of t.
func specialise(body string, k kind, t target) (string, error) {
	head := "func " + k.source + "("
	if !strings.HasPrefix(body, head) {
		return "", fmt.Errorf("%s: signature does not start with %q", k.source, head)
	}
	sigEnd := strings.Index(body, "{")
	sig, rest := body[:sigEnd], body[sigEnd:]
	sig = strings.Replace(sig, head, "func "+k.prefix+t.suffix+"(", 1)
	for i, p := range t.subst {
		switch n := strings.Count(sig, p[0]); {
		case n > 1, n == 0 && i == 0:
			return "", fmt.Errorf("%s: want exactly one parameter %q", k.source, p[0])
		}
		sig = strings.Replace(sig, p[0], p[1], 1)
	}
	body = sig + rest
	draws := drawRE.FindAllStringSubmatch(body, -1)
	if strings.Count(body, "law.Sample(") != len(draws) {
		return "", fmt.Errorf("%s: every law.Sample call must be a statement v := law.Sample(r) of its own", k.source)
	}
	if k.family == lineFamily && len(draws) == 0 {
		return "", fmt.Errorf("%s: no statement v := law.Sample(r)", k.source)
	}
	if !t.hot {
		return body, nil
	}
	for _, d := range draws {
		if v := d[2]; strings.Contains(body, v+"Word") || strings.Contains(body, v+"OK") {
			return "", fmt.Errorf("%s: the names %sWord and %sOK are reserved for the hot-loop draw", k.source, v, v)
		}
	}
	return drawRE.ReplaceAllString(body,
		"${1}${2}Word := ${3}.Uint64()\n${1}${2}, ${2}OK := law.SampleFast(${2}Word)\n"+
			"${1}if !${2}OK {\n${1}\t${2} = law.SampleSlow(${3}, ${2}Word)\n${1}}"), nil
}
