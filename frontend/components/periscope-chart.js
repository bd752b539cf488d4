// Time-series chart on uPlot: line, area or stacked; legend with series toggle; hover tooltip; drag to zoom (sent to
// the server as 'range-select'); a click on a point sends 'point-click' with the time and the nearest series.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const PALETTE = ['#1565c0', '#e65100', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#f9a825', '#4e342e',
  '#ad1457', '#283593', '#558b2f', '#37474f'];

function scaled(v, steps, base) {
  let i = 0;
  let x = Math.abs(v);
  while (x >= base && i < steps.length - 1) {
    x /= base;
    i++;
  }
  return `${(Math.sign(v) * x).toFixed(x < 10 && i > 0 ? 2 : x < 10 ? 3 : 1).replace(/\.?0+$/, '')} ${steps[i]}`.trim();
}

export function formatValue(v, unit) {
  if (v == null || Number.isNaN(v)) {
    return '–';
  }
  switch (unit) {
    case 'bytes':
      return scaled(v, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], 1024);
    case 'seconds':
      if (Math.abs(v) < 1e-3) return `${(v * 1e6).toFixed(0)} µs`;
      if (Math.abs(v) < 1) return `${(v * 1e3).toFixed(1).replace(/\.0$/, '')} ms`;
      if (Math.abs(v) < 120) return `${v.toFixed(2).replace(/\.?0+$/, '')} s`;
      if (Math.abs(v) < 7200) return `${(v / 60).toFixed(1)} min`;
      return `${(v / 3600).toFixed(1)} h`;
    case 'percent':
      return `${(v * 100).toFixed(Math.abs(v) < 0.1 ? 2 : 1)} %`;
    case 'ops':
      return `${scaled(v, ['', 'k', 'M', 'G'], 1000)} ops/s`.replace('  ', ' ');
    default:
      return scaled(v, ['', 'k', 'M', 'G', 'T'], 1000);
  }
}

class PeriscopeChart extends HTMLElement {
  set config(json) {
    this._config = json ? JSON.parse(json) : null;
    this.render();
  }

  connectedCallback() {
    this.style.display = 'block';
    this.resizeObserver = new ResizeObserver(() => {
      if (this.plot && this.clientWidth > 0) {
        this.plot.setSize({ width: this.clientWidth, height: this.height() });
      }
    });
    this.resizeObserver.observe(this);
    this.render();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
  }

  height() {
    return Number(this.getAttribute('chart-height')) || 300;
  }

  render() {
    if (!this.isConnected || !this._config) {
      return;
    }
    this.plot?.destroy();
    this.innerHTML = '';
    const c = this._config;
    const stacked = c.kind === 'stacked';
    const fillAll = c.kind === 'area' || stacked;
    const ys = c.ys.map((y) => y.map((v) => (v == null ? null : v)));
    const shown = ys.map((y) => (stacked ? y.slice() : y));
    if (stacked) {
      for (let s = 1; s < shown.length; s++) {
        for (let i = 0; i < shown[s].length; i++) {
          shown[s][i] = (shown[s][i] ?? 0) + (shown[s - 1][i] ?? 0);
        }
      }
    }
    const unit = c.unit || '';
    const series = [{ value: (u, t) => (t == null ? '–' : new Date(t * 1000).toLocaleString()) }];
    c.series.forEach((label, i) => {
      const color = PALETTE[i % PALETTE.length];
      series.push({
        label,
        stroke: color,
        width: 1.5,
        fill: fillAll ? `${color}33` : undefined,
        value: (u, v, si, idx) => formatValue(idx == null ? v : ys[i][idx], unit),
        points: { show: false },
      });
    });
    const bands = stacked ? c.series.slice(1).map((_, i) => ({ series: [i + 2, i + 1] })) : undefined;
    if (bands) {
      series.forEach((s, i) => { if (i > 1) s.fill = `${PALETTE[(i - 1) % PALETTE.length]}33`; });
    }
    const tooltip = document.createElement('div');
    tooltip.className = 'chart-tooltip';
    const opts = {
      width: this.clientWidth || 800,
      height: this.height(),
      series,
      bands,
      cursor: { drag: { x: true, y: false }, focus: { prox: 24 } },
      focus: { alpha: 0.4 },
      legend: { live: true },
      axes: [{}, { values: (u, vals) => vals.map((v) => formatValue(v, unit)), size: 80 }],
      hooks: {
        setCursor: [(u) => this.tooltip(u, tooltip, ys, unit)],
        setSelect: [(u) => {
          if (u.select.width > 4) {
            const from = u.posToVal(u.select.left, 'x');
            const to = u.posToVal(u.select.left + u.select.width, 'x');
            this.dispatchEvent(new CustomEvent('range-select', { detail: { from, to } }));
          }
        }],
        ready: [(u) => {
          u.over.appendChild(tooltip);
          u.over.addEventListener('click', () => {
            const idx = u.cursor.idx;
            if (idx != null && u.select.width <= 4) {
              this.dispatchEvent(new CustomEvent('point-click', {
                detail: { time: u.data[0][idx], series: this.nearest(u, idx) },
              }));
            }
          });
        }],
      },
    };
    this.plot = new uPlot(opts, [c.x, ...shown], this);
  }

  /** The visible series drawn closest to the pointer at this time, or -1 when none has a value there. */
  nearest(u, idx) {
    let best = -1;
    let distance = Infinity;
    for (let s = 1; s < u.series.length; s++) {
      const v = u.data[s][idx];
      if (u.series[s].show && v != null) {
        const d = Math.abs(u.valToPos(v, 'y') - u.cursor.top);
        if (d < distance) {
          distance = d;
          best = s - 1;
        }
      }
    }
    return best;
  }

  tooltip(u, el, ys, unit) {
    const idx = u.cursor.idx;
    if (idx == null || u.cursor.left < 0) {
      el.style.display = 'none';
      return;
    }
    const rows = [];
    ys.forEach((y, i) => {
      if (u.series[i + 1].show && y[idx] != null) {
        rows.push([u.series[i + 1].label, y[idx], i]);
      }
    });
    rows.sort((a, b) => b[1] - a[1]);
    el.replaceChildren();
    const head = document.createElement('div');
    head.className = 'chart-tooltip-time';
    head.textContent = new Date(u.data[0][idx] * 1000).toLocaleString();
    el.appendChild(head);
    rows.slice(0, 8).forEach(([label, v, i]) => {
      const row = document.createElement('div');
      row.style.color = PALETTE[i % PALETTE.length];
      row.textContent = `${formatValue(v, unit)}  ${label}`;
      el.appendChild(row);
    });
    if (rows.length > 8) {
      const more = document.createElement('div');
      more.textContent = `… ${rows.length - 8} more`;
      el.appendChild(more);
    }
    el.style.display = 'block';
    const left = u.cursor.left + 12;
    el.style.left = `${Math.min(left, u.over.clientWidth - el.offsetWidth)}px`;
    el.style.top = `${Math.max(0, u.cursor.top - el.offsetHeight - 8)}px`;
  }
}

customElements.define('periscope-chart', PeriscopeChart);
