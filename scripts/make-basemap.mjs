#!/usr/bin/env node
// make-basemap.mjs: turns Natural Earth's countries (TopoJSON from the npm package
// `world-atlas`) into assets/map/countries.bin, the base map of the locator map
// (src/view/basemap.rs reads it). Plain Node, no dependencies.
//
//   cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   node scripts/make-basemap.mjs /tmp/package/countries-50m.json assets/map/countries.bin
//
// What it does: decodes the quantised, delta-coded arcs with the file's transform;
// simplifies every arc with Douglas–Peucker (ends kept, so neighbours still share their
// border exactly), finely over East Asia, where the maps of this timeline look closest,
// and coarsely elsewhere; leaves out Antarctica (no event is there, and it would cost
// the most points); and writes the arcs once and the countries as lists of arc
// references, as TopoJSON does.
//
// Format, little-endian: b"WPKMAP01"; u32 arc count; per arc: u32 point count, the
// first point as two i32 (longitude, latitude in 1/200 degree), then each further
// point as two i16 deltas; u16 country count; per country: u16 numeric ISO code (0 when
// it has none), u8 name length and the UTF-8 name, u16 polygon count; per polygon: u16
// ring count (the outer ring first, then holes); per ring: u16 arc count and that many
// i32 arc references (`~i`, i.e. -1 - i, for arc i walked backwards).

import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/make-basemap.mjs countries-50m.json countries.bin");
  process.exit(2);
}

const UNITS = 200; // per degree
const FINE = { lon: [95, 150], lat: [18, 56] }; // East Asia: Korea, Manchuria, China, Japan
const FINE_TOLERANCE = 0.02; // degrees
const COARSE_TOLERANCE = 0.12; // degrees
const LEFT_OUT = new Set(["010"]); // Antarctica

const topology = JSON.parse(readFileSync(input, "utf8"));
const [sx, sy] = topology.transform.scale;
const [tx, ty] = topology.transform.translate;

// Decode the arcs to degrees. An arc that crosses the antimeridian (Russia's Chukotka,
// Fiji) jumps from 180 to -180 in the spherical data; on a flat map that is a line
// across the world, so the longitudes are unwrapped: after such a jump the arc goes on
// past 180 (or -180) instead (src/view/basemap.rs does the same where arcs join).
const arcs = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  let offset = 0;
  let last = null;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    const lon = x * sx + tx;
    if (last !== null) {
      if (lon + offset - last > 180) offset -= 360;
      else if (lon + offset - last < -180) offset += 360;
    }
    last = lon + offset;
    return [last, y * sy + ty];
  });
});

function distanceToSegment(p, a, b) {
  const [px, py] = p;
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  let t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let worst = 0;
    let at = -1;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i], points[first], points[last]);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([first, at], [at, last]);
    }
  }
  // A closed arc (a whole island) keeps at least a triangle.
  const kept = points.filter((_, i) => keep[i]);
  if (kept.length < 4 && points.length >= 4 && samePoint(points[0], points[points.length - 1])) {
    const third = Math.floor(points.length / 3);
    return [points[0], points[third], points[2 * third], points[points.length - 1]];
  }
  return kept;
}

function samePoint(a, b) {
  return a[0] === b[0] && a[1] === b[1];
}

function inFine(points) {
  return points.some(
    ([lon, lat]) => lon >= FINE.lon[0] && lon <= FINE.lon[1] && lat >= FINE.lat[0] && lat <= FINE.lat[1],
  );
}

// Which arcs the kept countries use.
const countries = topology.objects.countries.geometries.filter(
  (g) => !LEFT_OUT.has(g.id) && (g.type === "Polygon" || g.type === "MultiPolygon"),
);
const used = new Set();
const polygonsOf = (g) => (g.type === "Polygon" ? [g.arcs] : g.arcs);
for (const g of countries) {
  for (const polygon of polygonsOf(g)) {
    for (const ring of polygon) {
      for (const ref of ring) used.add(ref < 0 ? ~ref : ref);
    }
  }
}

// Simplify, quantise and renumber the used arcs.
const renumber = new Map();
const outArcs = [];
for (const index of [...used].sort((a, b) => a - b)) {
  const arc = arcs[index];
  const tolerance = inFine(arc) ? FINE_TOLERANCE : COARSE_TOLERANCE;
  const quantised = [];
  for (const [lon, lat] of simplify(arc, tolerance)) {
    const q = [Math.round(lon * UNITS), Math.round(lat * UNITS)];
    const last = quantised[quantised.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    // Deltas must fit an i16: split long segments.
    if (last) {
      const steps = Math.ceil(Math.max(Math.abs(q[0] - last[0]), Math.abs(q[1] - last[1])) / 32000);
      for (let s = 1; s < steps; s++) {
        quantised.push([
          Math.round(last[0] + ((q[0] - last[0]) * s) / steps),
          Math.round(last[1] + ((q[1] - last[1]) * s) / steps),
        ]);
      }
    }
    quantised.push(q);
  }
  if (quantised.length === 1) quantised.push(quantised[0]);
  renumber.set(index, outArcs.length);
  outArcs.push(quantised);
}

const chunks = [];
const u8 = (v) => chunks.push(Buffer.from([v]));
const u16 = (v) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  chunks.push(b);
};
const i16 = (v) => {
  const b = Buffer.alloc(2);
  b.writeInt16LE(v);
  chunks.push(b);
};
const u32 = (v) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  chunks.push(b);
};
const i32 = (v) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(v);
  chunks.push(b);
};

chunks.push(Buffer.from("WPKMAP01", "ascii"));
u32(outArcs.length);
let points = 0;
for (const arc of outArcs) {
  u32(arc.length);
  points += arc.length;
  i32(arc[0][0]);
  i32(arc[0][1]);
  for (let i = 1; i < arc.length; i++) {
    i16(arc[i][0] - arc[i - 1][0]);
    i16(arc[i][1] - arc[i - 1][1]);
  }
}
u16(countries.length);
for (const g of countries) {
  u16(Number.parseInt(g.id ?? "0", 10) || 0);
  const name = Buffer.from(g.properties?.name ?? "", "utf8").subarray(0, 255);
  u8(name.length);
  chunks.push(name);
  const polygons = polygonsOf(g);
  u16(polygons.length);
  for (const polygon of polygons) {
    u16(polygon.length);
    for (const ring of polygon) {
      u16(ring.length);
      for (const ref of ring) {
        const arc = renumber.get(ref < 0 ? ~ref : ref);
        i32(ref < 0 ? ~arc : arc);
      }
    }
  }
}
const bytes = Buffer.concat(chunks);
writeFileSync(output, bytes);
console.log(
  `${output}: ${countries.length} countries, ${outArcs.length} arcs, ${points} points, ${bytes.length} bytes`,
);
