/*
 * C reference of the htsgd kernel spec (bench/README.md): one chain of
 *
 *   X_{n+1} = clamp( X_n − clamp( η (f'(X_n) − Z_{n+1}), −b, b ), lo, hi ),
 *   f'(x) = (x + 1)·x·(x − 1),  Z = c·U·W,  P(W > w) = w^{−α} (w ≥ 1),
 *
 * with α = 1.5, c = 1, η = 0.01, b = 0.5, [lo, hi] = [−2, 2], X_0 = 1, for
 * 10^8 steps. The uniforms come from xoshiro256+ (Blackman & Vigna), the
 * floating-point variant: the top 53 bits of a word give V ∈ [0, 1) and
 * W = (1 − V)^{−1/α} = exp(−log(1 − V)/α), bit 10 (not one of the three
 * weak low bits of xoshiro256+) gives the sign U.
 *
 * Build: cc -O3 -march=native -o kernel kernel.c -lm
 * Run:   ./kernel [steps]   prints "ns/step <cpu> wall-ns/step <wall> x <final x>",
 * the CPU and wall-clock time per step.
 * The median of 5 timed runs of the whole loop is reported.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* xoshiro256+ (https://prng.di.unimi.it/xoshiro256plus.c). */
static inline uint64_t next(uint64_t s[4]) {
	const uint64_t result = s[0] + s[3];
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* splitmix64, to seed the state. */
static uint64_t splitmix64(uint64_t *x) {
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* median5 returns the median of 5 values (sorting them in place). */
static double median5(double *t) {
	for (int i = 1; i < 5; i++)
		for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
			double tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	return t[2];
}

/* seconds of the clock c (CLOCK_MONOTONIC: wall; CLOCK_PROCESS_CPUTIME_ID:
 * CPU time of this process, which on a shared machine leaves out the time
 * other processes held the core). */
static double now(clockid_t c) {
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(int argc, char **argv) {
	const long steps = argc > 1 ? atol(argv[1]) : 100000000L;
	const double alpha = 1.5, c = 1.0, eta = 0.01, b = 0.5, lo = -2.0, hi = 2.0;
	const double inv_alpha = 1.0 / alpha;
	double cpu[5], wall[5], x = 1.0;
	for (int rep = 0; rep < 5; rep++) {
		uint64_t seed = 1 + rep, s[4];
		for (int i = 0; i < 4; i++) s[i] = splitmix64(&seed);
		x = 1.0;
		double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		for (long n = 0; n < steps; n++) {
			uint64_t j = next(s);
			double v = (double)(j >> 11) * 0x1p-53;
			double w = c * exp(-log(1.0 - v) * inv_alpha);
			double z = (j >> 10) & 1 ? -w : w;
			double d = (x + 1.0) * x * (x - 1.0);
			double step = eta * (d - z);
			step = step > b ? b : (step < -b ? -b : step);
			x -= step;
			x = x < lo ? lo : (x > hi ? hi : x);
		}
		cpu[rep] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		wall[rep] = now(CLOCK_MONOTONIC) - w0;
	}
	printf("ns/step %.4f wall-ns/step %.4f x %.17g\n", median5(cpu) * 1e9 / steps, median5(wall) * 1e9 / steps, x);
	return 0;
}
