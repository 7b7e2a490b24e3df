package appendix

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The formulas of the appendix are written once, in the TeX notation that
// appendix.tex prints as is. appendix.md prints them in Unicode: unicodeMath
// renders a formula of a small, closed TeX vocabulary (the commands of
// mathSymbols and mathFunctions, groups, sub- and superscripts, \bar and
// \hat), and a command outside it is an error rather than text let through.

// mathSymbols are the commands that stand for one symbol.
var mathSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε", "eta": "η",
	"theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "sigma": "σ",
	"tau": "τ", "phi": "φ", "chi": "χ", "Omega": "Ω", "Gamma": "Γ", "Theta": "Θ",
	"infty": "∞", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "pm": "±", "times": "×",
	"cdot": "·", "to": "→", "approx": "≈", "in": "∈", "log": "log", "exp": "exp", "ldots": "…",
	"dots": "…", "sim": "~", "propto": "∝", "lfloor": "⌊", "rfloor": "⌋", "quad": "  ",
	"left": "", "right": "", "big": "", "Big": "", "lceil": "⌈", "rceil": "⌉", "sum": "Σ",
	"Rightarrow": "⇒", "cup": "∪", "cap": "∩", "mid": "|", "colon": ":", "min": "min", "max": "max",
}

// mathOpeners are the symbols after which the spaces of the source are
// dropped (⌈x⌉, not ⌈ x⌉).
var mathOpeners = map[string]bool{"lceil": true, "lfloor": true, "left": true, "big": true, "Big": true}

// mathFunctions are the commands whose argument is upright text.
var mathFunctions = map[string]bool{"mathrm": true, "text": true, "operatorname": true}

// mathAccents are the accents, as combining characters.
var mathAccents = map[string]string{"bar": "\u0304", "hat": "\u0302"}

// mathControlSymbols are the backslash-symbol commands: spacing and
// escaped characters.
var mathControlSymbols = map[rune]string{',': "", ';': " ", '!': "", '{': "{", '}': "}", '|': "‖", '%': "%"}

// subscripts and superscripts map the characters that Unicode has as
// scripts; a script with another character is written _(…) or ^(…).
var (
	subscripts = map[rune]rune{
		'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
		'+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', 'a': 'ₐ', 'e': 'ₑ', 'h': 'ₕ', 'i': 'ᵢ',
		'j': 'ⱼ', 'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ', 'o': 'ₒ', 'p': 'ₚ', 'r': 'ᵣ', 's': 'ₛ', 't': 'ₜ',
		'u': 'ᵤ', 'v': 'ᵥ', 'x': 'ₓ', ',': ',',
	}
	superscripts = map[rune]rune{
		'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
		'+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'i': 'ⁱ', 'n': 'ⁿ', 'J': 'ᴶ', 'k': 'ᵏ',
		'a': 'ᵃ', 'b': 'ᵇ', 'd': 'ᵈ', 'e': 'ᵉ', 'G': 'ᴳ', 'T': 'ᵀ', 'x': 'ˣ', 'α': 'ᵅ', 'κ': 'ᵏ',
		'*': '*', // no superscript asterisk: C^* reads C*
	}
)

// unicodeMath renders the TeX formula s in Unicode. Spaces are kept as the
// source spaces them (it is written to read well), a minus is the minus
// sign, groups lose their braces, and a sub- or superscript made of
// characters Unicode has as scripts is written with them (λ(η)ᴶ, q₂₁, 10⁻⁴);
// any other script is written _(…) or ^(…), its content as written
// (η^(0.2)).
func unicodeMath(s string) (string, error) {
	m := mathScanner{s: s}
	out, err := m.list(false)
	if err != nil {
		return "", fmt.Errorf("formula %q: %w", s, err)
	}
	if m.i < len(m.s) {
		return "", fmt.Errorf("formula %q: unbalanced }", s)
	}
	return out, nil
}

// mathScanner reads a formula left to right.
type mathScanner struct {
	s string
	i int
}

// list renders items up to the end or an unmatched }. In a script's
// argument (raw), nested scripts are written as they are.
func (m *mathScanner) list(raw bool) (string, error) {
	var b strings.Builder
	for m.i < len(m.s) {
		if m.s[m.i] == '}' {
			return b.String(), nil
		}
		t, err := m.item(raw)
		if err != nil {
			return "", err
		}
		b.WriteString(t)
	}
	return b.String(), nil
}

