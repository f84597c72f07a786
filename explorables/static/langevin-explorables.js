/* langevin-explorables.js: live explorables in the book's static pages (no kernel, no network).
 *
 * A markdown cell declares one with
 *   <div class="lgv-explorable" data-kind="score" data-widget="explore_score_sampling()">
 *   <p class="lgv-fallback">...where the Python widget lives...</p></div>
 * and this script (loaded on every page from _static, after langevin-core.js) replaces the
 * fallback by controls (range inputs with labels and live values, radio groups) and canvases.
 * data-* attributes set a control's starting value (data-temperature="0.5", data-step-size,
 * data-n-steps, data-seed, data-potential, data-method) or an option (data-chains).
 *
 * Kinds: "score" (chapter 1), "boltzmann" (chapter 4), "discretisation" (the update chapter).
 * A new kind (Fokker-Planck, annealed Langevin, ...) is one LangevinExplorables.register(name,
 * spec) call: spec = {title, controls, panels, options, compute(params, cache, options),
 * draw(axesByPanel..), status(result, params)}; see the three below.
 *
 * Every slider move recomputes the chains in the input handler (the random numbers of a seed
 * are drawn once and reused: they do not depend on tau or T; chapter 1's noise-free run is kept
 * while only T moves) and redraws the canvases before the handler returns, so the next frame
 * shows the new picture. Exact numbers come from LangevinCore.boltzmannReference (a grid that
 * holds the whole density at every T of the sliders), never from the drawing grid.
 */
