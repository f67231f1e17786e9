//! The locator map of an event: a small map framed on the event's places, built as a
//! [`Scene`] like the timeline, so every back end (window, SVG, PNG, PDF) draws it the
//! same way.
//!
//! Pure: places, a rectangle, a date and a style in, display-list items out. The
//! projection is equirectangular with its east–west scale set for the middle latitude
//! (so Korea and Europe keep their shapes), framed on the places with a minimum extent:
//! one place in Pyongyang shows the Korean peninsula, Moscow with Pyongyang shows
//! Eurasia. Countries come from [`crate::view::basemap`]. For Korea the map draws the
//! 38th parallel for events between the division (August 1945) and the war (25 June
//! 1950) and the 1953 Military
//! Demarcation Line for events from the armistice (27 July 1953) on; during the war
//! the front moved, and neither is drawn ([`division_note`] says so).

use std::borrow::Cow;

use egui::{Color32, Pos2, Rect, Stroke, pos2, vec2};

use crate::model::date::{DateSpan, Days, HistDate};
use crate::model::places::PlaceRecord;
use crate::view::basemap::{self, Country};
use crate::view::scene::{
    Group, Hit, Layer, Measure, Outline, Scene, Shape, Target, TextRole, TextRun,
};

/// The least a map spans north to south, in degrees: one place shows its region
/// (Pyongyang: the Korean peninsula from Jeju to the Tumen).
pub const MIN_LAT_SPAN: f64 = 11.0;
/// Room around the places, as a share of their spread on each side.
pub const PAD: f64 = 0.18;
/// The farthest north or south a map reaches (the projection stretches beyond).
const MAX_LAT: f64 = 84.0;

/// The time↔screen transform's sibling for maps: longitude/latitude ↔ screen, pure and
/// in `f64`, sanitised on construction (no NaN ever comes out of a finite input).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapProjection {
    /// Longitude at the centre of `rect`.
    pub centre_lon: f64,
    /// Latitude at the centre of `rect`.
    pub centre_lat: f64,
    /// Points per degree of latitude.
    pub scale: f64,
    /// Points per degree of longitude, relative to `scale` (cos of the framing latitude).
    pub x_factor: f64,
    /// The map's rectangle on screen.
    pub rect: Rect,
}

impl MapProjection {
    /// A projection centred on (`lat`, `lon`) at `scale` points per degree of latitude,
    /// the east–west scale taken at `lat`. Non-finite or degenerate values are replaced
    /// by safe ones (the centre of the map at 0°, 0°; one point per degree).
    pub fn new(lat: f64, lon: f64, scale: f64, rect: Rect) -> Self {
        let lat = if lat.is_finite() {
            lat.clamp(-MAX_LAT, MAX_LAT)
        } else {
            0.0
        };
        let lon = if lon.is_finite() {
            lon.clamp(-180.0, 180.0)
        } else {
            0.0
        };
        let scale = if scale.is_finite() && scale > 1e-6 {
            scale.min(1e6)
        } else {
            1.0
        };
        let rect = if rect.is_finite() && rect.width() > 0.0 && rect.height() > 0.0 {
            rect
        } else {
            Rect::from_min_size(Pos2::ZERO, vec2(1.0, 1.0))
        };
        Self {
            centre_lon: lon,
            centre_lat: lat,
            scale,
            x_factor: lat.to_radians().cos().max(0.1),
            rect,
        }
    }

