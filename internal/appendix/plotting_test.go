package appendix

import "testing"

func TestPDFText(t *testing.T) {
	if got, want := pdfText("λ(η) = H(1/η)/η · Ω2, b = ∞ ✓"), "lambda(eta) = H(1/eta)/eta * Omega2, b = inf ?"; got != want {
		t.Errorf("pdfText = %q, want %q", got, want)
	}
}
