package gen

import (
	"regexp"
	"strings"
)

// The appendix text is written once, in a small subset of LaTeX (ASCII,
// math in $…$), and appendix.tex uses it as is; appendix.md gets the same
// text through texToMD, which turns the math into Unicode (η, λ(η)^J →
// λ(η)ᴶ, \bar\tau → τ̄) so that it reads well as plain text on a code host.

var (
	reRef     = regexp.MustCompile(`\\ref\{([^{}]*)\}`)
	reMathrm  = regexp.MustCompile(`\\(?:mathrm|text|operatorname)\{([^{}]*)\}`)
	reBarHat  = regexp.MustCompile(`\\(bar|hat)\s*(?:\{\\?([A-Za-z]+)\}|\\([A-Za-z]+)|([A-Za-z]))`)
	reMacro   = regexp.MustCompile(`\\([A-Za-z]+)(\s*)`)
	reScript  = regexp.MustCompile(`([_^])(?:\{([^{}]*)\}|(\\?[A-Za-z0-9]))`)
	mathMacro = map[string]string{
		"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε", "eta": "η",
		"theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "sigma": "σ",
		"tau": "τ", "phi": "φ", "chi": "χ", "Omega": "Ω", "Gamma": "Γ", "Theta": "Θ",
		"infty": "∞", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "pm": "±", "times": "×",
		"cdot": "·", "to": "→", "approx": "≈", "in": "∈", "log": "log", "exp": "exp", "ldots": "…",
		"dots": "…", "sim": "~", "propto": "∝", "lfloor": "⌊", "rfloor": "⌋", "quad": "  ",
		"left": "", "right": "", "big": "", "Big": "", "lceil": "⌈", "rceil": "⌉", "sum": "Σ",
		"Rightarrow": "⇒", "cup": "∪", "cap": "∩", "mid": "|", "colon": ":",
	}
	opener = map[string]bool{"lceil": true, "lfloor": true, "left": true, "big": true, "Big": true}
	subMap = map[rune]rune{
		'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
		'+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', 'a': 'ₐ', 'e': 'ₑ', 'h': 'ₕ', 'i': 'ᵢ',
		'j': 'ⱼ', 'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ', 'o': 'ₒ', 'p': 'ₚ', 'r': 'ᵣ', 's': 'ₛ', 't': 'ₜ',
		'u': 'ᵤ', 'v': 'ᵥ', 'x': 'ₓ', ',': ',',
	}
	supMap = map[rune]rune{
		'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
		'+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'i': 'ⁱ', 'n': 'ⁿ', 'J': 'ᴶ', 'k': 'ᵏ',
		'a': 'ᵃ', 'b': 'ᵇ', 'd': 'ᵈ', 'e': 'ᵉ', 'G': 'ᴳ', 'T': 'ᵀ', 'x': 'ˣ', 'α': 'ᵅ', 'κ': 'ᵏ',
		'*': '*', // no superscript asterisk: C^* reads C*
	}
)

// texToMD converts the LaTeX subset to Markdown with Unicode math; refs maps
// a \label to the number printed for \ref.
func texToMD(s string, refs map[string]string) string {
	// Text macros may enclose math, so they go first, by brace matching.
	s = replaceMacro(s, "texttt", func(x string) string { return "`" + unescapeText(x) + "`" })
	s = replaceMacro(s, "emph", func(x string) string { return "*" + x + "*" })
	s = replaceMacro(s, "textbf", func(x string) string { return "**" + x + "**" })
	s = reRef.ReplaceAllStringFunc(s, func(m string) string {
		if n, ok := refs[reRef.FindStringSubmatch(m)[1]]; ok {
			return n
		}
		return "??"
	})
	var b strings.Builder
	for i, part := range strings.Split(s, "$") {
		if i%2 == 1 {
			b.WriteString(mathToUnicode(part))
			continue
		}
		b.WriteString(unescapeText(part))
	}
	return b.String()
}

// replaceMacro replaces every \name{arg} (arg with balanced braces) by
// f(arg).
func replaceMacro(s, name string, f func(string) string) string {
	open := `\` + name + "{"
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		depth, j := 1, i+len(open)
		for ; j < len(s) && depth > 0; j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		if depth > 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		b.WriteString(f(s[i+len(open) : j-1]))
		s = s[j:]
	}
}

// unescapeText undoes the LaTeX escapes of plain text.
func unescapeText(s string) string {
	r := strings.NewReplacer(`\%`, "%", `\&`, "&", `\_`, "_", `\#`, "#", `\{`, "{", `\}`, "}",
		`\textbackslash{}`, `\`, "---", "—", "--", "–", "~", " ", "``", "“", "''", "”", `\,`, " ", `\ `, " ",
		`\/`, "")
	return r.Replace(s)
}

// mathToUnicode converts the content of one $…$.
func mathToUnicode(s string) string {
	s = reMathrm.ReplaceAllString(s, "$1")
	s = reBarHat.ReplaceAllStringFunc(s, func(m string) string {
		g := reBarHat.FindStringSubmatch(m)
		base := g[2] + g[3] + g[4]
		if u, ok := mathMacro[base]; ok {
			base = u
		}
		if g[1] == "bar" {
			return base + "\u0304"
		}
		return base + "\u0302"
	})
	// Spacing commands end a macro name: mark them, drop them at the end.
	s = strings.NewReplacer(`\,`, "\x00", `\;`, " ", `\!`, "\x00", `\{`, "\x01", `\}`, "\x02", `\|`, "‖", `\%`, "%").Replace(s)
	// Spaces after a control word are kept (the source spaces its math as
	// it should read), except after openers such as \lceil.
	s = reMacro.ReplaceAllStringFunc(s, func(m string) string {
		g := reMacro.FindStringSubmatch(m)
		u, ok := mathMacro[g[1]]
		if !ok {
			u = g[1]
		}
		if opener[g[1]] {
			return u
		}
		return u + g[2]
	})
	s = reScript.ReplaceAllStringFunc(s, func(m string) string {
		g := reScript.FindStringSubmatch(m)
		body := g[2] + g[3]
		table := subMap
		if g[1] == "^" {
			table = supMap
		}
		var out strings.Builder
		for _, r := range body {
			u, ok := table[r]
			if !ok {
				if len([]rune(body)) > 1 {
					return g[1] + "(" + body + ")"
				}
				return g[1] + body
			}
			out.WriteRune(u)
		}
		return out.String()
	})
	s = strings.NewReplacer("{", "", "}", "", "\x00", "", "\x01", "{", "\x02", "}", "-", "−").Replace(s)
	return s
}

// texEscape escapes plain text (a file name, a warning) for LaTeX.
func texEscape(s string) string {
	r := strings.NewReplacer(`\`, `\textbackslash{}`, "%", `\%`, "&", `\&`, "_", `\_`, "#", `\#`,
		"{", `\{`, "}", `\}`, "$", `\$`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`)
	return r.Replace(s)
}