    /// Frames `points` (latitude, longitude) in `rect`: all of them inside with room
    /// around, at least [`MIN_LAT_SPAN`] degrees tall, and as large as the rectangle allows.
    /// Non-finite points are left out; with none, the whole Korean peninsula is shown.
    pub fn framing(points: &[(f64, f64)], rect: Rect) -> Self {
        let finite: Vec<(f64, f64)> = points
            .iter()
            .copied()
            .filter(|(lat, lon)| lat.is_finite() && lon.is_finite())
            .map(|(lat, lon)| (lat.clamp(-MAX_LAT, MAX_LAT), lon.clamp(-180.0, 180.0)))
            .collect();
        let (south, north, west, east) = if finite.is_empty() {
            (38.0, 38.0, 127.5, 127.5)
        } else {
            finite.iter().fold(
                (
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                ),
                |(s, n, w, e), &(lat, lon)| (s.min(lat), n.max(lat), w.min(lon), e.max(lon)),
            )
        };
        let centre_lat = (south + north) / 2.0;
        let centre_lon = (west + east) / 2.0;
        let x_factor = centre_lat.to_radians().cos().max(0.1);
        let lat_span = ((north - south) * (1.0 + 2.0 * PAD)).max(MIN_LAT_SPAN);
        let lon_span = (east - west) * (1.0 + 2.0 * PAD);
        let width = f64::from(rect.width()).max(1.0);
        let height = f64::from(rect.height()).max(1.0);
        let scale = (height / lat_span).min(if lon_span > 0.0 {
            width / (lon_span * x_factor)
        } else {
            f64::INFINITY
        });
        Self::new(centre_lat, centre_lon, scale, rect)
    }

    /// Where (`lat`, `lon`) lies on screen.
    pub fn to_screen(&self, lat: f64, lon: f64) -> Pos2 {
        let centre = self.rect.center();
        let x = f64::from(centre.x) + (lon - self.centre_lon) * self.x_factor * self.scale;
        let y = f64::from(centre.y) - (lat - self.centre_lat) * self.scale;
        pos2(x as f32, y as f32)
    }

    /// The latitude and longitude at a point on screen.
    pub fn to_geo(&self, pos: Pos2) -> (f64, f64) {
        let centre = self.rect.center();
        let lon = self.centre_lon
            + (f64::from(pos.x) - f64::from(centre.x)) / (self.x_factor * self.scale);
        let lat = self.centre_lat - (f64::from(pos.y) - f64::from(centre.y)) / self.scale;
        (lat, lon)
    }

    /// The longitude/latitude box the map shows: (west, south, east, north).
    pub fn visible_bounds(&self) -> [f64; 4] {
        let (north, west) = self.to_geo(self.rect.left_top());
        let (south, east) = self.to_geo(self.rect.right_bottom());
        [west, south, east, north]
    }
}

/// The map's look: colours, line widths and type sizes, in one place for every back end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapStyle {
    /// The sea (the map's background).
    pub sea: Color32,
    /// Countries.
    pub land: Color32,
    /// Borders and coasts.
    pub border: Stroke,
    /// A place's dot.
    pub dot: Color32,
    /// The ring around a dot (and a highlighted place's wider ring).
    pub dot_ring: Stroke,
    /// The dot's radius.
    pub dot_radius: f32,
    /// Place names.
    pub label: Color32,
    /// The plate under a name, for contrast over land, sea and borders.
    pub plate: Color32,
    /// Place names' size in points.
    pub label_size: f32,
    /// The division lines of Korea.
    pub division: Stroke,
    /// Their dash and gap.
    pub division_dash: (f32, f32),
    /// The size of their names.
    pub note_size: f32,
}

impl MapStyle {
    /// Light theme: blue-grey sea, pale land, dark text on white plates (contrast far
    /// above 4.5:1).
    pub fn light(label_size: f32) -> Self {
        Self {
            sea: Color32::from_rgb(0xd6, 0xe4, 0xee),
            land: Color32::from_rgb(0xf4, 0xf1, 0xe8),
            border: Stroke::new(0.6, Color32::from_rgb(0x9a, 0x9a, 0x92)),
            dot: Color32::from_rgb(0xc0, 0x39, 0x2b),
            dot_ring: Stroke::new(1.5, Color32::WHITE),
            dot_radius: (label_size * 0.3).max(4.0),
            label: Color32::from_rgb(0x1a, 0x1a, 0x1a),
            plate: Color32::from_rgba_unmultiplied(255, 255, 255, 235),
            label_size,
            division: Stroke::new(1.6, Color32::from_rgb(0x7a, 0x1f, 0x1f)),
            division_dash: (5.0, 3.0),
            note_size: (label_size * 0.85).max(9.0),
        }
    }

