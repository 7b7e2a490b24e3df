package appendix

import (
	"strings"
	"testing"
)

// TestUnicodeMath checks the Markdown spelling of formulas: Greek and
// symbols, scripts that Unicode has (and the fallback for those it has
// not), accents, spacing commands and the minus sign.
func TestUnicodeMath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`\lambda(\eta)^J`, "λ(η)ᴶ"},
		{`\bar\tau\,q\eta`, "τ̄qη"},
		{`1.2\times10^{-5}`, "1.2×10⁻⁵"},
		{`q_{21}/q_2`, "q₂₁/q₂"},
		{`m_2 \to m_4`, "m₂ → m₄"},
		{`J_i = \lceil r_i/b\rceil`, "Jᵢ = ⌈rᵢ/b⌉"},
		{`\eta^{0.2}`, "η^(0.2)"},
		{`-1.5`, "−1.5"},
		{`\hat q_{ij}`, "q̂ᵢⱼ"},
		{`\mathrm{E}\,\tau`, "Eτ"},
		{`\{m_2, m_4\}`, "{m₂, m₄}"},
		{`\|x\| \le 4.2`, "‖x‖ ≤ 4.2"},
		{`C^{*}\eta`, "C*η"},
		{`a\lambda^\kappa`, "aλ^κ"},
		{`u_{\min}`, "uₘᵢₙ"},
		{`\lambda(\eta)^{J_i}`, "λ(η)^(J_i)"},
		{`P(W > w) = w^{-1.2}`, "P(W > w) = w^(−1.2)"},
	} {
		got, err := unicodeMath(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("unicodeMath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestUnicodeMathRejects checks that a formula outside the vocabulary is an
// error, not text let through.
func TestUnicodeMathRejects(t *testing.T) {
	for _, in := range []string{`\frac{1}{2}`, `\Xi`, `{a`, `a}`, `\`, `\mathrm x`, `\@`} {
		if got, err := unicodeMath(in); err == nil {
			t.Errorf("unicodeMath(%q) = %q, want an error", in, got)
		}
	}
}

// TestInline checks that the two formats write the same inline text each
// in its own way.
func TestInline(t *testing.T) {
	in := join(prose("95% – “sim” "), formula(`\eta = 10^{-4}`), prose(" in "), code("results/exit_samples.csv"))
	if got, want := (latex{}).inline(in), "95\\% -- ``sim'' $\\eta = 10^{-4}$ in \\texttt{results/exit\\_samples.csv}"; got != want {
		t.Errorf("LaTeX: %q, want %q", got, want)
	}
	if got, want := (markdown{}).inline(in), "95% – “sim” η = 10⁻⁴ in `results/exit_samples.csv`"; got != want {
		t.Errorf("Markdown: %q, want %q", got, want)
	}
	if strings.ContainsAny((latex{}).inline(prose("Ω")), "\\$") {
		t.Error("LaTeX escapes a character it has no spelling for instead of passing it")
	}
}
