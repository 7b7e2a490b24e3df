"""numpy reference of the htsgd kernel spec (bench/README.md).

10^5 independent chains of

    X_{n+1} = clip(X_n − clip(η (f'(X_n) − Z_{n+1}), −b, b), lo, hi),
    f'(x) = (x + 1)·x·(x − 1) = x·(x² − 1),   Z = c·U·W,   P(W > w) = w^{−α},

with α = 1.5, c = 1, η = 0.01, b = 0.5, [lo, hi] = [−2, 2], X_0 = 1, advanced
together for 10^3 steps (10^8 steps in all) with in-place ufuncs (out=, no
temporaries) on preallocated arrays.

Noise from one uniform per step and chain: with V uniform on [0, 1) (numpy's
default PCG64 generator) and T = V − ½, the sign U = copysign(1, T) and the
magnitude 2|T| are independent, 2|T| is uniform, and W = (1 − 2|T|)^{−1/α}
= exp(−log(1 − 2|T|)/α). (1 − 2|T| = 0 only for V = 0, probability 2^−53,
where W = ∞ is clipped to the truncation b.)

Usage: python3 kernel.py [chains] [steps]; prints
"ns/step <cpu> wall-ns/step <wall> x <mean x>": the process's CPU time and
the wall-clock time per step, each the median of 5 timed runs.
"""

import sys
import time

import numpy as np


def run(chains, steps, seed):
    alpha, c, eta, b, lo, hi = 1.5, 1.0, 0.01, 0.5, -2.0, 2.0
    rng = np.random.default_rng(seed)
    x = np.ones(chains)
    u = np.empty(chains)
    s = np.empty(chains)
    d = np.empty(chains)
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(steps):
        rng.random(out=u)
        np.subtract(u, 0.5, out=u)
        np.copysign(c, u, out=s)  # c·U
        np.abs(u, out=u)
        np.multiply(u, -2.0, out=u)
        np.log1p(u, out=u)  # log(1 − 2|T|)
        np.multiply(u, -1.0 / alpha, out=u)
        np.exp(u, out=u)  # W
        np.multiply(u, s, out=u)  # Z = c·U·W
        np.multiply(x, x, out=d)
        np.subtract(d, 1.0, out=d)
        np.multiply(d, x, out=d)  # f'(x) = x(x² − 1)
        np.subtract(d, u, out=d)
        np.multiply(d, eta, out=d)
        np.clip(d, -b, b, out=d)  # φ_b
        np.subtract(x, d, out=x)
        np.clip(x, lo, hi, out=x)  # Π_K
    return time.process_time() - c0, time.perf_counter() - w0, float(x.mean())


def main():
    chains = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    runs = [run(chains, steps, seed) for seed in range(1, 6)]
    cpu = sorted(r[0] for r in runs)[2]
    wall = sorted(r[1] for r in runs)[2]
    n = chains * steps
    print(f"ns/step {cpu * 1e9 / n:.4f} wall-ns/step {wall * 1e9 / n:.4f} x {runs[-1][2]:.17g}")


if __name__ == "__main__":
    main()