    /// Dark theme: dark sea and land, light text on dark plates.
    pub fn dark(label_size: f32) -> Self {
        Self {
            sea: Color32::from_rgb(0x1c, 0x26, 0x30),
            land: Color32::from_rgb(0x3a, 0x3d, 0x40),
            border: Stroke::new(0.6, Color32::from_rgb(0x6e, 0x72, 0x76)),
            dot: Color32::from_rgb(0xff, 0x7a, 0x5c),
            dot_ring: Stroke::new(1.5, Color32::from_rgb(0x10, 0x10, 0x10)),
            dot_radius: (label_size * 0.3).max(4.0),
            label: Color32::from_rgb(0xf2, 0xf2, 0xf2),
            plate: Color32::from_rgba_unmultiplied(0x14, 0x14, 0x14, 230),
            label_size,
            division: Stroke::new(1.6, Color32::from_rgb(0xff, 0x9e, 0x80)),
            division_dash: (5.0, 3.0),
            note_size: (label_size * 0.85).max(9.0),
        }
    }
}

/// Which line divides Korea on the map of an event at `when`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Division {
    /// From the division in August 1945 to 25 June 1950: the 38th parallel.
    Parallel38,
    /// From 27 July 1953: the armistice line.
    Armistice1953,
    /// Before August 1945 (one country under Japanese rule), during the war, or an
    /// event that spans one of those dates: no line.
    None,
}

/// The day Japan surrendered: Korea was divided at the 38th parallel into Soviet and
/// American zones in the days after (General Order No. 1); before, it was one colony.
fn liberation() -> Days {
    HistDate::parse("1945-08-15").map_or(0.0, |d| d.interval().0)
}

/// The day the Korean War began.
fn war_start() -> Days {
    HistDate::parse("1950-06-25").map_or(0.0, |d| d.interval().0)
}

/// The day the armistice was signed.
fn armistice() -> Days {
    HistDate::parse("1953-07-27").map_or(0.0, |d| d.interval().0)
}

impl Division {
    /// The line for an event that happened at `when` (its whole uncertain interval must
    /// lie before the war, or from the armistice on).
    pub fn at(when: &DateSpan) -> Self {
        let (start, end) = when.interval();
        if start >= liberation() && end <= war_start() {
            Self::Parallel38
        } else if start >= armistice() {
            Self::Armistice1953
        } else {
            Self::None
        }
    }

    /// The line's name on the map.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Self::Parallel38 => Some("38th parallel"),
            Self::Armistice1953 => Some("Armistice line 1953"),
            Self::None => None,
        }
    }

    /// The line's points (latitude, longitude), west to east.
    pub fn points(self) -> &'static [(f64, f64)] {
        match self {
            Self::Parallel38 => PARALLEL_38,
            Self::Armistice1953 => ARMISTICE_LINE,
            Self::None => &[],
        }
    }
}

/// What the map says about the division when it draws no line (hover text).
pub fn division_note(when: &DateSpan) -> Option<&'static str> {
    if Division::at(when) != Division::None {
        return None;
    }
    let (start, _) = when.interval();
    Some(if start < liberation() {
        "Korea was not divided before August 1945, so no dividing line is drawn"
    } else {
        "Korea, June 1950 to July 1953: the front line moved during the war, so neither the \
         38th parallel nor the armistice line is drawn"
    })
}

/// The 38th parallel across the peninsula, from the west coast (the Ongjin peninsula)
/// to the east coast (north of Jumunjin).
const PARALLEL_38: &[(f64, f64)] = &[(38.0, 124.75), (38.0, 128.68)];

/// The Military Demarcation Line of the 1953 armistice, west to east, simplified to a
/// dozen points (about 5 km): from the Han estuary at the mouth of the Imjin, through
/// Panmunjom, north of Yeoncheon and Cheorwon, across the Iron Triangle and the Kumsong
/// salient, north of the Punchbowl, to the east coast north of Goseong (38.61°N).
const ARMISTICE_LINE: &[(f64, f64)] = &[
    (37.76, 126.67),
    (37.87, 126.68),
    (37.956, 126.677),
    (38.02, 126.84),
    (38.17, 127.02),
    (38.28, 127.20),
    (38.32, 127.42),
    (38.27, 127.62),
    (38.30, 127.86),
    (38.33, 128.08),
    (38.45, 128.24),
    (38.61, 128.36),
];

