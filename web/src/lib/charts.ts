/**
 * Small hand-drawn SVG charts for the dashboard: horizontal bars (stacked or grouped, one
 * row per agency or procedure, the label above its bar so long Vietnamese names fit a
 * phone) and a day-by-day column chart. No library: a chart library would weigh more
 * than the whole page.
 *
 * Each chart is `role="img"` named by its <title> and described by its <desc>; its numbers
 * are also in a real table beside it, which is what a screen reader should read. Colours
 * are dark on white (well above 3:1 for graphics) and the second series is hatched as well
 * as coloured, so it stays apart in grey print and for colour-blind readers. Drawn at the
 * width it is shown at (text at 14 px, not scaled down on a phone); only presentation
 * attributes, no style attributes (the site's Content-Security-Policy forbids them).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 14;
/** Rough width of a character at 14 px in a system sans-serif, to cut long labels. */
const CHAR = 7.4;
const INK = '#1a1a1a';
const GRID = '#8a93a3';

export interface Series {
  label: string;
  /** Index into the palette: 0 solid blue, 1 hatched brown, 2 solid green. */
  tone: 0 | 1 | 2;
}

export interface BarRow {
  label: string;
  values: number[];
}

export interface ChartText {
  /** Unique on the page: the ids of <title>, <desc> and the hatch pattern derive from it. */
  id: string;
  title: string;
  desc: string;
}

type Attrs = Record<string, string | number>;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function fillOf(tone: number, id: string): string {
  if (tone === 1) return `url(#${id}-hatch)`;
  return tone === 2 ? '#12612c' : '#0b3d7a';
}

const STROKE = ['#0b3d7a', '#7a4100', '#12612c'];