(function () {
  "use strict";
  const C = window.LangevinCore;
  if (!C) {
    console.error("langevin-explorables.js: load langevin-core.js first");
    return;
  }

  const COLORS = {
    without: "#1f77b4", with: "#d62728", density: "#111111", ula: "#ff7f0e",
    target: "#2ca02c", bar: "rgba(31, 119, 180, 0.35)", barEdge: "rgba(31, 119, 180, 0.8)",
    grid: "#ececec", axis: "#555555", text: "#222222", muted: "#777777",
  };

  // ------------------------------------------------------------------ drawing
  function niceStep(span, target) {
    const raw = span / Math.max(target, 1);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
  }

  function ticks(lo, hi, target) {
    const step = niceStep(hi - lo, target), out = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
      out.push(Math.abs(v) < 1e-12 * step ? 0 : v);
    }
    return out;
  }

  function fmt(v, digits) {
    if (!isFinite(v)) return v > 0 ? "∞" : String(v);
    const d = digits === undefined ? 3 : digits;
    return Number(v.toFixed(d)).toString().replace("-", "−");
  }

  /** A canvas that keeps its CSS width, is sized in device pixels and draws in CSS pixels. */
  class Plot {
    constructor(canvas, aspect, minHeight, maxHeight) {
      this.canvas = canvas;
      this.ctx = canvas.getContext("2d");
      this.aspect = aspect;
      this.minHeight = minHeight;
      this.maxHeight = maxHeight;
      this.width = 0;
      this.height = 0;
    }

    resize() {
      const w = Math.max(Math.floor(this.canvas.parentElement.clientWidth), 200);
      const h = Math.round(Math.min(Math.max(w * this.aspect, this.minHeight), this.maxHeight));
      const dpr = window.devicePixelRatio || 1;
      if (w !== this.width || h !== this.height || dpr !== this.dpr) {
        this.width = w; this.height = h; this.dpr = dpr;
        this.canvas.width = Math.round(w * dpr);
        this.canvas.height = Math.round(h * dpr);
        this.canvas.style.width = w + "px";
        this.canvas.style.height = h + "px";
      }
      this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.ctx.clearRect(0, 0, w, h);
      this.font = "12px " + (getComputedStyle(this.canvas).fontFamily || "sans-serif");
      this.ctx.font = this.font;
    }

    axes(box, xlim, ylim) {
      return new Axes(this, box, xlim, ylim);
    }
  }

  class Axes {
    constructor(plot, box, xlim, ylim) {
      this.plot = plot; this.ctx = plot.ctx;
      this.x0 = box.x; this.y0 = box.y; this.w = box.w; this.h = box.h;
      this.xlim = xlim; this.ylim = ylim;
    }

    X(v) { return this.x0 + (v - this.xlim[0]) / (this.xlim[1] - this.xlim[0]) * this.w; }
    Y(v) { return this.y0 + this.h - (v - this.ylim[0]) / (this.ylim[1] - this.ylim[0]) * this.h; }

    frame(opt) {
      const ctx = this.ctx, o = opt || {};
      ctx.save();
      ctx.lineWidth = 1;
      ctx.fillStyle = COLORS.text;
      ctx.font = this.plot.font;
      let xt = o.xticks === false ? [] : ticks(this.xlim[0], this.xlim[1], o.nx || Math.max(2, Math.floor(this.w / 70)));
      if (o.skipZeroX) xt = xt.filter((v) => v !== 0);
      const yt = o.yticks === false ? [] : ticks(this.ylim[0], this.ylim[1], o.ny || Math.max(2, Math.floor(this.h / 45)));
      ctx.strokeStyle = COLORS.grid;
      ctx.beginPath();
      for (const v of yt) { const y = Math.round(this.Y(v)) + 0.5; ctx.moveTo(this.x0, y); ctx.lineTo(this.x0 + this.w, y); }
      ctx.stroke();
      ctx.strokeStyle = COLORS.axis;
      ctx.strokeRect(Math.round(this.x0) + 0.5, Math.round(this.y0) + 0.5, Math.round(this.w), Math.round(this.h));
      ctx.textAlign = "center"; ctx.textBaseline = "top";
      for (const v of xt) ctx.fillText(fmt(v, 3), this.X(v), this.y0 + this.h + 4);
      if (o.yticks !== false) {
        ctx.textAlign = "right"; ctx.textBaseline = "middle";
        for (const v of yt) ctx.fillText(fmt(v, 3), this.x0 - 4, this.Y(v));
      }
      if (o.xlabel) {
        ctx.textAlign = "center"; ctx.textBaseline = "top";
        ctx.fillText(o.xlabel, this.x0 + this.w / 2, this.y0 + this.h + 19);
      }
      if (o.ylabel) {
        ctx.save();
        ctx.translate(this.x0 - (o.ylabelGap || 34), this.y0 + this.h / 2);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = "center"; ctx.textBaseline = "bottom";
        ctx.fillText(o.ylabel, 0, 0);
        ctx.restore();
      }
      if (o.title) {
        ctx.textAlign = o.titleAlign || "left"; ctx.textBaseline = "bottom";
        ctx.font = "bold " + this.plot.font;
        ctx.fillText(o.title, o.titleAlign === "center" ? this.x0 + this.w / 2 : this.x0, this.y0 - 5);
      }
      ctx.restore();
    }

    clip() {
      this.ctx.save();
      this.ctx.beginPath();
      this.ctx.rect(this.x0, this.y0, this.w, this.h);
      this.ctx.clip();
    }

    unclip() { this.ctx.restore(); }

    /** ys[offset + k*stride] against xs(k), k < count. */
    polyline(count, xOf, yOf, color, width, alpha, dash) {
      const ctx = this.ctx;
      ctx.save();
      ctx.strokeStyle = color; ctx.lineWidth = width || 1.5; ctx.globalAlpha = alpha === undefined ? 1 : alpha;
      if (dash) ctx.setLineDash(dash);
      ctx.beginPath();
      let pen = false;
      for (let k = 0; k < count; k++) {
        const y = yOf(k);
        if (!isFinite(y)) { pen = false; continue; }
        const px = this.X(xOf(k)), py = this.Y(y);
        if (pen) ctx.lineTo(px, py); else { ctx.moveTo(px, py); pen = true; }
      }
      ctx.stroke();
      ctx.restore();
    }

    /** Many paths in one stroke: path c is data[c * count + k] against xOf(k), k < count. */
    paths(nPaths, count, xOf, data, color, width, alpha) {
      const ctx = this.ctx;
      ctx.save();
      ctx.strokeStyle = color; ctx.lineWidth = width; ctx.globalAlpha = alpha; ctx.lineJoin = "round";
      ctx.beginPath();
      const sx = this.w / (this.xlim[1] - this.xlim[0]), sy = this.h / (this.ylim[1] - this.ylim[0]);
      const ox = this.x0 - this.xlim[0] * sx, oy = this.y0 + this.h + this.ylim[0] * sy;
      for (let c = 0; c < nPaths; c++) {
        let pen = false;
        for (let k = 0; k < count; k++) {
          const y = data[c * count + k];
          if (!isFinite(y)) { pen = false; continue; }
          const px = ox + xOf(k) * sx, py = oy - y * sy;
          if (pen) ctx.lineTo(px, py); else { ctx.moveTo(px, py); pen = true; }
        }
      }
      ctx.stroke();
      ctx.restore();
    }

    /** A histogram {density, lo, width}: vertical bars, or bars along y when sideways. */
    histogram(h, sideways) {
      const ctx = this.ctx;
      ctx.save();
      ctx.fillStyle = COLORS.bar; ctx.strokeStyle = COLORS.barEdge; ctx.lineWidth = 0.5;
      for (let k = 0; k < h.density.length; k++) {
        const a = h.lo + k * h.width, b = a + h.width, d = h.density[k];
        if (d <= 0) continue;
        if (sideways) {
          const y1 = this.Y(b), y2 = this.Y(a), x1 = this.X(0), x2 = this.X(d);
          ctx.fillRect(x1, y1, x2 - x1, y2 - y1);
        } else {
          const x1 = this.X(a), x2 = this.X(b), y1 = this.Y(d), y2 = this.Y(0);
          ctx.fillRect(x1, y1, x2 - x1, y2 - y1);
          ctx.strokeRect(x1, y1, x2 - x1, y2 - y1);
        }
      }
      ctx.restore();
    }

    hline(y, color, dash, width) { this.polyline(2, (k) => this.xlim[k], () => y, color, width || 1, 1, dash); }
    vline(x, color, dash, width) {
      const ctx = this.ctx;
      ctx.save(); ctx.strokeStyle = color; ctx.lineWidth = width || 1; if (dash) ctx.setLineDash(dash);
      ctx.beginPath(); ctx.moveTo(this.X(x), this.y0); ctx.lineTo(this.X(x), this.y0 + this.h); ctx.stroke();
      ctx.restore();
    }

    /** A small legend in the top-left (or top-right) corner: [[label, color, dash|"box"]]. */
    legend(items, right) {
      const ctx = this.ctx;
      ctx.save();
      ctx.font = this.plot.font; ctx.textBaseline = "middle";
      let width = 0;
      for (const it of items) width = Math.max(width, ctx.measureText(it[0]).width);
      const x = right ? this.x0 + this.w - width - 34 : this.x0 + 8;
      let y = this.y0 + 11;
      ctx.fillStyle = "rgba(255,255,255,0.8)";
      ctx.fillRect(x - 4, this.y0 + 2, width + 32, items.length * 16 + 2);
      for (const it of items) {
        if (it[2] === "box") { ctx.fillStyle = COLORS.bar; ctx.fillRect(x, y - 5, 18, 10); }
        else {
          ctx.strokeStyle = it[1]; ctx.lineWidth = 2; ctx.setLineDash(it[2] || []);
          ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 18, y); ctx.stroke(); ctx.setLineDash([]);
        }
        ctx.fillStyle = COLORS.text; ctx.textAlign = "left";
        ctx.fillText(it[0], x + 24, y);
        y += 16;
      }
      ctx.restore();
    }

    message(text) {
      const ctx = this.ctx;
      ctx.save();
      ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fillRect(this.x0 + 1, this.y0 + 1, this.w - 2, this.h - 2);
      ctx.fillStyle = "#8b0000"; ctx.font = this.plot.font; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      const words = text.split(" "), lines = [];
      let line = "";
      for (const w of words) {
        const t = line ? line + " " + w : w;
        if (ctx.measureText(t).width > this.w - 20 && line) { lines.push(line); line = w; } else line = t;
      }
      lines.push(line);
      lines.forEach((l, i) => ctx.fillText(l, this.x0 + this.w / 2, this.y0 + this.h / 2 + (i - (lines.length - 1) / 2) * 16));
      ctx.restore();
    }
  }

  // ------------------------------------------------------------------ shared pieces
  // GRID is for drawing only (the visible x range); exact numbers come from
  // C.boltzmannReference, whose grid holds the whole density at every temperature.
  const GRID = C.linspace(-5, 5, 401);

  function densityCurve(pot, T) {
    return T > 0 ? C.boltzmannOnGrid(pot, GRID, T) : null;
  }

  function maxOf(a) { let m = 0; for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i]; return m; }

  /** Seeded starts and the noise tape, drawn once per (seed, chains, steps, method). */
  function startsAndTape(cache, seed, n, maxSteps, method, start) {
    const key = [seed, n, maxSteps, method, start].join("|");
    if (cache.key !== key) {
      const rng = new C.Rng(seed);
      const x0 = new Float64Array(n);
      for (let i = 0; i < n; i++) x0[i] = start === "uniform" ? -3.0 + 6.0 * rng.uniform() : rng.normal();
      cache.key = key;
      cache.x0 = x0;
      cache.tape = C.drawTape(rng, n, maxSteps, method);
    }
    return cache;
  }

  /** One plain sentence, as langevin.widgets.explain words the package's DivergenceError. */
  function divergenceText(res, bound, stepSize) {
    if (isFinite(res.bound)) {  // the package's experiments._bounded, limit 1e6
      return `The chains blew up (|x| > ${res.bound.toExponential().replace("+", "")} by step ` +
        `${res.divergedAt}): step size ${fmt(stepSize, 3)} is too large for this target. ` +
        "Choose a smaller step size τ.";
    }
    return `The chains diverged at step ${res.divergedAt}: the step size is too large for this ` +
      `potential${bound ? " (" + bound + ")" : ""}. Lower the step size τ.`;
  }

  const z = (est, ref) => (est.value - ref) / est.se;

  // ------------------------------------------------------------------ registry and mounting
  const KINDS = {};

  function register(name, spec) {
    KINDS[name] = spec;
  }

  let uid = 0;

  function parseValue(control, raw) {
    if (control.type === "choice") return control.options.includes(raw) ? raw : undefined;
    const v = Number(raw);
    return isFinite(v) ? Math.min(Math.max(v, control.min), control.max) : undefined;
  }

  function mount(el) {
    if (el.lgv) return el.lgv;
    const spec = KINDS[el.dataset.kind];
    if (!spec) {
      console.error(`lgv-explorable: unknown data-kind "${el.dataset.kind}" (known: ${Object.keys(KINDS).join(", ")})`);
      return null;
    }
    const id = "lgv" + (++uid);
    const options = Object.assign({}, spec.options || {});
    for (const k of Object.keys(options)) {
      if (el.dataset[k] !== undefined && isFinite(Number(el.dataset[k]))) options[k] = Number(el.dataset[k]);
    }
    const params = {};
    el.innerHTML = "";
    el.classList.add("lgv-ready");
    el.setAttribute("role", "group");
    el.setAttribute("aria-label", spec.title);

    const title = document.createElement("p");
    title.className = "lgv-title";
    title.textContent = spec.title;
    el.appendChild(title);

    const controls = document.createElement("div");
    controls.className = "lgv-controls";
    el.appendChild(controls);
    const inputs = {};
    for (const c of spec.controls) {
      const start = el.dataset[c.name] !== undefined ? parseValue(c, el.dataset[c.name]) : undefined;
      params[c.name] = start === undefined ? c.value : start;
      const box = document.createElement(c.type === "choice" ? "fieldset" : "div");
      box.className = "lgv-control" + (c.type === "choice" ? " lgv-choice" : "");
      if (c.type === "choice") {
        const legend = document.createElement("legend");
        legend.textContent = c.label;
        box.appendChild(legend);
        const row = document.createElement("div");
        row.className = "lgv-segments";
        for (const opt of c.options) {
          const lab = document.createElement("label");
          const inp = document.createElement("input");
          inp.type = "radio"; inp.name = `${id}-${c.name}`; inp.value = opt;
          inp.checked = opt === params[c.name];
          inp.addEventListener("change", () => { if (inp.checked) set(c.name, opt); });
          lab.appendChild(inp);
          const span = document.createElement("span");
          span.textContent = opt;
          lab.appendChild(span);
          row.appendChild(lab);
        }
        box.appendChild(row);
        inputs[c.name] = row;
      } else {
        const head = document.createElement("div");
        head.className = "lgv-label-row";
        const lab = document.createElement("label");
        lab.htmlFor = `${id}-${c.name}`;
        lab.textContent = c.label;
        const out = document.createElement("output");
        out.htmlFor = `${id}-${c.name}`;
        out.id = `${id}-${c.name}-value`;
        head.appendChild(lab);
        head.appendChild(out);
        const inp = document.createElement("input");
        inp.type = "range"; inp.id = `${id}-${c.name}`; inp.name = c.name;
        inp.min = c.min; inp.max = c.max; inp.step = c.step; inp.value = params[c.name];
        inp.setAttribute("aria-describedby", out.id);
        const show = () => {
          out.textContent = (c.format || ((v) => fmt(v, 3)))(params[c.name]) + (c.hint && params[c.name] === 0 ? " " + c.hint : "");
          inp.setAttribute("aria-valuetext", out.textContent);
        };
        inp.addEventListener("input", () => { set(c.name, Number(inp.value)); show(); });
        box.appendChild(head);
        box.appendChild(inp);
        inputs[c.name] = inp;
        show();
      }
      controls.appendChild(box);
    }

    const figure = document.createElement("div");
    figure.className = "lgv-figure" + (spec.panels.length > 1 ? " lgv-two" : "");
    el.appendChild(figure);
    const plots = {};
    for (const p of spec.panels) {
      const cell = document.createElement("div");
      cell.className = "lgv-panel";
      const canvas = document.createElement("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", p.label);
      cell.appendChild(canvas);
      figure.appendChild(cell);
      plots[p.name] = new Plot(canvas, p.aspect || 0.68, p.minHeight || 210, p.maxHeight || 400);
    }

    const status = document.createElement("p");
    status.className = "lgv-status";
    status.setAttribute("aria-live", "polite");
    el.appendChild(status);

    const where = document.createElement("p");
    where.className = "lgv-where";
    const widget = el.dataset.widget;
    where.innerHTML = "Live in your browser: the book's update in JavaScript, tested against the " +
      "<code>langevin</code> package." + (widget ?
      ` In JupyterLab the live one is the Python widget <code>${widget.replace(/[<>&"]/g, "")}</code>` +
      " (see <em>Running the notebooks</em>: <code>make lab</code>)." : "");
    el.appendChild(where);

    const cache = {};
    let result = null;
    const timings = [];

    function draw() {
      for (const name of Object.keys(plots)) plots[name].resize();
      spec.draw(plots, result, params, options);
      status.textContent = spec.status(result, params, options);
    }

    function update() {
      const t0 = performance.now();
      try {
        result = spec.compute(params, cache, options);
      } catch (err) {
        result = { error: String(err.message || err) };
      }
      const t1 = performance.now();
      draw();
      const t2 = performance.now();
      timings.push({ compute: t1 - t0, draw: t2 - t1 });
      if (timings.length > 200) timings.shift();
      api.lastMs = t2 - t0;
      return api.lastMs;
    }

    function set(name, value) {
      params[name] = value;
      update();
    }

    const api = { el: el, kind: el.dataset.kind, params: params, inputs: inputs, update: update,
                  redraw: draw, timings: timings, lastMs: 0, get result() { return result; } };
    el.lgv = api;
    update();
    if (window.ResizeObserver) {
      let lastWidth = figure.clientWidth;
      new ResizeObserver(() => {
        if (figure.clientWidth !== lastWidth) { lastWidth = figure.clientWidth; draw(); }
      }).observe(figure);
    }
    return api;
  }

  // ------------------------------------------------------------------ chapter 1: score
  const MIX = C.defaultMixture();
  /** The mixture's peaks (U' = 0, refined to the last bit): where noise-free chains stop. */
  const MIX_MODES = C.minima(MIX, -5, 5);
  const MODE = MIX_MODES[MIX_MODES.length - 1];  // 1.998651346030...
  /** Noise-free chains settle on a peak only for tau < 2/U''(x*) (= 2.0107: U''(x*) < 1); past
   *  it they hop between points on either side of it, and the noisy chains blow up. */
  const SETTLE_TAU = 2.0 / ((MIX.grad(MODE + 1e-4) - MIX.grad(MODE - 1e-4)) / 2e-4);
  /** As the package's widget (experiments._bounded): |x| > 1e6 is a blow-up. */
  const BLOW_UP = 1e6;

  const temperatureControl = (max, value) => ({
    name: "temperature", label: "temperature T", min: 0, max: max, step: 0.05,
    value: value, hint: "= no noise",
  });
  const seedControl = { name: "seed", label: "seed", min: 0, max: 99, step: 1, value: 0,
                        format: (v) => String(v) };
  const stepsFormat = (v) => String(v);

  /** Paths against step on the left, a sideways histogram of the final states on the right. */
  function drawPathsPanel(plot, run, nSteps, color, title, density, refDensity) {
    const W = plot.width, H = plot.height;
    const left = 44, right = 8, top = 24, bottom = 40, gap = 14;
    const histW = Math.max(56, Math.round((W - left - right) * 0.24));
    const mainW = W - left - right - histW - gap;
    const ylim = [-5, 5];
    const ax = plot.axes({ x: left, y: top, w: mainW, h: H - top - bottom }, [0, nSteps], ylim);
    ax.frame({ xlabel: "step", ylabel: "x", title: title, ylabelGap: 30 });
    ax.clip();
    const every = run.every, nKept = run.res.nKept, paths = run.res.paths;
    ax.paths(run.res.record, nKept, (k) => k * every, paths, color, 1.0, 0.75);
    ax.unclip();
    const hist = C.histogramDensity(run.res.x, -5, 5, 50);
    // scaled to the density curve; the spikes of noise-free chains run off the edge
    const curveTop = Math.max(density ? maxOf(density) : 0, refDensity ? maxOf(refDensity) : 0);
    const top2 = curveTop > 0 ? 1.6 * curveTop : Math.max(maxOf(hist.density), 0.05);
    const hx = plot.axes({ x: left + mainW + gap, y: top, w: histW, h: H - top - bottom }, [0, top2], ylim);
    hx.frame({ yticks: false, nx: 1, xlabel: "density", skipZeroX: true });
    hx.clip();
    hx.histogram(hist, true);
    const curve = (d, col, dash) => {
      const ctx = plot.ctx;
      ctx.save(); ctx.strokeStyle = col; ctx.lineWidth = 1.6; if (dash) ctx.setLineDash(dash);
      ctx.beginPath();
      for (let i = 0; i < GRID.length; i++) {
        const px = hx.X(d[i]), py = hx.Y(GRID[i]);
        if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      }
      ctx.stroke(); ctx.restore();
    };
    if (refDensity) curve(refDensity, COLORS.muted, [4, 3]);
    if (density) curve(density, COLORS.density);
    hx.unclip();
    return ax;
  }

  register("score", {
    title: "Following the score of ½N(−2, 1) + ½N(2, 1) from the same starts, without noise and with noise of temperature T (0 = none)",
    controls: [
      temperatureControl(3, 1),
      // to 2.5 as langevin.widgets.explore_score_sampling: past 2.01 the noise-free chains no
      // longer settle, by 2.5 the noisy ones blow up (exercise 1 of chapter 1)
      { name: "stepSize", label: "step size τ", min: 0.01, max: 2.5, step: 0.01, value: 0.1 },
      { name: "nSteps", label: "steps", min: 10, max: 500, step: 10, value: 200, format: stepsFormat },
      seedControl,
    ],
    panels: [{ name: "without", label: "chains without noise" }, { name: "with", label: "chains with noise" }],
    options: { chains: 300, drawn: 30 },
    compute(p, cache, o) {
      const n = o.chains, maxSteps = 500;
      startsAndTape(cache, p.seed, n, maxSteps, "ula", "normal");
      const every = Math.max(1, Math.ceil(p.nSteps / 160));
      const common = { potential: MIX, x0: cache.x0, stepSize: p.stepSize, nSteps: p.nSteps,
                       record: o.drawn, every: every, bound: BLOW_UP };
      // the noise-free run does not depend on T: kept while only the temperature moves
      const withoutKey = [cache.key, p.stepSize, p.nSteps, o.drawn].join("|");
      if (cache.withoutKey !== withoutKey) {
        cache.withoutKey = withoutKey;
        cache.without = C.simulate(Object.assign({ temperature: 0 }, common));
      }
      const without = cache.without;
      const withNoise = p.temperature > 0 ?
        C.simulate(Object.assign({ temperature: p.temperature, tape: cache.tape }, common)) : without;
      const key = "T" + p.temperature;
      if (cache.densityKey !== key) {
        cache.densityKey = key;
        cache.density = densityCurve(MIX, p.temperature);
        cache.p1 = cache.p1 || densityCurve(MIX, 1);
        cache.exactVar = p.temperature > 0 ? C.boltzmannReference(MIX, p.temperature).variance : NaN;
      }
      return { without: { res: without, every: every }, with: { res: withNoise, every: every },
               density: cache.density, p1: cache.p1, exactVar: cache.exactVar };
    },
    draw(plots, r, p) {
      if (r.error) { for (const k in plots) plots[k].axes({ x: 10, y: 10, w: plots[k].width - 20, h: plots[k].height - 20 }, [0, 1], [0, 1]).message(r.error); return; }
      const a = drawPathsPanel(plots.without, r.without, p.nSteps, COLORS.without,
        "without noise (T = 0)", null, r.p1);
      a.legend([["p(x)", COLORS.muted, [4, 3]]], true);
      const b = drawPathsPanel(plots.with, r.with, p.nSteps, p.temperature > 0 ? COLORS.with : COLORS.without,
        p.temperature > 0 ? `with noise (T = ${fmt(p.temperature, 2)})` : "noise off (T = 0): same as the left",
        r.density, p.temperature > 0 ? null : r.p1);
      if (p.temperature > 0) b.legend([["p(x)^(1/T) / Z", COLORS.density]], true);
      for (const [name, run] of [["without", r.without], ["with", r.with]]) {
        if (run.res.divergedAt >= 0) plots[name].axes({ x: 44, y: 24, w: plots[name].width - 52, h: plots[name].height - 64 }, [0, 1], [0, 1]).message(divergenceText(run.res, null, p.stepSize));
      }
    },
    status(r, p, o) {
      if (r.error) return r.error;
      if (r.with.res.divergedAt >= 0 || r.without.res.divergedAt >= 0) {
        return divergenceText(r.without.res.divergedAt >= 0 ? r.without.res : r.with.res, null, p.stepSize);
      }
      let off = 0;
      for (const v of r.without.res.x) off = Math.max(off, Math.abs(Math.abs(v) - MODE));
      const xStar = `x* = ±${fmt(MODE, 3)}`;
      let s;
      if (off < 1e-3) {
        s = `Without noise every chain climbs to the peak on its side of 0 and stops: all ${o.chains} end within 0.001 of ${xStar}.`;
      } else if (p.stepSize >= SETTLE_TAU) {
        s = `Without noise the chains no longer settle: past τ = ${fmt(SETTLE_TAU, 2)} each step overshoots the peak and they hop between points on either side of it (after ${p.nSteps} steps the farthest is ${fmt(off, 3)} from ${xStar}).`;
      } else {
        s = `Without noise every chain climbs towards the peak on its side of 0; after ${p.nSteps} steps the farthest is still ${fmt(off, 3)} from ${xStar}.`;
      }
      if (p.temperature > 0) {
        const v = C.varianceEstimate(r.with.res.x);
        s += ` With noise they keep moving: variance ${fmt(v.value, 2)} ± ${fmt(v.se, 2)}, exact for p^(1/T)/Z ${fmt(r.exactVar, 2)} (z = ${fmt(z(v, r.exactVar), 1)}).`;
      } else {
        s += " At T = 0 the right-hand chains are the same: no noise, no exploration.";
      }
      return s;
    },
  });

  // ------------------------------------------------------------------ chapter 4: Boltzmann
  const POTENTIALS = {
    "double well": C.doubleWell(1.0),
    "mixture": MIX,
    "Gaussian": C.gaussian(0.0, 1.0),
  };
  const MINIMA = {};  // where the noise-free chains end (T = 0)
  for (const name of Object.keys(POTENTIALS)) MINIMA[name] = C.minima(POTENTIALS[name], -5, 5);

  register("boltzmann", {
    title: "Many chains with noise of temperature T against the Boltzmann density exp(−U/T)/Z (T = 0: no noise)",
    controls: [
      temperatureControl(3, 1),
      { name: "potential", type: "choice", label: "potential U", options: Object.keys(POTENTIALS), value: "double well" },
      { name: "stepSize", label: "step size τ", min: 0.005, max: 0.025, step: 0.005, value: 0.02 },
      { name: "nSteps", label: "steps", min: 50, max: 500, step: 50, value: 300, format: stepsFormat },
      seedControl,
    ],
    panels: [{ name: "hist", label: "histogram of the chains' final states and the Boltzmann density", aspect: 0.5, minHeight: 240, maxHeight: 380 }],
    options: { chains: 1000 },
    compute(p, cache, o) {
      const n = o.chains, pot = POTENTIALS[p.potential];
      startsAndTape(cache, p.seed, n, 500, "ula", "uniform");
      const res = C.simulate({ potential: pot, x0: cache.x0, stepSize: p.stepSize, nSteps: p.nSteps,
                               temperature: p.temperature, tape: cache.tape });
      const key = p.potential + "|" + p.temperature;
      if (cache.densityKey !== key) {
        cache.densityKey = key;
        cache.density = densityCurve(pot, p.temperature);
        cache.meanU = p.temperature > 0 ? C.boltzmannReference(pot, p.temperature).meanEnergy : NaN;
      }
      const energies = new Float64Array(n);
      for (let i = 0; i < n; i++) energies[i] = pot.energy(res.x[i]);
      return { res: res, density: cache.density, meanU: cache.meanU, energies: energies };
    },
    draw(plots, r, p) {
      const plot = plots.hist, W = plot.width, H = plot.height;
      const box = { x: 46, y: 24, w: W - 56, h: H - 64 };
      if (r.error) { plot.axes(box, [0, 1], [0, 1]).message(r.error); return; }
      const hist = C.histogramDensity(r.res.x, -4.5, 4.5, 61);
      const dmax = r.density ? maxOf(r.density) : 0;
      const top = Math.max(dmax, Math.min(maxOf(hist.density), dmax > 0 ? 3 * dmax : 2.5), 0.1) * 1.45;
      const ax = plot.axes(box, [-4.5, 4.5], [0, top]);
      ax.frame({ xlabel: "x", ylabel: "density", title: `${p.potential}, T = ${fmt(p.temperature, 2)}` + (p.temperature > 0 ? "" : ": no noise, the chains stop in the minima") });
      ax.clip();
      ax.histogram(hist, false);
      if (r.density) ax.polyline(GRID.length, (k) => GRID[k], (k) => r.density[k], COLORS.density, 2);
      else for (const m of MINIMA[p.potential]) ax.vline(m, COLORS.muted, [3, 3]);
      ax.unclip();
      ax.legend(r.density ? [[`${r.res.x.length} chains, final states`, null, "box"], ["exp(−U/T)/Z", COLORS.density]]
        : [[`${r.res.x.length} chains, final states`, null, "box"], ["minima of U", COLORS.muted, [3, 3]]]);
      if (r.res.divergedAt >= 0) ax.message(divergenceText(r.res));
    },
    status(r, p) {
      if (r.error) return r.error;
      if (r.res.divergedAt >= 0) return divergenceText(r.res);
      const right = C.meanEstimate(Array.from(r.res.x, (v) => (v > 0 ? 1 : 0)));
      let s = `Fraction of chains right of 0: ${fmt(right.value, 3)} ± ${fmt(right.se, 3)}.`;
      if (p.temperature > 0) {
        const u = C.meanEstimate(r.energies);
        s = `Average energy ⟨U⟩ of the chains ${fmt(u.value, 3)} ± ${fmt(u.se, 3)}; exact under exp(−U/T)/Z: ${fmt(r.meanU, 3)} (z = ${fmt(z(u, r.meanU), 1)}). ` + s;
      } else {
        s = "No noise: each chain slides down to the minimum of its basin and stays. " + s;
      }
      return s;
    },
  });

  // ------------------------------------------------------------------ the update chapter
  register("discretisation", {
    title: "Step size τ: ULA's bias on N(0, s²) against its exact law, and MALA's fix (noise: temperature T, 0 = none)",
    controls: [
      { name: "stepSize", label: "step size τ", min: 0.05, max: 1.9, step: 0.05, value: 0.5 },
      { name: "method", type: "choice", label: "method", options: ["ULA", "MALA"], value: "ULA" },
      temperatureControl(2, 1),
      { name: "nSteps", label: "steps", min: 1, max: 60, step: 1, value: 20, format: stepsFormat },
      seedControl,
    ],
    panels: [{ name: "hist", label: "histogram of the chains against the target and ULA's stationary law" },
             { name: "variance", label: "variance against step size: ULA formula, target, measured" }],
    options: { chains: 5000, variance: 1 },
    compute(p, cache, o) {
      const n = o.chains, s2 = o.variance;
      const method = p.method === "MALA" && p.temperature > 0 ? "mala" : "ula";
      const c = cache[method] = cache[method] || {};
      startsAndTape(c, p.seed, n, 60, method, "normal");
      const scale = Math.sqrt(s2 * (p.temperature > 0 ? p.temperature : 1));  // exact start
      const x0 = Float64Array.from(c.x0, (v) => scale * v);
      const res = C.simulate({ potential: C.gaussian(0, s2), x0: x0, stepSize: p.stepSize,
                               nSteps: p.nSteps, temperature: p.temperature, method: method, tape: c.tape });
      // ULA's exact variance after these n steps from this start: a^(2n) v0 + v_inf (1 - a^(2n))
      const vUla = C.ulaGaussianVariance(s2, p.stepSize, p.temperature);
      const a2n = Math.pow(1 - p.stepSize / s2, 2 * p.nSteps), v0 = scale * scale;
      return { res: res, method: method, s2: s2, vUla: vUla, vN: a2n * v0 + (1 - a2n) * vUla,
               vTrue: p.temperature * s2, est: C.varianceEstimate(res.x) };
    },
    draw(plots, r, p) {
      const ph = plots.hist, pv = plots.variance;
      const boxH = { x: 46, y: 24, w: ph.width - 56, h: ph.height - 64 };
      const boxV = { x: 46, y: 24, w: pv.width - 56, h: pv.height - 64 };
      if (r.error) { ph.axes(boxH, [0, 1], [0, 1]).message(r.error); pv.axes(boxV, [0, 1], [0, 1]).message(r.error); return; }
      const hist = C.histogramDensity(r.res.x, -5, 5, 81);
      const target = Float64Array.from(GRID, (x) => (r.vTrue > 0 ? C.normalPdf(x, 0, r.vTrue) : NaN));
      const ula = Float64Array.from(GRID, (x) => (r.vUla > 0 && isFinite(r.vUla) ? C.normalPdf(x, 0, r.vUla) : NaN));
      const peak = r.vTrue > 0 ? C.normalPdf(0, 0, r.vTrue) : maxOf(hist.density);
      const ax = ph.axes(boxH, [-5, 5], [0, 1.45 * Math.max(peak, 0.05)]);
      const name = r.method === "mala" ? "MALA" : (p.temperature > 0 ? "ULA" : "ULA, T = 0");
      ax.frame({ xlabel: "x", ylabel: "density", title: `${name} after ${p.nSteps} step${p.nSteps === 1 ? "" : "s"}` });
      ax.clip();
      ax.histogram(hist, false);
      ax.polyline(GRID.length, (k) => GRID[k], (k) => target[k], COLORS.target, 2);
      ax.polyline(GRID.length, (k) => GRID[k], (k) => ula[k], COLORS.ula, 2, 1, [6, 3]);
      ax.unclip();
      ax.legend([["chains", null, "box"], ["target N(0, Ts²)", COLORS.target], ["ULA stationary", COLORS.ula, [6, 3]]]);
      if (r.res.divergedAt >= 0) ax.message(divergenceText(r.res, "ULA on N(0, s²) needs τ < 2s²"));

      const vmax = Math.max(4 * r.vTrue, 1.5 * (isFinite(r.est.value) ? r.est.value : 0), 0.1);
      const av = pv.axes(boxV, [0, 2 * r.s2], [0, vmax]);
      av.frame({ xlabel: "step size τ", ylabel: "variance", title: "stationary variance" });
      av.clip();
      const taus = C.linspace(0.01, 1.95 * r.s2, 200);
      av.polyline(taus.length, (k) => taus[k], (k) => C.ulaGaussianVariance(r.s2, taus[k], p.temperature), COLORS.ula, 2, 1, [6, 3]);
      av.hline(r.vTrue, COLORS.target, null, 2);
      av.vline(p.stepSize, COLORS.muted, [2, 3]);
      if (isFinite(r.est.value)) {
        const ctx = pv.ctx, X = av.X(p.stepSize);
        ctx.save(); ctx.strokeStyle = COLORS.text; ctx.fillStyle = COLORS.text; ctx.lineWidth = 1.5;
        ctx.beginPath(); ctx.moveTo(X, av.Y(r.est.value - 2 * r.est.se)); ctx.lineTo(X, av.Y(r.est.value + 2 * r.est.se)); ctx.stroke();
        ctx.beginPath(); ctx.arc(X, av.Y(r.est.value), 4, 0, 2 * Math.PI); ctx.fill(); ctx.restore();
      }
      av.unclip();
      av.legend([["ULA: Ts²/(1 − τ/2s²)", COLORS.ula, [6, 3]], ["target Ts²", COLORS.target], ["measured ± 2 SE", COLORS.text]]);
    },
    status(r, p) {
      if (r.error) return r.error;
      if (r.res.divergedAt >= 0) return divergenceText(r.res, "ULA on N(0, s²) needs τ < 2s²");
      const e = r.est, n = r.res.x.length;
      const after = `after ${p.nSteps} step${p.nSteps === 1 ? "" : "s"}`;
      let s = `Variance of ${n} chains ${fmt(e.value, 3)} ± ${fmt(e.se, 3)}; ` + (r.method === "mala"
        ? `target Ts² = ${fmt(r.vTrue, 3)} (z = ${fmt(z(e, r.vTrue), 1)}), which MALA keeps; ULA's exact variance ${after}: ${fmt(r.vN, 3)}.`
        : `ULA's exact variance ${after} ${fmt(r.vN, 3)}` + (p.temperature > 0
          ? ` (z = ${fmt(z(e, r.vN), 1)}), its stationary ${fmt(r.vUla, 3)}, target Ts² = ${fmt(r.vTrue, 3)} (z = ${fmt(z(e, r.vTrue), 1)}).`
          : "."));
      if (r.method === "mala") s = `MALA, acceptance rate ${fmt(r.res.acceptanceRate, 3)}. ` + s;
      else if (p.method === "MALA") s = "MALA needs noise: at T = 0 this is ULA without noise (gradient descent), every chain contracts to 0. " + s;
      else if (p.temperature > 0) s = "ULA. " + s;
      return s;
    },
  });

  function mountAll() {
    document.querySelectorAll(".lgv-explorable").forEach((el) => mount(el));
  }

  window.LangevinExplorables = { register: register, mount: mount, mountAll: mountAll, kinds: KINDS,
                                 minima: MINIMA, settleTau: SETTLE_TAU };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
}());