/// Everything a locator map is built from.
pub struct MapInput<'a> {
    /// The places to mark, with their index in the gazetteer, main place first.
    pub places: &'a [(usize, &'a PlaceRecord)],
    /// When the event happened (decides the division line), if known.
    pub when: Option<DateSpan>,
    /// The map's rectangle.
    pub rect: Rect,
    /// The look.
    pub style: &'a MapStyle,
    /// The highlighted place (gazetteer index), drawn with a wider ring.
    pub highlighted: Option<usize>,
    /// Text widths.
    pub measure: Measure<'a>,
}

/// Room kept between labels, dots and the map's edge, in points.
const LABEL_GAP: f32 = 2.0;

/// The projection a map of `places` in `rect` uses.
pub fn projection_for(places: &[(usize, &PlaceRecord)], rect: Rect) -> MapProjection {
    let points: Vec<(f64, f64)> = places.iter().map(|(_, p)| (p.lat, p.lon)).collect();
    MapProjection::framing(&points, rect)
}

/// Builds the map: sea, countries, the division line of its time, then each place's
/// dot and name, names placed beside their dots where they overlap nothing and stay
/// inside the map (a name with no such room is left out; its dot stays).
pub fn map_scene(input: &MapInput<'_>) -> Scene {
    let rect = input.rect;
    let style = input.style;
    let projection = projection_for(input.places, rect);
    let mut builder = MapBuilder {
        scene: Scene::default(),
        clip: rect,
    };
    builder.group(Target::Nothing, "map-sea", |shapes| {
        shapes.push(Shape::Rect {
            rect,
            radius: 0.0,
            fill: style.sea,
        });
    });
    let view = projection.visible_bounds();
    builder.group(Target::Nothing, "map-land", |shapes| {
        for country in basemap::countries() {
            country_shapes(shapes, country, &projection, view, style);
        }
    });

    // Everything placed so far that a label must not cover.
    let mut taken: Vec<Rect> = Vec::new();
    let dots: Vec<(usize, &PlaceRecord, Pos2)> = input
        .places
        .iter()
        .map(|&(index, place)| (index, place, projection.to_screen(place.lat, place.lon)))
        .collect();
    for &(_, _, at) in &dots {
        taken.push(Rect::from_center_size(
            at,
            vec2(style.dot_radius * 2.0, style.dot_radius * 2.0),
        ));
    }
    let inner = rect.shrink(LABEL_GAP);
    // Lines a place's name must not cover.
    let mut segments: Vec<(Pos2, Pos2)> = Vec::new();

    let division = input.when.as_ref().map_or(Division::None, Division::at);
    if let Some(name) = division.name() {
        let line: Vec<Pos2> = division
            .points()
            .iter()
            .map(|&(lat, lon)| projection.to_screen(lat, lon))
            .collect();
        let visible = line.iter().any(|p| rect.contains(*p));
        if visible {
            let width = (input.measure)(name, style.note_size);
            let size = vec2(width, style.note_size);
            let (first, last) = (line.first().copied(), line.last().copied());
            let mid = line.get(line.len() / 2).copied();
            let candidates: Vec<Rect> = [
                // West of the line, in the Yellow Sea; east of it, in the East Sea;
                // above or below either end or its middle; else a bottom corner.
                first.map(|p| {
                    Rect::from_min_size(pos2(p.x - 4.0 - width, p.y - size.y / 2.0), size)
                }),
                last.map(|p| Rect::from_min_size(pos2(p.x + 4.0, p.y - size.y / 2.0), size)),
                first.map(|p| Rect::from_min_size(pos2(p.x - width, p.y + 4.0), size)),
                last.map(|p| Rect::from_min_size(pos2(p.x - width, p.y + 4.0), size)),
                mid.map(|p| Rect::from_min_size(pos2(p.x - width / 2.0, p.y + 6.0), size)),
                first.map(|p| Rect::from_min_size(pos2(p.x, p.y - 4.0 - size.y), size)),
                last.map(|p| Rect::from_min_size(pos2(p.x - width, p.y - 4.0 - size.y), size)),
                Some(Rect::from_min_size(
                    pos2(inner.left() + 2.0, inner.bottom() - 2.0 - size.y),
                    size,
                )),
                Some(Rect::from_min_size(
                    pos2(inner.right() - 2.0 - width, inner.bottom() - 2.0 - size.y),
                    size,
                )),
            ]
            .into_iter()
            .flatten()
            .collect();
            segments.extend(line.windows(2).map(|pair| (pair[0], pair[1])));
            builder.group(Target::Nothing, "map-division", |shapes| {
                for pair in line.windows(2) {
                    shapes.push(Shape::Line {
                        from: pair[0],
                        to: pair[1],
                        stroke: style.division,
                        dash: Some(style.division_dash),
                    });
                }
                if let Some(spot) = free_spot(&candidates, inner, &taken, &[]) {
                    taken.push(spot);
                    shapes.push(Shape::Text(TextRun {
                        rect: spot,
                        text: name.to_owned(),
                        size: style.note_size,
                        bold: false,
                        colour: style.label,
                        plate: Some(style.plate),
                        role: TextRole::MapNote,
                    }));
                }
            });
        }
    }

    // Places: dots first (so no name hides another's dot), then names, main place first.
    let mut labels: Vec<Option<Rect>> = Vec::with_capacity(dots.len());
    for &(_, place, at) in &dots {
        let width = (input.measure)(&place.name, style.label_size);
        let size = vec2(width, style.label_size);
        // Far enough that a name's plate keeps [`LABEL_GAP`] from its own dot.
        let reach = style.dot_radius + LABEL_GAP + 4.0;
        let candidates = [
            Rect::from_min_size(pos2(at.x + reach, at.y - size.y / 2.0), size),
            Rect::from_min_size(pos2(at.x - reach - width, at.y - size.y / 2.0), size),
            Rect::from_min_size(pos2(at.x - width / 2.0, at.y - reach - size.y), size),
            Rect::from_min_size(pos2(at.x - width / 2.0, at.y + reach), size),
            Rect::from_min_size(
                pos2(at.x + reach * 0.75, at.y - reach * 0.75 - size.y),
                size,
            ),
            Rect::from_min_size(pos2(at.x + reach * 0.75, at.y + reach * 0.75), size),
            Rect::from_min_size(
                pos2(at.x - reach * 0.75 - width, at.y - reach * 0.75 - size.y),
                size,
            ),
            Rect::from_min_size(pos2(at.x - reach * 0.75 - width, at.y + reach * 0.75), size),
        ];
        // A name is nearer its own dot than any other, or it reads as the other's
        // ("Prague" beside East Berlin's dot); dots on top of each other are one spot.
        let own: Vec<Rect> = candidates
            .into_iter()
            .filter(|candidate| {
                let mine = candidate.distance_to_pos(at);
                dots.iter().all(|&(_, _, other)| {
                    other.distance(at) < style.dot_radius * 2.0
                        || candidate.distance_to_pos(other) > mine + 2.0
                })
            })
            .collect();
        let spot = free_spot(&own, inner, &taken, &segments);
        if let Some(spot) = spot {
            taken.push(spot);
        }
        labels.push(spot);
    }
    for (&(index, place, at), label) in dots.iter().zip(&labels) {
        let highlighted = input.highlighted == Some(index);
        let radius = if highlighted {
            style.dot_radius + 1.5
        } else {
            style.dot_radius
        };
        builder.group(Target::Place(index), "map-place", |shapes| {
            shapes.push(Shape::Circle {
                center: at,
                radius,
                fill: Some(style.dot),
                stroke: Some(if highlighted {
                    Stroke::new(style.dot_ring.width + 1.0, style.label)
                } else {
                    style.dot_ring
                }),
            });
            if let Some(spot) = label {
                shapes.push(Shape::Text(TextRun {
                    rect: *spot,
                    text: place.name.clone(),
                    size: style.label_size,
                    bold: highlighted,
                    colour: style.label,
                    plate: Some(style.plate),
                    role: TextRole::PlaceName(index),
                }));
            }
        });
        let dot = Rect::from_center_size(at, vec2(radius * 2.0 + 6.0, radius * 2.0 + 6.0));
        if rect.intersects(dot) {
            builder.scene.hits.push(Hit {
                rect: label.map_or(dot, |spot| dot.union(spot.expand(LABEL_GAP))),
                target: Target::Place(index),
                outline: Outline::Circle { center: at, radius },
                clickable: true,
                selected: highlighted,
            });
        }
    }
    builder.scene
}

