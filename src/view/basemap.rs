//! The base map: the world's countries from Natural Earth (public domain), as
//! `scripts/make-basemap.mjs` wrote them into `assets/map/countries.bin` (see
//! `assets/map/README.md` for the source and the command). Decoded once, on first use,
//! into polygons of longitude/latitude points, each already cut into triangles.
//!
//! The triangles stay valid on the map: the locator's projection is affine in
//! longitude and latitude, and an affine map keeps triangles from overlapping.

use std::sync::OnceLock;

/// The asset, embedded in the binary (and the web build).
const ASSET: &[u8] = include_bytes!("../../assets/map/countries.bin");

/// Units of the asset's coordinates per degree.
const UNITS: f32 = 200.0;

/// One polygon of a country: an outer ring and its holes, in degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct LandPolygon {
    /// Every point, ring after ring, as (longitude, latitude).
    pub points: Vec<[f32; 2]>,
    /// Where each ring ends in `points` (exclusive); the first ring is the outer one.
    pub ring_ends: Vec<u32>,
    /// Triangles, three indices into `points` each (empty if it could not be cut).
    pub triangles: Vec<u32>,
    /// Longitude and latitude bounds: (west, south, east, north).
    pub bounds: [f32; 4],
}

impl LandPolygon {
    /// Its rings, outer first.
    pub fn rings(&self) -> impl Iterator<Item = &[[f32; 2]]> {
        let mut start = 0usize;
        self.ring_ends.iter().filter_map(move |&end| {
            let ring = self.points.get(start..end as usize);
            start = end as usize;
            ring
        })
    }
}

/// A country: its name and polygons.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 numeric code (0 where Natural Earth gives none, e.g. Kosovo).
    pub code: u16,
    /// Natural Earth's short name, e.g. `"North Korea"`.
    pub name: String,
    /// Its polygons (mainland, islands).
    pub polygons: Vec<LandPolygon>,
}

/// The ISO codes of the two Koreas (the division lines are drawn over them).
pub const NORTH_KOREA: u16 = 408;
/// See [`NORTH_KOREA`].
pub const SOUTH_KOREA: u16 = 410;

/// The world's countries, decoded on first use (empty if the asset were damaged).
pub fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| decode(ASSET).unwrap_or_default())
}

/// A little-endian reader that answers `None` past the end instead of panicking.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(N)?)?;
        self.at += N;
        slice.try_into().ok()
    }
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }
    fn i16(&mut self) -> Option<i16> {
        self.take().map(i16::from_le_bytes)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Option<i32> {
        self.take().map(i32::from_le_bytes)
    }
}

