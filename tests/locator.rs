//! The locator map as a scene: framing, countries, dots and names, the lines that
//! divided Korea at the event's date, and a projection that round-trips.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui::{Rect, pos2, vec2};
use proptest::prelude::*;
use wpk_timeline::model::date::{DateSpan, HistDate};
use wpk_timeline::model::load::load_embedded;
use wpk_timeline::model::places::PlaceRecord;
use wpk_timeline::render::text::measure;
use wpk_timeline::view::locator::{
    Division, MapInput, MapProjection, MapStyle, countries_shown, map_scene,
};
use wpk_timeline::view::scene::{Scene, Shape, Target, TextRole};

fn place(id: &str, name: &str, lat: f64, lon: f64) -> PlaceRecord {
    PlaceRecord {
        id: id.to_owned(),
        name: name.to_owned(),
        native: None,
        lat,
        lon,
    }
}

fn pyongyang() -> PlaceRecord {
    place("pyongyang", "Pyongyang", 39.0392, 125.7625)
}

fn on(date: &str) -> DateSpan {
    DateSpan::at(HistDate::parse(date).unwrap())
}

const RECT: Rect = Rect {
    min: egui::Pos2 { x: 10.0, y: 20.0 },
    max: egui::Pos2 { x: 330.0, y: 160.0 },
};

fn scene_of(places: &[PlaceRecord], when: Option<DateSpan>, rect: Rect) -> Scene {
    let indexed: Vec<(usize, &PlaceRecord)> = places.iter().enumerate().collect();
    let style = MapStyle::light(12.0);
    let measure = |text: &str, size: f32| measure(text, size);
    map_scene(&MapInput {
        places: &indexed,
        when,
        rect,
        style: &style,
        highlighted: None,
        measure: &measure,
    })
}

fn shown(places: &[PlaceRecord], rect: Rect) -> Vec<&'static str> {
    let indexed: Vec<(usize, &PlaceRecord)> = places.iter().enumerate().collect();
    let style = MapStyle::light(12.0);
    let measure = |text: &str, size: f32| measure(text, size);
    countries_shown(&MapInput {
        places: &indexed,
        when: None,
        rect,
        style: &style,
        highlighted: None,
        measure: &measure,
    })
}

fn place_names(scene: &Scene) -> Vec<(usize, Rect, String)> {
    scene
        .texts()
        .filter_map(|(_, run)| match run.role {
            TextRole::PlaceName(index) => Some((index, run.rect, run.text.clone())),
            _ => None,
        })
        .collect()
}

fn notes(scene: &Scene) -> Vec<String> {
    scene
        .texts()
        .filter(|(_, run)| run.role == TextRole::MapNote)
        .map(|(_, run)| run.text.clone())
        .collect()
}

#[test]
fn a_map_of_pyongyang_shows_korea_a_dot_and_the_name_inside_the_map() {
    let scene = scene_of(&[pyongyang()], Some(on("1956-08-30")), RECT);
    // Korea's polygons are drawn, and they reach into the map.
    let countries = shown(&[pyongyang()], RECT);
    assert!(countries.contains(&"North Korea"), "{countries:?}");
    assert!(countries.contains(&"South Korea"), "{countries:?}");
    assert!(countries.contains(&"China"), "{countries:?}");
    assert!(!countries.contains(&"France"), "{countries:?}");
    let polygons = scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Polygon { points, .. } if points.iter().any(|p| RECT.contains(*p))))
        .count();
    assert!(polygons >= 2, "{polygons} polygons reach into the map");
    // The dot lies where Pyongyang is, inside the map.
    let dot = scene
        .groups
        .iter()
        .find(|g| g.target == Target::Place(0))
        .and_then(|g| {
            scene.shapes_of(g).iter().find_map(|s| match s {
                Shape::Circle { center, .. } => Some(*center),
                _ => None,
            })
        })
        .expect("a dot for Pyongyang");
    assert!(RECT.contains(dot));
    // The name is beside it and wholly inside the map.
    let names = place_names(&scene);
    assert_eq!(names.len(), 1);
    let (_, rect, text) = &names[0];
    assert_eq!(text, "Pyongyang");
    assert!(RECT.contains_rect(*rect), "{rect:?}");
    assert!(rect.distance_to_pos(dot) < 12.0);
    // And it can be clicked.
    assert_eq!(
        scene.hit_at(dot).map(|h| &h.target),
        Some(&Target::Place(0))
    );
}