/// The first candidate that lies inside `inside`, clear of everything `taken` (with
/// [`LABEL_GAP`] between) and crossed by none of `lines`.
fn free_spot(
    candidates: &[Rect],
    inside: Rect,
    taken: &[Rect],
    lines: &[(Pos2, Pos2)],
) -> Option<Rect> {
    candidates.iter().copied().find(|candidate| {
        let plate = candidate.expand2(vec2(2.0, 1.0));
        inside.contains_rect(plate)
            && taken
                .iter()
                .all(|other| !other.expand(LABEL_GAP).intersects(plate))
            && lines
                .iter()
                .all(|&(a, b)| !segment_meets_rect(a, b, plate.expand(1.0)))
    })
}

/// Whether the segment from `a` to `b` touches `rect` (Liang–Barsky clipping).
pub fn segment_meets_rect(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0 = 0.0f32;
    let mut t1 = 1.0f32;
    for (p, q) in [
        (-dx, a.x - rect.left()),
        (dx, rect.right() - a.x),
        (-dy, a.y - rect.top()),
        (dy, rect.bottom() - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// The polygons of `country` that reach into `view` (west, south, east, north), projected.
fn country_shapes(
    shapes: &mut Vec<Shape>,
    country: &'static Country,
    projection: &MapProjection,
    view: [f64; 4],
    style: &MapStyle,
) {
    for polygon in &country.polygons {
        let [west, south, east, north] = polygon.bounds.map(f64::from);
        if east < view[0] || west > view[2] || north < view[1] || south > view[3] {
            continue;
        }
        let points = polygon
            .points
            .iter()
            .map(|&[lon, lat]| projection.to_screen(f64::from(lat), f64::from(lon)))
            .collect();
        shapes.push(Shape::Polygon {
            points,
            ring_ends: polygon.ring_ends.clone(),
            triangles: Cow::Borrowed(&polygon.triangles),
            fill: style.land,
            stroke: style.border,
        });
    }
}

/// Builds the groups of one map.
struct MapBuilder {
    scene: Scene,
    clip: Rect,
}

impl MapBuilder {
    fn group(&mut self, target: Target, class: &'static str, fill: impl FnOnce(&mut Vec<Shape>)) {
        let start = self.scene.shapes.len();
        fill(&mut self.scene.shapes);
        let end = self.scene.shapes.len();
        if end > start {
            self.scene.groups.push(Group {
                layer: Layer::Map,
                target,
                clip: self.clip,
                shapes: start..end,
                class,
            });
        }
    }
}

/// The names of the countries a map shows (whose polygons it draws), for tests and
/// screen readers.
pub fn countries_shown(input: &MapInput<'_>) -> Vec<&'static str> {
    let projection = projection_for(input.places, input.rect);
    let view = projection.visible_bounds();
    basemap::countries()
        .iter()
        .filter(|country| {
            country.polygons.iter().any(|polygon| {
                let [west, south, east, north] = polygon.bounds.map(f64::from);
                !(east < view[0] || west > view[2] || north < view[1] || south > view[3])
            })
        })
        .map(|country| country.name.as_str())
        .collect()
}