// item renders one item: a command, a group, a script or a character.
func (m *mathScanner) item(raw bool) (string, error) {
	r, w := utf8.DecodeRuneInString(m.s[m.i:])
	switch r {
	case '\\':
		return m.command(raw)
	case '{':
		return m.group(raw)
	case '_', '^':
		m.i += w
		if raw {
			return string(r), nil
		}
		return m.script(r)
	case '-':
		m.i += w
		return "−", nil
	}
	m.i += w
	return string(r), nil
}

// group renders {…} without its braces.
func (m *mathScanner) group(raw bool) (string, error) {
	m.i++ // {
	out, err := m.list(raw)
	if err != nil {
		return "", err
	}
	if m.i >= len(m.s) {
		return "", fmt.Errorf("unbalanced {")
	}
	m.i++ // }
	return out, nil
}

// name reads the letters of a command after its backslash.
func (m *mathScanner) name() string {
	j := m.i
	for j < len(m.s) && (m.s[j] >= 'a' && m.s[j] <= 'z' || m.s[j] >= 'A' && m.s[j] <= 'Z') {
		j++
	}
	n := m.s[m.i:j]
	m.i = j
	return n
}

// command renders a command at the backslash.
func (m *mathScanner) command(raw bool) (string, error) {
	m.i++ // backslash
	if m.i >= len(m.s) {
		return "", fmt.Errorf("a lone backslash")
	}
	n := m.name()
	if n == "" {
		r, w := utf8.DecodeRuneInString(m.s[m.i:])
		t, ok := mathControlSymbols[r]
		if !ok {
			return "", fmt.Errorf(`no Unicode for \%c`, r)
		}
		m.i += w
		return t, nil
	}
	switch {
	case mathFunctions[n]:
		if m.i >= len(m.s) || m.s[m.i] != '{' {
			return "", fmt.Errorf(`\%s needs {…}`, n)
		}
		return m.group(raw)
	case mathAccents[n] != "":
		return m.accent(n)
	}
	t, ok := mathSymbols[n]
	if !ok {
		return "", fmt.Errorf(`no Unicode for \%s`, n)
	}
	if mathOpeners[n] {
		for m.i < len(m.s) && m.s[m.i] == ' ' {
			m.i++
		}
	}
	return t, nil
}

// accent renders \bar or \hat of a letter, a symbol command or a group of
// either: the base followed by the combining accent.
func (m *mathScanner) accent(n string) (string, error) {
	for m.i < len(m.s) && m.s[m.i] == ' ' {
		m.i++
	}
	if m.i >= len(m.s) {
		return "", fmt.Errorf(`\%s needs an argument`, n)
	}
	var base string
	var err error
	switch m.s[m.i] {
	case '{':
		base, err = m.group(true)
	case '\\':
		base, err = m.command(true)
	default:
		r, w := utf8.DecodeRuneInString(m.s[m.i:])
		m.i += w
		base = string(r)
	}
	if err != nil {
		return "", err
	}
	return base + mathAccents[n], nil
}

// script renders the argument of _ or ^ (kind): a group, or one character;
// a symbol command as argument is written after the mark as it is (λ^κ).
func (m *mathScanner) script(kind rune) (string, error) {
	mark := string(kind)
	if m.i >= len(m.s) {
		return mark, nil
	}
	var body string
	switch c := m.s[m.i]; {
	case c == '{':
		b, err := m.group(true)
		if err != nil {
			return "", err
		}
		body = b
	case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		body = string(c)
		m.i++
	default:
		t, err := m.item(false)
		if err != nil {
			return "", err
		}
		return mark + t, nil
	}
	table := subscripts
	if kind == '^' {
		table = superscripts
	}
	var out strings.Builder
	for _, r := range body {
		u, ok := table[r]
		if !ok {
			if utf8.RuneCountInString(body) > 1 {
				return mark + "(" + body + ")", nil
			}
			return mark + body, nil
		}
		out.WriteRune(u)
	}
	return out.String(), nil
}
