/** Pure helpers for the benchmark report: the scale plot. */

export interface ScaleSample {
  resources: number;
  upMs: number;
  previewMs: number;
}

/** A small SVG line chart of up and preview time against resource count. */
export function renderScaleSvg(points: ScaleSample[], latencyMs: number): string {
  const w = 640;
  const h = 400;
  const pad = { left: 70, right: 140, top: 40, bottom: 50 };
  const maxX = Math.max(...points.map((p) => p.resources));
  const maxY = Math.max(...points.flatMap((p) => [p.upMs, p.previewMs])) * 1.1;
  const x = (v: number): number => pad.left + (v / maxX) * (w - pad.left - pad.right);
  const y = (v: number): number => h - pad.bottom - (v / maxY) * (h - pad.top - pad.bottom);
  const series = (key: "upMs" | "previewMs", color: string, label: string, row: number): string => {
    const path = points.map((p, i) => `${i ? "L" : "M"}${x(p.resources).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
    const dots = points
      .map((p) => `<circle cx="${x(p.resources).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="4" fill="${color}"/>`)
      .join("");
    return (
      `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>${dots}` +
      `<rect x="${w - pad.right + 15}" y="${pad.top + row * 22}" width="14" height="4" fill="${color}"/>` +
      `<text x="${w - pad.right + 35}" y="${pad.top + row * 22 + 6}" font-size="13">${label}</text>`
    );
  };
  const ticks = points
    .map(
      (p) =>
        `<text x="${x(p.resources).toFixed(1)}" y="${h - pad.bottom + 18}" font-size="12" text-anchor="middle">${p.resources}</text>`,
    )
    .join("");
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = Math.round((maxY * f) / 100) * 100;
      return `<text x="${pad.left - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end">${(v / 1000).toFixed(1)}s</text>`;
    })
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">` +
    `<rect width="${w}" height="${h}" fill="white"/>` +
    `<text x="${pad.left}" y="22" font-size="15">pulumi up / preview time vs resources (${latencyMs} ms per AWS call)</text>` +
    `<line x1="${pad.left}" y1="${h - pad.bottom}" x2="${w - pad.right}" y2="${h - pad.bottom}" stroke="black"/>` +
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${h - pad.bottom}" stroke="black"/>` +
    ticks +
    yTicks +
    `<text x="${(pad.left + w - pad.right) / 2}" y="${h - 12}" font-size="13" text-anchor="middle">resources (one organization each)</text>` +
    series("upMs", "#d62728", "pulumi up", 0) +
    series("previewMs", "#1f77b4", "pulumi preview", 1) +
    `</svg>\n`
  );
}