#[test]
fn the_map_is_framed_on_the_places_with_a_minimum_extent() {
    // One place: the peninsula from Jeju to the Tumen is in view, Japan's Kyushu barely.
    let one = MapProjection::framing(&[(39.0392, 125.7625)], RECT);
    let [west, south, east, north] = one.visible_bounds();
    assert!(south < 34.0 && north > 43.0, "{south}..{north}");
    assert!(west < 124.0 && east > 130.0, "{west}..{east}");
    assert!(
        east - west < 60.0,
        "not the whole continent: {west}..{east}"
    );
    // Moscow and Pyongyang: Eurasia between them.
    let both = MapProjection::framing(&[(55.7558, 37.6173), (39.0392, 125.7625)], RECT);
    let [west, south, east, north] = both.visible_bounds();
    assert!(west < 37.0 && east > 126.0, "{west}..{east}");
    assert!(south < 39.0 && north > 56.0, "{south}..{north}");
    for (lat, lon) in [(55.7558, 37.6173), (39.0392, 125.7625)] {
        assert!(RECT.contains(both.to_screen(lat, lon)));
    }
    let countries = shown(&[place("m", "Moscow", 55.7558, 37.6173), pyongyang()], RECT);
    assert!(countries.contains(&"Russia") && countries.contains(&"Mongolia"));
}

#[test]
fn the_lines_that_divided_korea_follow_the_events_date() {
    let cases = [
        ("1926-10-17", None, Division::None),
        ("1945-08", None, Division::None),
        ("1945-09-08", Some("38th parallel"), Division::Parallel38),
        ("1948-09-09", Some("38th parallel"), Division::Parallel38),
        ("1950-06-24", Some("38th parallel"), Division::Parallel38),
        ("1950-06", None, Division::None),
        ("1951-03-14", None, Division::None),
        (
            "1953-07-27",
            Some("Armistice line 1953"),
            Division::Armistice1953,
        ),
        (
            "1956-08-30",
            Some("Armistice line 1953"),
            Division::Armistice1953,
        ),
    ];
    for (date, name, division) in cases {
        let when = on(date);
        assert_eq!(Division::at(&when), division, "{date}");
        let scene = scene_of(&[pyongyang()], Some(when), RECT);
        assert_eq!(
            notes(&scene),
            name.map(str::to_owned).into_iter().collect::<Vec<_>>(),
            "{date}"
        );
        let dashed = scene
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Line { dash: Some(_), .. }))
            .count();
        assert_eq!(
            dashed > 0,
            name.is_some(),
            "{date}: {dashed} dashed segments"
        );
    }
    // The 38th parallel runs along 38°N; the armistice line ends on the east coast near 38.6°N.
    assert!(
        Division::Parallel38
            .points()
            .iter()
            .all(|&(lat, _)| lat == 38.0)
    );
    let (lat, lon) = *Division::Armistice1953.points().last().unwrap();
    assert!((38.5..38.7).contains(&lat) && lon > 128.0);
    // A map of Moscow alone does not reach Korea and draws no line.
    let scene = scene_of(
        &[place("m", "Moscow", 55.7558, 37.6173)],
        Some(on("1956")),
        RECT,
    );
    assert!(notes(&scene).is_empty());
}

#[test]
fn no_two_names_overlap_and_none_is_cut_for_the_datasets_events() {
    let timeline = load_embedded().unwrap();
    let mut maps = 0;
    for rect in [
        RECT,
        Rect::from_min_size(pos2(0.0, 0.0), vec2(600.0, 380.0)),
        // The detail panel's map at 1280x720.
        Rect::from_min_size(pos2(0.0, 0.0), vec2(330.0, 150.0)),
    ] {
        for event in &timeline.events {
            let places: Vec<PlaceRecord> = timeline
                .places
                .of_event(&event.record.places)
                .cloned()
                .collect();
            if places.is_empty() {
                continue;
            }
            maps += 1;
            let scene = scene_of(&places, Some(event.when), rect);
            let mut boxes: Vec<Rect> = place_names(&scene).iter().map(|(_, r, _)| *r).collect();
            boxes.extend(
                scene
                    .texts()
                    .filter(|(_, run)| run.role == TextRole::MapNote)
                    .map(|(_, run)| run.rect),
            );
            for (i, a) in boxes.iter().enumerate() {
                assert!(rect.contains_rect(*a), "{}: {a:?} cut", event.record.id);
                for b in &boxes[i + 1..] {
                    assert!(
                        !a.intersects(*b),
                        "{}: {a:?} overlaps {b:?}",
                        event.record.id
                    );
                }
            }
            // Every place has its dot.
            let dots = scene
                .groups
                .iter()
                .filter(|g| matches!(g.target, Target::Place(_)))
                .count();
            assert_eq!(dots, places.len(), "{}", event.record.id);
        }
    }
    assert!(maps > 40);
}