/// Decodes the format `scripts/make-basemap.mjs` writes; `None` if it is damaged.
pub fn decode(bytes: &[u8]) -> Option<Vec<Country>> {
    let mut reader = Reader { bytes, at: 0 };
    if &reader.take::<8>()? != b"WPKMAP01" {
        return None;
    }
    let arc_count = reader.u32()? as usize;
    // Every arc takes at least 12 bytes: a damaged count cannot reserve gigabytes.
    let mut arcs: Vec<Vec<[i32; 2]>> = Vec::with_capacity(arc_count.min(bytes.len() / 12));
    for _ in 0..arc_count {
        let count = reader.u32()? as usize;
        let mut arc = Vec::with_capacity(count.min(bytes.len() / 4));
        let mut point = [reader.i32()?, reader.i32()?];
        arc.push(point);
        for _ in 1..count {
            point = [
                point[0].checked_add(i32::from(reader.i16()?))?,
                point[1].checked_add(i32::from(reader.i16()?))?,
            ];
            arc.push(point);
        }
        arcs.push(arc);
    }
    let country_count = reader.u16()?;
    let mut countries = Vec::with_capacity(usize::from(country_count));
    let mut earcut = earcut::Earcut::<f32>::new();
    for _ in 0..country_count {
        let code = reader.u16()?;
        let name_length = usize::from(reader.u8()?);
        let name_bytes = reader
            .bytes
            .get(reader.at..reader.at.checked_add(name_length)?)?;
        reader.at += name_length;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        let polygon_count = reader.u16()?;
        let mut polygons = Vec::with_capacity(usize::from(polygon_count));
        for _ in 0..polygon_count {
            let ring_count = reader.u16()?;
            let mut points: Vec<[f32; 2]> = Vec::new();
            let mut ring_ends = Vec::with_capacity(usize::from(ring_count));
            for _ in 0..ring_count {
                let arc_refs = reader.u16()?;
                let ring_start = points.len();
                for _ in 0..arc_refs {
                    let reference = reader.i32()?;
                    let (index, backwards) = if reference < 0 {
                        (!reference, true)
                    } else {
                        (reference, false)
                    };
                    let arc = arcs.get(usize::try_from(index).ok()?)?;
                    let degrees = |p: &[i32; 2]| [p[0] as f32 / UNITS, p[1] as f32 / UNITS];
                    // Consecutive arcs share their joining point: skip the repeat.
                    let skip = usize::from(points.len() > ring_start);
                    if backwards {
                        points.extend(arc.iter().rev().skip(skip).map(degrees));
                    } else {
                        points.extend(arc.iter().skip(skip).map(degrees));
                    }
                }
                // Longitudes unwrapped where arcs join across the antimeridian (the asset
                // unwraps within arcs), so no edge runs across the whole map.
                let mut previous: Option<f32> = None;
                for point in points.iter_mut().skip(ring_start) {
                    if let Some(last) = previous {
                        while point[0] - last > 180.0 {
                            point[0] -= 360.0;
                        }
                        while point[0] - last < -180.0 {
                            point[0] += 360.0;
                        }
                    }
                    previous = Some(point[0]);
                }
                // A ring ends where it began; the closing point is implied.
                if points.len() > ring_start + 1 && points.get(ring_start) == points.last() {
                    points.pop();
                }
                if points.len() - ring_start >= 3 {
                    ring_ends.push(u32::try_from(points.len()).ok()?);
                } else {
                    points.truncate(ring_start);
                }
            }
            if ring_ends.is_empty() {
                continue;
            }
            let holes: Vec<u32> = ring_ends
                .iter()
                .take(ring_ends.len().saturating_sub(1))
                .copied()
                .collect();
            let mut triangles = Vec::new();
            earcut.earcut(points.iter().copied(), &holes, &mut triangles);
            let bounds = points.iter().fold(
                [
                    f32::INFINITY,
                    f32::INFINITY,
                    f32::NEG_INFINITY,
                    f32::NEG_INFINITY,
                ],
                |b, p| {
                    [
                        b[0].min(p[0]),
                        b[1].min(p[1]),
                        b[2].max(p[0]),
                        b[3].max(p[1]),
                    ]
                },
            );
            polygons.push(LandPolygon {
                points,
                ring_ends,
                triangles,
                bounds,
            });
        }
        countries.push(Country {
            code,
            name,
            polygons,
        });
    }
    Some(countries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: u16) -> &'static Country {
        countries()
            .iter()
            .find(|c| c.code == code)
            .unwrap_or_else(|| panic!("country {code} is in the base map"))
    }

    /// Russia and Fiji cross the antimeridian; on a flat map an edge from 180 to -180
    /// is a line across the whole world (seen on every zoomed-out locator map). No
    /// edge may be that long, and Chukotka goes on east of 180 instead.
    #[test]
    fn no_edge_runs_across_the_map_at_the_antimeridian() {
        for c in countries() {
            for polygon in &c.polygons {
                for ring in polygon.rings() {
                    let edges = ring.iter().zip(ring.iter().cycle().skip(1));
                    for (a, b) in edges {
                        assert!(
                            (a[0] - b[0]).abs() < 90.0,
                            "{}: an edge from {a:?} to {b:?}",
                            c.name
                        );
                    }
                }
                assert!(
                    polygon.bounds[2] - polygon.bounds[0] < 200.0,
                    "{}: a polygon {:?} wide",
                    c.name,
                    polygon.bounds
                );
            }
        }
        let russia = countries()
            .iter()
            .find(|c| c.name == "Russia")
            .expect("Russia");
        assert!(
            russia.polygons.iter().any(|p| p.bounds[2] > 185.0),
            "Chukotka goes on past 180"
        );
    }

    #[test]
    fn the_asset_decodes_into_the_worlds_countries() {
        let all = countries();
        assert!(all.len() > 200, "{} countries", all.len());
        let north = country(NORTH_KOREA);
        assert_eq!(north.name, "North Korea");
        // Pyongyang lies inside North Korea's bounds, Seoul inside South Korea's.
        let inside = |c: &Country, lon: f32, lat: f32| {
            c.polygons.iter().any(|p| {
                p.bounds[0] <= lon && lon <= p.bounds[2] && p.bounds[1] <= lat && lat <= p.bounds[3]
            })
        };
        assert!(inside(north, 125.76, 39.04));
        assert!(inside(country(SOUTH_KOREA), 126.98, 37.57));
        assert!(!inside(north, 126.98, 35.0));
        for c in all {
            for polygon in &c.polygons {
                assert!(!polygon.ring_ends.is_empty());
                assert_eq!(polygon.triangles.len() % 3, 0, "{}", c.name);
                assert!(
                    polygon
                        .triangles
                        .iter()
                        .all(|&i| (i as usize) < polygon.points.len())
                );
            }
        }
        // The big countries were cut into triangles.
        assert!(!north.polygons[0].triangles.is_empty());
    }

    #[test]
    fn a_damaged_asset_is_refused_without_panicking() {
        assert_eq!(decode(b""), None);
        assert_eq!(decode(b"WPKMAP02"), None);
        for cut in [9, 20, 100, ASSET.len() / 2, ASSET.len() - 1] {
            assert_eq!(decode(&ASSET[..cut]), None, "cut at {cut}");
        }
        // A huge arc count with no arcs behind it.
        let mut bytes = b"WPKMAP01".to_vec();
        bytes.extend(u32::MAX.to_le_bytes());
        assert_eq!(decode(&bytes), None);
    }
}
