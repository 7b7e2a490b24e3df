package gen

import "testing"

func TestTexToMD(t *testing.T) {
	refs := map[string]string{"tab:x": "4"}
	for _, tt := range []struct{ in, want string }{
		{`$\lambda(\eta)^J$`, "λ(η)ᴶ"},
		{`$\bar\tau\,q\eta$`, "τ̄qη"},
		{`$1.2\times10^{-5}$`, "1.2×10⁻⁵"},
		{`$q_{21}/q_2$`, "q₂₁/q₂"},
		{`$m_2 \to m_4$`, "m₂ → m₄"},
		{`$J_i = \lceil r_i/b\rceil$`, "Jᵢ = ⌈rᵢ/b⌉"},
		{`$\eta^{0.2}$`, "η^(0.2)"},
		{`$-1.5$`, "−1.5"},
		{`\emph{Slope, $b = \infty$.} Table~\ref{tab:x}`, "*Slope, b = ∞.* Table 4"},
		{"\\texttt{results/exit\\_samples.csv} 95\\% -- ``sim''", "`results/exit_samples.csv` 95% – “sim”"},
		{`Table~\ref{tab:missing}`, "Table ??"},
	} {
		if got := texToMD(tt.in, refs); got != tt.want {
			t.Errorf("texToMD(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNum(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		sig  int
		want string
	}{
		{0.93712, 3, "0.937"},
		{1.0, 3, "1.00"},
		{9.996, 3, "10.0"},
		{42358.4, 3, "42358"},
		{671300, 3, `$6.71\times10^{5}$`},
		{1e-4, 2, `$10^{-4}$`},
		{3e-5, 2, `$3.0\times10^{-5}$`},
		{-1.2, 3, `$-1.20$`},
		{0, 3, "0"},
	} {
		if got := num(tt.x, tt.sig); got != tt.want {
			t.Errorf("num(%g, %d) = %q, want %q", tt.x, tt.sig, got, tt.want)
		}
	}
}

func TestPDFText(t *testing.T) {
	if got, want := pdfText("λ(η) = H(1/η)/η · Ω2, b = ∞ ✓"), "lambda(eta) = H(1/eta)/eta * Omega2, b = inf ?"; got != want {
		t.Errorf("pdfText = %q, want %q", got, want)
	}
}
