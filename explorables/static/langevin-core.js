/* langevin-core.js: the numerics of the book's browser explorables, no drawing.
 *
 * Plain JavaScript (ES2020: BigInt is used once per seed), no dependency. Loads in a page as
 * `window.LangevinCore` and in node as `require("./langevin-core.js")`.
 * tests/test_explorables.py re-implements the random stream below in Python and replays the
 * chains with the `langevin` package's own kernels: keep this header and the code in step.
 *
 * THE RANDOM STREAM (Rng), exactly:
 *   seed      an integer 0 <= seed < 2**53.
 *   seeding   SplitMix64 (Steele, Lea & Flood 2014) from state = seed, all mod 2**64:
 *               state += 0x9E3779B97F4A7C15; z = state;
 *               z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
 *               z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
 *               output z ^ (z >> 31).
 *             Two outputs z1, z2 give the xoshiro128** state
 *               s = [low32(z1), high32(z1), low32(z2), high32(z2)].
 *   u32       xoshiro128** 1.1 (Blackman & Vigna), all mod 2**32:
 *               result = rotl(s1 * 5, 7) * 9; t = s1 << 9;
 *               s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11).
 *             From s = [1, 2, 3, 4]: 11520, 0, 5927040, 70819200, 2031721883, ...
 *   uniform   53 bits from two u32 draws, in [0, 1):
 *               a = u32() >>> 5; b = u32() >>> 6; (a * 2**26 + b) / 2**53.
 *   normal    Marsaglia's polar method with one spare kept in the generator:
 *               if a spare is kept, return it (and drop it); else repeat
 *                 u = 2 uniform() - 1; v = 2 uniform() - 1; s = u*u + v*v
 *               until 0 < s < 1; f = sqrt(-2 log(s) / s); keep v*f as the spare; return u*f.
 *             The spare survives uniform() calls in between (MALA draws normals, then uniforms).
 *   Only Math.log may differ by an ulp between engines; everything else is exact integer or
 *   correctly rounded arithmetic.
 *
 * THE CHAINS (simulate), one step for n chains, in this order:
 *   T = 0 (no noise)  x <- x - tau U'(x); nothing is drawn.
 *   ULA               z_i = normal() for i = 0..n-1; x_i <- (x_i - tau U'(x_i)) + z_i sqrt(2 tau T).
 *   MALA              z_i = normal() for all i, the ULA proposal y_i as above; then
 *                     u_i = uniform() for all i; accept iff log(u_i) < log alpha_i with
 *                     log alpha = -(U(y) - U(x))/T + (f^2 - b^2)/(4 tau T),
 *                     f = y - x + tau U'(x), b = x - y + tau U'(y).
 * This is the draw order of langevin.samplers._ula / _mala with
 * rng.standard_normal((n, 1)) and rng.random((n,)).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.LangevinCore = factory();
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ------------------------------------------------------------------ random stream
  const MASK64 = (1n << 64n) - 1n;
  const TWO26 = 67108864;
  const TWO53 = 9007199254740992;

  function splitmix64(state) {
    state = (state + 0x9E3779B97F4A7C15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK64;
    return [state, z ^ (z >> 31n)];
  }

  function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
  }

  /** The book's random stream (see the header). `new Rng(seed)` or `Rng.fromState([s0..s3])`. */
  class Rng {
    constructor(seed) {
      if (!Number.isSafeInteger(seed) || seed < 0) {
        throw new RangeError(`seed must be an integer 0 <= seed < 2**53; got ${seed}`);
      }
      let state = BigInt(seed);
      let z1, z2;
      [state, z1] = splitmix64(state);
      [state, z2] = splitmix64(state);
      const lo = (z) => Number(z & 0xFFFFFFFFn);
      const hi = (z) => Number(z >> 32n);
      this._set([lo(z1), hi(z1), lo(z2), hi(z2)]);
    }

    static fromState(words) {
      const r = Object.create(Rng.prototype);
      r._set(words);
      return r;
    }

    _set(words) {
      this.s0 = words[0] | 0;
      this.s1 = words[1] | 0;
      this.s2 = words[2] | 0;
      this.s3 = words[3] | 0;
      this.spare = 0.0;
      this.hasSpare = false;
    }

    /** xoshiro128**: an unsigned 32-bit integer. */
    u32() {
      const s0 = this.s0, s1 = this.s1;
      const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      const s2 = this.s2 ^ s0;
      const s3 = this.s3 ^ s1;
      this.s1 = s1 ^ s2;
      this.s0 = s0 ^ s3;
      this.s2 = s2 ^ t;
      this.s3 = rotl(s3, 11);
      return result;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    uniform() {
      const a = this.u32() >>> 5;
      const b = this.u32() >>> 6;
      return (a * TWO26 + b) / TWO53;
    }

    /** A standard normal draw (Marsaglia polar, one spare kept). */
    normal() {
      if (this.hasSpare) {
        this.hasSpare = false;
        return this.spare;
      }
      let u, v, s;
      do {
        u = 2.0 * this.uniform() - 1.0;
        v = 2.0 * this.uniform() - 1.0;
        s = u * u + v * v;
      } while (s >= 1.0 || s === 0.0);
      const f = Math.sqrt(-2.0 * Math.log(s) / s);
      this.spare = v * f;
      this.hasSpare = true;
      return u * f;
    }
  }

  // ------------------------------------------------------------------ 1-D potentials
  // Each: {name, energy(x), grad(x), describe}. energy is U, grad is U'. The Boltzmann density
  // at temperature T is exp(-U/T)/Z; Gaussian and mixture energies are -log p with the constant.
  const LOG_2PI = Math.log(2.0 * Math.PI);

  function gaussian(mean, variance) {
    if (!(variance > 0)) throw new RangeError(`variance must be > 0; got ${variance}`);
    const prec = 1.0 / variance;
    const logNorm = 0.5 * (LOG_2PI + Math.log(variance));
    return {
      kind: "gaussian", mean: mean, variance: variance,
      energy: (x) => { const d = x - mean; return 0.5 * d * d * prec + logNorm; },
      grad: (x) => (x - mean) * prec,
    };
  }

  function mixture(weights, means, variances) {
    const k = weights.length;
    if (means.length !== k || variances.length !== k || k === 0) {
      throw new RangeError("weights, means and variances must have the same length >= 1");
    }
    const logc = new Float64Array(k), prec = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      prec[j] = 1.0 / variances[j];
      logc[j] = Math.log(weights[j]) - 0.5 * (LOG_2PI + Math.log(variances[j]));
    }
    const terms = new Float64Array(k);
    function logTerms(x) {  // log w_j + log N(x; m_j, v_j), and their maximum
      let top = -Infinity;
      for (let j = 0; j < k; j++) {
        const d = x - means[j];
        const t = logc[j] - 0.5 * d * d * prec[j];
        terms[j] = t;
        if (t > top) top = t;
      }
      return top;
    }
    return {
      kind: "mixture", weights: weights.slice(), means: means.slice(),
      variances: variances.slice(),
      energy: (x) => {  // -log-sum-exp
        const top = logTerms(x);
        let s = 0.0;
        for (let j = 0; j < k; j++) s += Math.exp(terms[j] - top);
        return -(top + Math.log(s));
      },
      grad: k === 2 ? (x) => {  // two components: one exp
        const d0 = x - means[0], d1 = x - means[1];
        const t0 = logc[0] - 0.5 * d0 * d0 * prec[0], t1 = logc[1] - 0.5 * d1 * d1 * prec[1];
        const g0 = d0 * prec[0], g1 = d1 * prec[1];
        if (t0 >= t1) { const e = Math.exp(t1 - t0); return (g0 + e * g1) / (1.0 + e); }
        const e = Math.exp(t0 - t1);
        return (e * g0 + g1) / (e + 1.0);
      } : (x) => {  // sum_j r_j (x - m_j)/v_j, r the responsibilities
        const top = logTerms(x);
        let s = 0.0, g = 0.0;
        for (let j = 0; j < k; j++) {
          const e = Math.exp(terms[j] - top);
          s += e;
          g += e * (x - means[j]) * prec[j];
        }
        return g / s;
      },
    };
  }

  function doubleWell(barrier) {
    const b = barrier === undefined ? 1.0 : barrier;
    return {
      kind: "double well", barrier: b,
      energy: (x) => { const q = x * x - 1.0; return b * q * q; },
      grad: (x) => 4.0 * b * x * (x * x - 1.0),
    };
  }

  /** The source's mixture 0.5 N(-2, 1) + 0.5 N(2, 1). */
  function defaultMixture() {
    return mixture([0.5, 0.5], [-2.0, 2.0], [1.0, 1.0]);
  }

  // ------------------------------------------------------------------ chains
  /**
   * Run n chains for nSteps steps (see the header for the exact arithmetic and draw order).
   * opts: potential, x0 (array of n starts), stepSize > 0, temperature >= 0, nSteps >= 0,
   *       method "ula" | "mala" (MALA needs temperature > 0), rng (an Rng; unused at T = 0)
   *       or tape (drawTape(rng, n, >= nSteps, method): the same numbers, drawn beforehand),
   *       record: how many chains (the first ones) keep their whole path (default 0),
   *       every: keep every k-th step of those paths (default 1),
   *       bound: a chain with |x| > bound ends the run (default Infinity: only a state that is
   *       not finite does; a finite bound is checked on every chain at every step, as the
   *       package's widgets do with 1e6).
   * Returns {x: final states, paths: Float64Array (record x nKept, chain-major; NaN after a
   *          divergence), nKept, accepted: per-chain counts (MALA), acceptanceRate,
   *          divergedAt: step or -1, bound}.
   * A chain that stops being finite (or leaves the bound) ends the run (divergedAt = that step).
   */
  function simulate(opts) {
    const pot = opts.potential, tau = opts.stepSize, T = opts.temperature;
    const nSteps = opts.nSteps, method = opts.method || "ula", rng = opts.rng, tape = opts.tape;
    const n = opts.x0.length, record = Math.min(opts.record || 0, n), every = opts.every || 1;
    const bound = opts.bound === undefined ? Infinity : opts.bound;
    if (!(bound > 0)) throw new RangeError(`bound must be > 0; got ${bound}`);
    const checkAll = isFinite(bound);
    if (!(tau > 0) || !isFinite(tau)) throw new RangeError(`stepSize must be > 0; got ${tau}`);
    if (!(T >= 0) || !isFinite(T)) throw new RangeError(`temperature must be >= 0; got ${T}`);
    if (method !== "ula" && method !== "mala") throw new RangeError(`unknown method ${method}`);
    if (method === "mala" && T === 0) {
      throw new RangeError("MALA needs temperature > 0 (without noise there is nothing to adjust)");
    }
    if (tape && (tape.n !== n || tape.nSteps < nSteps || (method === "mala" && !tape.uniforms))) {
      throw new RangeError("tape must come from drawTape(rng, n, >= nSteps, method)");
    }
    const x = Float64Array.from(opts.x0);
    const nKept = Math.floor(nSteps / every) + 1;
    const paths = new Float64Array(record * nKept);
    const accepted = new Uint32Array(n);
    const grad = pot.grad, energy = pot.energy;
    const c = Math.sqrt(2.0 * tau * T);
    let divergedAt = -1;
    let z = null, y = null, ux = null, gx = null;
    if (method === "mala") {
      z = new Float64Array(n); y = new Float64Array(n);
      ux = new Float64Array(n); gx = new Float64Array(n);
      for (let i = 0; i < n; i++) { ux[i] = energy(x[i]); gx[i] = grad(x[i]); }
    }
    const keep = (slot) => { for (let i = 0; i < record; i++) paths[i * nKept + slot] = x[i]; };
    keep(0);
    const denom = 4.0 * tau * T;
    for (let step = 1; step <= nSteps; step++) {
      if (T === 0) {
        for (let i = 0; i < n; i++) x[i] = x[i] - tau * grad(x[i]);
      } else if (method === "ula" && tape) {
        const zs = tape.normals, off = (step - 1) * n;
        for (let i = 0; i < n; i++) x[i] = x[i] - tau * grad(x[i]) + zs[off + i] * c;
      } else if (method === "ula") {
        for (let i = 0; i < n; i++) {
          const zi = rng.normal();
          x[i] = x[i] - tau * grad(x[i]) + zi * c;
        }
      } else {
        const off = (step - 1) * n;
        if (tape) z = tape.normals.subarray(off, off + n);
        else for (let i = 0; i < n; i++) z[i] = rng.normal();
        for (let i = 0; i < n; i++) y[i] = x[i] - tau * gx[i] + c * z[i];
        for (let i = 0; i < n; i++) {
          const yi = y[i], xi = x[i];
          const uy = energy(yi), gy = grad(yi);
          const f = yi - xi + tau * gx[i];
          const b = xi - yi + tau * gy;
          const logAlpha = -(uy - ux[i]) / T + (f * f - b * b) / denom;
          const u = tape ? tape.uniforms[off + i] : rng.uniform();
          if (Math.log(u) < logAlpha) {  // NaN log alpha: rejected
            x[i] = yi; ux[i] = uy; gx[i] = gy; accepted[i] += 1;
          }
        }
      }
      if (checkAll) {  // NaN fails the comparison too
        for (let i = 0; i < n; i++) if (!(Math.abs(x[i]) <= bound)) { divergedAt = step; break; }
      } else if (!isFinite(x[0]) || !isFinite(x[n - 1])) {  // cheap check first, then all
        divergedAt = step;
      } else if (step % 16 === 0 || step === nSteps) {
        for (let i = 0; i < n; i++) if (!isFinite(x[i])) { divergedAt = step; break; }
      }
      if (divergedAt >= 0) {  // the paths stop here: no zeros drawn after the divergence
        const from = Math.floor((step - 1) / every) + 1;
        for (let i = 0; i < record; i++) paths.fill(NaN, i * nKept + from, (i + 1) * nKept);
        break;
      }
      if (record && step % every === 0) keep(step / every);
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += accepted[i];
    return {
      x: x, paths: paths, nKept: nKept, record: record, accepted: accepted,
      acceptanceRate: method === "mala" ? total / (n * Math.max(nSteps, 1)) : 1.0,
      divergedAt: divergedAt, bound: bound,
    };
  }

  /**
   * The random numbers `simulate` would draw from rng for n chains and nSteps steps, in the same
   * order (per step: n normals, then for MALA n uniforms). They do not depend on the step size
   * or the temperature, so a slider move can reuse them: {n, nSteps, normals, uniforms|null},
   * each of length nSteps * n, step-major.
   */
  function drawTape(rng, n, nSteps, method) {
    const normals = new Float64Array(n * nSteps);
    const uniforms = method === "mala" ? new Float64Array(n * nSteps) : null;
    for (let step = 0; step < nSteps; step++) {
      const off = step * n;
      for (let i = 0; i < n; i++) normals[off + i] = rng.normal();
      if (uniforms) for (let i = 0; i < n; i++) uniforms[off + i] = rng.uniform();
    }
    return { n: n, nSteps: nSteps, normals: normals, uniforms: uniforms };
  }

  // ------------------------------------------------------------------ exact references
  /** Stationary variance of ULA on N(m, s2): T s2 / (1 - tau/(2 s2)); Infinity if tau >= 2 s2. */
  function ulaGaussianVariance(s2, tau, T) {
    return tau >= 2.0 * s2 ? Infinity : T * s2 / (1.0 - tau / (2.0 * s2));
  }

  function normalPdf(x, mean, variance) {
    const d = x - mean;
    return Math.exp(-0.5 * d * d / variance) / Math.sqrt(2.0 * Math.PI * variance);
  }

  /** exp(-U/T)/Z on a uniform grid (trapezoid normalisation over the grid). */
  function boltzmannOnGrid(pot, grid, T) {
    const n = grid.length, p = new Float64Array(n);
    let top = -Infinity;
    for (let i = 0; i < n; i++) { p[i] = -pot.energy(grid[i]) / T; if (p[i] > top) top = p[i]; }
    let z = 0.0;
    for (let i = 0; i < n; i++) {
      p[i] = Math.exp(p[i] - top);
      z += (i === 0 || i === n - 1) ? 0.5 * p[i] : p[i];
    }
    z *= grid[1] - grid[0];
    for (let i = 0; i < n; i++) p[i] /= z;
    return p;
  }

  /** The mean of f under a density p on the same uniform grid (trapezoid). */
  function gridMean(grid, p, f) {
    let s = 0.0, w = 0.0;
    for (let i = 0; i < grid.length; i++) {
      const c = (i === 0 || i === grid.length - 1) ? 0.5 : 1.0;
      s += c * p[i] * f(grid[i]);
      w += c * p[i];
    }
    return s / w;
  }

  /**
   * Exact moments under exp(-U/T)/Z, T > 0, by the trapezoid rule on a grid wide and fine
   * enough for the explorables' potentials at every temperature of their sliders: spacing
   * 0.005 (a density of width w is integrated to ~exp(-2 pi^2 (w/0.005)^2); the narrowest
   * here, the double well at T = 0.05, has w = 0.08), from [-15, 15] widened until the density
   * at both ends is below 1e-12 of its peak (the mixture at T = 3: 6e-13; the tail beyond
   * holds less than 1e-12 of the mass).
   * Returns {mean, variance, meanEnergy, lo, hi, n}.
   */
  function boltzmannReference(pot, T) {
    if (!(T > 0) || !isFinite(T)) throw new RangeError(`temperature must be > 0; got ${T}`);
    const h = 0.005;
    for (let half = 15; ; half *= 2) {
      const n = Math.round(2 * half / h) + 1, grid = linspace(-half, half, n);
      const p = boltzmannOnGrid(pot, grid, T);
      let peak = 0;
      for (let i = 0; i < n; i++) if (p[i] > peak) peak = p[i];
      if ((p[0] <= 1e-12 * peak && p[n - 1] <= 1e-12 * peak) || half >= 960) {
        const mean = gridMean(grid, p, (x) => x);
        return { mean: mean, variance: gridMean(grid, p, (x) => (x - mean) * (x - mean)),
                 meanEnergy: gridMean(grid, p, pot.energy), lo: -half, hi: half, n: n };
      }
    }
  }

  /**
   * The local minima of U in (lo, hi): where U' changes sign from - to + between two points
   * of an n-point grid, refined by bisection on U' to the last bit (the noise-free chains' end
   * points: the mixture's peaks are at +-1.998651346030..., not at its means +-2).
   */
  function minima(pot, lo, hi, n) {
    const grid = linspace(lo, hi, n || 2001), out = [];
    let gPrev = pot.grad(grid[0]);
    for (let i = 1; i < grid.length; i++) {
      const g = pot.grad(grid[i]);
      if (gPrev < 0 && g >= 0) {
        let a = grid[i - 1], b = grid[i];
        for (let k = 0; k < 200; k++) {
          const m = 0.5 * (a + b);
          if (m <= a || m >= b) break;
          if (pot.grad(m) < 0) a = m; else b = m;
        }
        out.push(Math.abs(pot.grad(a)) < Math.abs(pot.grad(b)) ? a : b);
      }
      gPrev = g;
    }
    return out;
  }

  function linspace(a, b, n) {
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) g[i] = a + (b - a) * i / (n - 1);
    return g;
  }

  /** Mean and its standard error (ddof 1). */
  function meanEstimate(v) {
    const n = v.length;
    let m = 0.0;
    for (let i = 0; i < n; i++) m += v[i];
    m /= n;
    let s2 = 0.0;
    for (let i = 0; i < n; i++) { const d = v[i] - m; s2 += d * d; }
    s2 /= (n - 1);
    return { value: m, se: Math.sqrt(s2 / n), n: n };
  }

  /** Variance (ddof 0) and its standard error sqrt((m4 - m2^2)/n), as langevin.variance_estimate. */
  function varianceEstimate(v) {
    const n = v.length;
    let m = 0.0;
    for (let i = 0; i < n; i++) m += v[i];
    m /= n;
    let m2 = 0.0, m4 = 0.0;
    for (let i = 0; i < n; i++) { const d = v[i] - m; const d2 = d * d; m2 += d2; m4 += d2 * d2; }
    m2 /= n; m4 /= n;
    return { value: m2, se: Math.sqrt(Math.max(m4 - m2 * m2, 0) / n), n: n };
  }

  /** Counts of v in the bins [edges[i], edges[i+1]) of a uniform grid, as a density. */
  function histogramDensity(v, lo, hi, nBins) {
    const counts = new Float64Array(nBins), w = (hi - lo) / nBins;
    let inside = 0;
    for (let i = 0; i < v.length; i++) {
      const k = Math.floor((v[i] - lo) / w);
      if (k >= 0 && k < nBins) { counts[k] += 1; inside += 1; }
    }
    const scale = 1.0 / (v.length * w);
    for (let k = 0; k < nBins; k++) counts[k] *= scale;
    return { density: counts, lo: lo, hi: hi, width: w, inside: inside };
  }

  return {
    Rng: Rng, splitmix64: splitmix64,
    gaussian: gaussian, mixture: mixture, doubleWell: doubleWell, defaultMixture: defaultMixture,
    simulate: simulate, drawTape: drawTape,
    ulaGaussianVariance: ulaGaussianVariance, normalPdf: normalPdf,
    boltzmannOnGrid: boltzmannOnGrid, gridMean: gridMean, linspace: linspace,
    boltzmannReference: boltzmannReference, minima: minima,
    meanEstimate: meanEstimate, varianceEstimate: varianceEstimate,
    histogramDensity: histogramDensity,
  };
}));