/** The <svg> with its accessible name and description, and the hatch pattern. */
function frame(text: ChartText, width: number, height: number): SVGSVGElement {
  const svg = svgEl('svg', {
    xmlns: SVG_NS,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-labelledby': `${text.id}-title ${text.id}-desc`,
    class: 'chart',
    'font-size': FONT,
    'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  });
  svg.append(
    svgEl('title', { id: `${text.id}-title` }, text.title),
    svgEl('desc', { id: `${text.id}-desc` }, text.desc),
    svgEl(
      'defs',
      {},
      svgEl(
        'pattern',
        { id: `${text.id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        svgEl('rect', { width: 6, height: 6, fill: '#fff3dc' }),
        svgEl('rect', { width: 3, height: 6, fill: '#7a4100' }),
      ),
    ),
  );
  return svg;
}

/** Cuts a label to what fits in `room` pixels (the full text is in the table, and in a tooltip). */
export function fitLabel(label: string, room: number): string {
  const max = Math.max(4, Math.floor(room / CHAR));
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

function legend(series: readonly Series[], id: string, width: number): { node: SVGGElement; height: number } {
  const g = svgEl('g', { 'aria-hidden': 'true' });
  let x = 0;
  let y = 0;
  for (const s of series) {
    const w = 22 + Math.min(s.label.length * CHAR, width - 30) + 16;
    if (x > 0 && x + w > width) {
      x = 0;
      y += 22;
    }
    g.append(
      svgEl('rect', { x: x + 0.5, y: y + 3.5, width: 15, height: 13, fill: fillOf(s.tone, id), stroke: STROKE[s.tone] ?? INK }),
      svgEl('text', { x: x + 22, y: y + 15, fill: INK }, fitLabel(s.label, width - 30)),
    );
    x += w;
  }
  return { node: g, height: y + 28 };
}

export interface HBarOptions extends ChartText {
  series: readonly Series[];
  rows: readonly BarRow[];
  /** Stacked: one bar per row, its parts side by side; grouped: one thin bar per series. */
  stacked: boolean;
  /** The number written at the end of each bar (stacked: the row's total). */
  format: (n: number) => string;
  width: number;
}

/** Horizontal bars, each row's label above its bar and the value after it. */
export function hBarChart(o: HBarOptions): SVGSVGElement {
  const width = Math.max(260, Math.round(o.width));
  const valueRoom = Math.min(130, Math.round(width * 0.36));
  const barRoom = width - valueRoom - 8;
  const barH = o.stacked ? 20 : 14;
  const bars = o.stacked ? 1 : o.series.length;
  const rowH = 20 + bars * (barH + 3) + 10;
  const top = o.series.length > 1 ? legend(o.series, o.id, width) : null;
  const offset = top ? top.height + 4 : 4;
  const height = offset + o.rows.length * rowH + 2;
  const svg = frame(o, width, height);
  if (top) svg.append(top.node);
  // A value that is NaN is missing data: no bar, and `format` says so ("—", never "0 phút").
  const known = (n: number) => (Number.isFinite(n) ? n : 0);
  const max = Math.max(1, ...o.rows.map((r) => (o.stacked ? r.values.reduce((a, b) => a + known(b), 0) : Math.max(0, ...r.values.map(known)))));
  const scale = (n: number) => (Math.max(0, known(n)) / max) * barRoom;
  const plot = svgEl('g', { 'aria-hidden': 'true' });
  o.rows.forEach((r, i) => {
    const y = offset + i * rowH;
    const label = svgEl('text', { x: 0, y: y + 15, fill: INK }, fitLabel(r.label, width));
    plot.append(label);
    plot.append(svgEl('line', { x1: 0.5, x2: 0.5, y1: y + 20, y2: y + 20 + bars * (barH + 3), stroke: GRID }));
    if (o.stacked) {
      let x = 1;
      r.values.forEach((v, k) => {
        const w = scale(v);
        if (w <= 0) return;
        const tone = o.series[k]?.tone ?? 0;
        plot.append(svgEl('rect', { x, y: y + 21, width: Math.max(w, 1.5), height: barH, fill: fillOf(tone, o.id), stroke: STROKE[tone] ?? INK, 'stroke-width': 1 }));
        x += w;
      });
      const total = r.values.reduce((a, b) => a + b, 0);
      plot.append(svgEl('text', { x: x + 6, y: y + 21 + barH - 5, fill: INK }, o.format(total)));
    } else {
      r.values.forEach((v, k) => {
        const w = scale(v);
        const tone = o.series[k]?.tone ?? 0;
        const by = y + 21 + k * (barH + 3);
        if (w > 0) plot.append(svgEl('rect', { x: 1, y: by, width: Math.max(w, 1.5), height: barH, fill: fillOf(tone, o.id), stroke: STROKE[tone] ?? INK }));
        plot.append(svgEl('text', { x: 1 + w + 6, y: by + barH - 2, fill: INK, 'font-size': FONT - 1 }, o.format(v)));
      });
    }
  });
  svg.append(plot);
  return svg;
}

export interface ColumnOptions extends ChartText {
  series: readonly Series[];
  /** One column per point, its parts stacked. */
  points: readonly { label: string; values: number[] }[];
  /** Axis and maximum labels. */
  format: (n: number) => string;
  /** A short label for the x axis under a column (e.g. the day of the month). */
  tick: (label: string, index: number) => string;
  width: number;
}

/** Stacked columns over time (the day-by-day series), with a zero line and the maximum marked. */
export function columnChart(o: ColumnOptions): SVGSVGElement {
  const width = Math.max(260, Math.round(o.width));
  const top = legend(o.series, o.id, width);
  const plotTop = top.height + 22;
  const plotH = 150;
  const height = plotTop + plotH + 26;
  const svg = frame(o, width, height);
  svg.append(top.node);
  const left = 4;
  const plotW = width - left - 4;
  const n = Math.max(1, o.points.length);
  const step = plotW / n;
  const colW = Math.max(1, Math.min(28, step * 0.75));
  const max = Math.max(1, ...o.points.map((p) => p.values.reduce((a, b) => a + b, 0)));
  const y0 = plotTop + plotH;
  const g = svgEl('g', { 'aria-hidden': 'true' });
  // The maximum, as a dashed line with its value, and the zero line.
  g.append(
    svgEl('line', { x1: left, x2: width - 4, y1: plotTop + 0.5, y2: plotTop + 0.5, stroke: GRID, 'stroke-dasharray': '4 4' }),
    svgEl('text', { x: left, y: plotTop - 6, fill: INK }, o.format(max)),
  );
  o.points.forEach((p, i) => {
    let y = y0;
    const x = left + i * step + (step - colW) / 2;
    p.values.forEach((v, k) => {
      const h = (Math.max(0, v) / max) * plotH;
      if (h <= 0) return;
      const tone = o.series[k]?.tone ?? 0;
      y -= h;
      g.append(svgEl('rect', { x, y, width: colW, height: Math.max(h, 1), fill: fillOf(tone, o.id), stroke: colW >= 4 ? (STROKE[tone] ?? INK) : 'none' }));
    });
  });
  g.append(svgEl('line', { x1: left, x2: width - 4, y1: y0 + 0.5, y2: y0 + 0.5, stroke: INK }));
  // Ticks: as many as fit without touching (about one per 36 px).
  const every = Math.max(1, Math.ceil(36 / step));
  o.points.forEach((p, i) => {
    if (i % every !== 0) return;
    const cx = left + i * step + step / 2;
    g.append(svgEl('text', { x: cx, y: y0 + 18, fill: INK, 'text-anchor': 'middle', 'font-size': FONT - 1 }, o.tick(p.label, i)));
  });
  svg.append(g);
  return svg;
}
