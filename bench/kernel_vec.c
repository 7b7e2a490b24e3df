/*
 * C reference of the htsgd kernel spec (bench/README.md), vectorised over
 * 1024 independent chains: the same recursion and noise as kernel.c, each
 * chain with its own xoshiro256+ state, the chains held as arrays
 * (structure of arrays) and advanced one step at a time by a branch-free
 * inner loop over the chains that the compiler vectorises (AVX2/AVX-512,
 * with glibc's libmvec for log and exp, which needs -ffast-math).
 *
 * Build: cc -O3 -march=native -ffast-math -o kernel_vec kernel_vec.c -lmvec -lm
 * Run:   ./kernel_vec [steps]   (total steps over all chains, default 10^8)
 * prints "ns/step <cpu> wall-ns/step <wall> x <mean final x>" (CPU and
 * wall-clock time per step); median of 5 timed runs.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHAINS 1024

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

static uint64_t s0[CHAINS], s1[CHAINS], s2[CHAINS], s3[CHAINS];
static double xs[CHAINS];

int main(int argc, char **argv) {
	const long total = argc > 1 ? atol(argv[1]) : 100000000L;
	const long steps = total / CHAINS;
	const double alpha = 1.5, c = 1.0, eta = 0.01, b = 0.5, lo = -2.0, hi = 2.0;
	const double inv_alpha = 1.0 / alpha;
	double cpu[5], wall[5];
	for (int rep = 0; rep < 5; rep++) {
		uint64_t seed = 1 + rep;
		for (int i = 0; i < CHAINS; i++) {
			s0[i] = splitmix64(&seed);
			s1[i] = splitmix64(&seed);
			s2[i] = splitmix64(&seed);
			s3[i] = splitmix64(&seed);
			xs[i] = 1.0;
		}
		double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		for (long n = 0; n < steps; n++) {
#pragma GCC ivdep
			for (int i = 0; i < CHAINS; i++) {
				uint64_t j = s0[i] + s3[i]; /* xoshiro256+ */
				uint64_t t = s1[i] << 17;
				s2[i] ^= s0[i];
				s3[i] ^= s1[i];
				s1[i] ^= s2[i];
				s0[i] ^= s3[i];
				s2[i] ^= t;
				s3[i] = (s3[i] << 45) | (s3[i] >> 19);
				double v = (double)(int64_t)(j >> 11) * 0x1p-53;
				double w = c * exp(-log(1.0 - v) * inv_alpha);
				double z = (j >> 10) & 1 ? -w : w;
				double x = xs[i];
				double d = (x + 1.0) * x * (x - 1.0);
				double st = eta * (d - z);
				st = fmin(fmax(st, -b), b);
				xs[i] = fmin(fmax(x - st, lo), hi);
			}
		}
		cpu[rep] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		wall[rep] = now(CLOCK_MONOTONIC) - w0;
	}
	double m = 0;
	for (int i = 0; i < CHAINS; i++) m += xs[i];
	printf("ns/step %.4f wall-ns/step %.4f x %.17g\n", median5(cpu) * 1e9 / (steps * CHAINS),
	       median5(wall) * 1e9 / (steps * CHAINS), m / CHAINS);
	return 0;
}