#[test]
fn names_keep_off_the_division_line_and_its_name_finds_room_on_a_small_map() {
    // Projector type on a map the size of the card's at 1920×1080 (the name did not
    // fit beside either end of the line there).
    for label_size in [12.0, 26.0, 31.0, 44.0] {
        let places = [pyongyang()];
        let indexed: Vec<(usize, &PlaceRecord)> = places.iter().enumerate().collect();
        let style = MapStyle::light(label_size);
        let measure = |text: &str, size: f32| measure(text, size);
        let rect = Rect::from_min_size(pos2(1243.0, 515.0), vec2(600.0, 372.0));
        let scene = map_scene(&MapInput {
            places: &indexed,
            when: Some(on("1956-08-30")),
            rect,
            style: &style,
            highlighted: None,
            measure: &measure,
        });
        assert_eq!(notes(&scene), ["Armistice line 1953"], "at {label_size} pt");
        let segments: Vec<(egui::Pos2, egui::Pos2)> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line {
                    from,
                    to,
                    dash: Some(_),
                    ..
                } => Some((*from, *to)),
                _ => None,
            })
            .collect();
        for (_, rect, name) in place_names(&scene) {
            for &(a, b) in &segments {
                assert!(
                    !wpk_timeline::view::locator::segment_meets_rect(a, b, rect),
                    "{name} at {label_size} pt covers the line"
                );
            }
        }
    }
    // The segment test itself.
    use wpk_timeline::view::locator::segment_meets_rect;
    let r = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0));
    assert!(segment_meets_rect(pos2(-5.0, 5.0), pos2(15.0, 5.0), r));
    assert!(segment_meets_rect(pos2(2.0, 2.0), pos2(3.0, 3.0), r));
    assert!(!segment_meets_rect(pos2(-5.0, -1.0), pos2(15.0, -1.0), r));
    assert!(!segment_meets_rect(pos2(11.0, 0.0), pos2(20.0, 10.0), r));
    assert!(!segment_meets_rect(pos2(-1.0, 12.0), pos2(12.0, 10.5), r));
}

#[test]
fn crowded_places_keep_their_names_apart() {
    // Five places within a few kilometres: names go round their dots or are left out,
    // never on top of one another.
    let places: Vec<PlaceRecord> = (0..5)
        .map(|k| {
            place(
                &format!("p{k}"),
                &format!("Place number {k}"),
                39.0 + 0.02 * f64::from(k),
                125.7,
            )
        })
        .collect();
    let scene = scene_of(&places, None, RECT);
    let names = place_names(&scene);
    assert!(names.len() >= 2, "{names:?}");
    for (i, (_, a, _)) in names.iter().enumerate() {
        assert!(RECT.contains_rect(*a));
        for (_, b, _) in &names[i + 1..] {
            assert!(!a.intersects(*b));
        }
    }
}

#[test]
fn the_svg_back_end_draws_the_countries_as_even_odd_paths_and_marks_the_places() {
    // One scene, every back end: the polygon primitive reaches SVG as a path.
    let scene = scene_of(&[pyongyang()], Some(on("1948")), RECT);
    let polygons = scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Polygon { .. }))
        .count();
    let document = wpk_timeline::document::Document::new(
        load_embedded().unwrap(),
        wpk_timeline::document::DataSource::Embedded,
    );
    let svg = wpk_timeline::render::svg::write(
        &scene,
        &wpk_timeline::render::svg::Picture {
            size: (340.0, 180.0),
            title: "map",
            timeline: &document.timeline,
            lanes: &document.lanes,
        },
    );
    let paths = svg.matches("fill-rule=\"evenodd\"").count();
    assert_eq!(paths, polygons, "one path per polygon");
    assert!(paths > 2);
    assert!(svg.contains("class=\"place-name\""));
    assert!(svg.contains(">Pyongyang</text>"));
    assert!(svg.contains(">38th parallel</text>"));
    // The place's group names the gazetteer entry with that index in the timeline
    // (index 0 of the dataset is Huadian: the attribute follows the index).
    assert!(svg.contains("data-place-id=\"huadian\""));
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
}

proptest! {
    #[test]
    fn latitude_and_longitude_round_trip_through_the_screen(
        lat in -80.0f64..80.0,
        lon in -180.0f64..180.0,
        centre_lat in -70.0f64..70.0,
        centre_lon in -180.0f64..180.0,
        scale in 0.5f64..200.0,
        width in 50.0f32..2000.0,
        height in 50.0f32..1200.0,
    ) {
        let rect = Rect::from_min_size(pos2(13.0, 7.0), vec2(width, height));
        let projection = MapProjection::new(centre_lat, centre_lon, scale, rect);
        let screen = projection.to_screen(lat, lon);
        prop_assert!(screen.x.is_finite() && screen.y.is_finite());
        let (back_lat, back_lon) = projection.to_geo(screen);
        // f32 screen coordinates hold about 7 digits: within a hundredth of a point.
        let tolerance = 0.01 / projection.scale.min(projection.scale * projection.x_factor);
        prop_assert!((back_lat - lat).abs() <= tolerance.max(1e-9) + (screen.y.abs() as f64) * 1e-7 / projection.scale, "{lat} -> {back_lat}");
        prop_assert!((back_lon - lon).abs() <= tolerance.max(1e-9) + (screen.x.abs() as f64) * 1e-7 / (projection.scale * projection.x_factor), "{lon} -> {back_lon}");
    }

    #[test]
    fn framing_keeps_every_place_inside_the_map(
        points in proptest::collection::vec((-60.0f64..70.0, -170.0f64..170.0), 1..6),
        width in 80.0f32..1500.0,
        height in 60.0f32..900.0,
    ) {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(width, height));
        let projection = MapProjection::framing(&points, rect);
        for &(lat, lon) in &points {
            let at = projection.to_screen(lat, lon);
            prop_assert!(rect.expand(0.01).contains(at), "{lat},{lon} at {at:?}");
        }
    }
}

#[test]
fn the_wartime_note_says_why_no_line_is_drawn() {
    use wpk_timeline::view::locator::division_note;
    assert!(
        division_note(&on("1951-03-14"))
            .unwrap()
            .contains("front line moved")
    );
    assert!(division_note(&on("1926")).unwrap().contains("not divided"));
    assert_eq!(division_note(&on("1948")), None);
    assert_eq!(division_note(&on("1960")), None);
}

/// A place's name is nearer its own dot than any other dot, at every panel size (seen:
/// "Prague" as near East Berlin's dot as its own in the panel at 1280x720).
#[test]
fn every_name_is_nearest_its_own_dot_at_every_panel_size() {
    let timeline = load_embedded().unwrap();
    let mut names = 0;
    for event in timeline
        .events
        .iter()
        .filter(|e| e.record.places.len() >= 3)
    {
        let places: Vec<PlaceRecord> = timeline
            .places
            .of_event(&event.record.places)
            .cloned()
            .collect();
        for width in (280..=480).step_by(8) {
            for height in [120.0, 140.0, 150.0, 160.0, 180.0] {
                #[allow(clippy::cast_precision_loss)]
                let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(width as f32, height));
                let scene = scene_of(&places, Some(event.when), rect);
                let dots: Vec<(usize, egui::Pos2)> = scene
                    .groups
                    .iter()
                    .filter_map(|g| match g.target {
                        Target::Place(index) => scene.shapes_of(g).iter().find_map(|s| match s {
                            Shape::Circle { center, .. } => Some((index, *center)),
                            _ => None,
                        }),
                        _ => None,
                    })
                    .collect();
                for (index, name, text) in place_names(&scene) {
                    names += 1;
                    let own = dots
                        .iter()
                        .find(|(i, _)| *i == index)
                        .map(|(_, at)| *at)
                        .unwrap_or_else(|| panic!("{text} has a dot"));
                    for (other, at) in &dots {
                        if *other != index && at.distance(own) >= 12.0 {
                            assert!(
                                name.distance_to_pos(*at) > name.distance_to_pos(own) + 2.0,
                                "{} at {width}x{height}: {text} is as near another dot as its own",
                                event.record.id
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(names > 100, "{names} names checked");
}
