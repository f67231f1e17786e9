//! SVG export: the picture is well-formed XML, holds exactly the events in view (each
//! once, clusters expanded), escapes every text, and is written whole.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use wpk_timeline::cli::ExportArgs;
use wpk_timeline::document::{DataSource, Document};
use wpk_timeline::export::{self, run_export, svg};
use wpk_timeline::model::load::load_str;
use wpk_timeline::ui::theme::{ThemeChoice, TimelineStyle};
use wpk_timeline::view::layout::Row;
use wpk_timeline::view::scene::SceneEmphasis;
use wpk_timeline::view::transform::TimeView;

fn embedded() -> Document {
    Document::load(DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"))
}

fn range(from: &str, to: &str) -> (String, String) {
    (from.to_owned(), to.to_owned())
}

fn view_of(document: &Document, from: &str, to: &str) -> TimeView {
    export::export_view(document, Some(&range(from, to))).unwrap_or_else(|e| panic!("{e}"))
}

fn all_lanes(document: &Document) -> Vec<usize> {
    (0..document.timeline.categories.len()).collect()
}

fn render(
    document: &Document,
    view: TimeView,
    size: (f32, f32),
    theme: ThemeChoice,
    selected: Option<usize>,
) -> String {
    svg::render_svg(
        document,
        &document.lanes,
        &all_lanes(document),
        view,
        size,
        &TimelineStyle::desktop(theme),
        SceneEmphasis {
            selected,
            is_match: None,
        },
    )
}

fn parse(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

/// How often each event id is drawn: single marks by `data-event-id`, clusters expanded
/// from `data-event-ids` (checked against their count). Labels are not marks.
fn drawn_events(xml: &roxmltree::Document<'_>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for node in xml.descendants().filter(roxmltree::Node::is_element) {
        if let Some(id) = node.attribute("data-event-id") {
            *counts.entry(id.to_owned()).or_insert(0) += 1;
        }
        if let Some(ids) = node.attribute("data-event-ids") {
            let ids: Vec<&str> = ids.split_whitespace().collect();
            let count: usize = node
                .attribute("data-count")
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("cluster without data-count: {ids:?}"));
            assert_eq!(count, ids.len(), "{ids:?}");
            assert!(ids.len() >= 2, "a cluster of one: {ids:?}");
            // The badge, when drawn, shows the same count.
            if let Some(badge) = node
                .descendants()
                .find(|n| n.attribute("class") == Some("count"))
            {
                assert_eq!(badge.text(), Some(count.to_string().as_str()));
            }
            for id in ids {
                *counts.entry(id.to_owned()).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// The events whose drawn extent overlaps `view`, by the rule of the layout: points by
/// their anchor, bars by their whole extent.
fn events_in_view_by_date(document: &Document, view: TimeView) -> BTreeSet<String> {
    let timeline = &document.timeline;
    timeline
        .events
        .iter()
        .enumerate()
        .filter(|&(index, event)| {
            let (start, end) = event.when.uncertainty();
            match document.lanes.row_of(index) {
                Some(Row::Points) => (view.min..=view.max()).contains(&event.when.anchor()),
                Some(Row::Bars(_)) => end >= view.min && start <= view.max(),
                None => false,
            }
        })
        .map(|(_, event)| event.record.id.to_string())
        .collect()
}

/// The events the layout of the picture puts into marks.
fn events_in_view_by_layout(
    document: &Document,
    view: TimeView,
    size: (f32, f32),
) -> BTreeSet<String> {
    let picture = svg::picture_layout(
        document,
        &document.lanes,
        &all_lanes(document),
        view,
        size,
        &TimelineStyle::desktop(ThemeChoice::Light),
        SceneEmphasis::default(),
    );
    let ids: Vec<String> = picture
        .layout
        .marks
        .iter()
        .flat_map(|mark| document.lanes.events_of(mark))
        .map(|&event| document.timeline.events[event].record.id.to_string())
        .collect();
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "an event in two marks: {ids:?}");
    assert_eq!(picture.events_in_view(), ids.len());
    set
}

fn assert_exactly_the_events_in_view(document: &Document, view: TimeView, size: (f32, f32)) {
    let text = render(document, view, size, ThemeChoice::Light, None);
    let xml = parse(&text);
    let drawn = drawn_events(&xml);
    for (id, count) in &drawn {
        assert_eq!(*count, 1, "{id} is drawn {count} times");
    }
    let drawn: BTreeSet<String> = drawn.into_keys().collect();
    let by_date = events_in_view_by_date(document, view);
    let by_layout = events_in_view_by_layout(document, view, size);
    assert_eq!(drawn, by_date, "{view:?} at {size:?}");
    assert_eq!(drawn, by_layout, "{view:?} at {size:?}");
}

#[test]
fn the_purges_view_holds_exactly_its_events() {
    let document = embedded();
    let view = view_of(&document, "1953", "1961");
    let size = (1920.0, 1080.0);
    assert_exactly_the_events_in_view(&document, view, size);

    let text = render(&document, view, size, ThemeChoice::Light, None);
    let xml = parse(&text);
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1920"));
    assert_eq!(root.attribute("height"), Some("1080"));
    let font = root.attribute("font-family").unwrap_or_default();
    for family in ["sans-serif", "NanumGothic", "Noto Sans CJK KR"] {
        assert!(font.contains(family), "{font}");
    }

    // The view is dense enough to cluster, and has points and bars.
    let class_count = |class: &str| {
        xml.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .count()
    };
    assert!(class_count("cluster") >= 1, "no cluster in 1953..1961");
    assert!(class_count("point") >= 1);
    assert!(class_count("bar") >= 1);
    assert!(class_count("label") >= 1);
    let drawn = drawn_events(&xml);
    assert!(drawn.contains_key("august-plenum"), "{drawn:?}");
    assert!(!drawn.contains_key("eighth-congress-2021"));

    // Every single mark has a tooltip naming its event and date, and sits in its lane's group.
    let timeline = &document.timeline;
    for node in xml
        .descendants()
        .filter(|n| n.attribute("data-event-id").is_some())
    {
        let id = node.attribute("data-event-id").unwrap_or_default();
        let event = &timeline.events[timeline.find(id).unwrap_or_else(|| panic!("{id}"))];
        let tooltip = node
            .children()
            .find(|c| c.tag_name().name() == "title")
            .and_then(|t| t.text())
            .unwrap_or_else(|| panic!("{id} has no <title>"));
        assert!(
            tooltip.starts_with(event.record.title.as_str()),
            "{tooltip}"
        );
        assert!(tooltip.ends_with(&event.date_label()), "{tooltip}");
        let lane = format!("lane-{}", timeline.categories[event.category].record.id);
        assert!(
            node.ancestors()
                .any(|a| a.attribute("id") == Some(lane.as_str())),
            "{id} is not in {lane}"
        );
    }
    // Every lane has its group.
    for category in &timeline.categories {
        let lane = format!("lane-{}", category.record.id);
        assert!(
            xml.descendants()
                .any(|n| n.attribute("id") == Some(lane.as_str())),
            "{lane}"
        );
    }
}

#[test]
fn other_views_and_sizes_hold_exactly_their_events() {
    let document = embedded();
    let views = [
        document.default_view(),
        document.limits.fitted(),
        view_of(&document, "1945", "1950"),
        view_of(&document, "1956-08-20", "1956-09-10"),
        view_of(&document, "2010", "2021"),
    ];
    for view in views {
        for size in [(1920.0, 1080.0), (640.0, 480.0), (200.0, 150.0)] {
            assert_exactly_the_events_in_view(&document, view, size);
        }
    }
}

#[test]
fn a_selection_and_the_dark_theme_draw_too() {
    let document = embedded();
    let timeline = &document.timeline;
    let view = view_of(&document, "1956-06", "1956-10");
    let plenum = timeline.find("august-plenum");
    let text = render(&document, view, (1400.0, 800.0), ThemeChoice::Dark, plenum);
    let xml = parse(&text);
    assert!(
        xml.descendants()
            .any(|n| n.attribute("class") == Some("selection-line"))
    );
    // The selected event's label is in the highlight colour; other labels are not.
    let highlight = format!(
        "#{:02x}{:02x}{:02x}",
        TimelineStyle::desktop(ThemeChoice::Dark).highlight.r(),
        TimelineStyle::desktop(ThemeChoice::Dark).highlight.g(),
        TimelineStyle::desktop(ThemeChoice::Dark).highlight.b()
    );
    for label in xml
        .descendants()
        .filter(|n| n.attribute("data-label-for").is_some())
    {
        let selected = label.attribute("data-label-for") == Some("august-plenum");
        assert_eq!(
            label.attribute("fill") == Some(highlight.as_str()),
            selected
        );
    }

    // A disputed date, selected, shows where the other dates fall.
    let mission = timeline.find("mikoyan-peng-mission");
    assert!(mission.is_some_and(|m| timeline.events[m].is_date_disputed()));
    let text = render(
        &document,
        view,
        (1400.0, 800.0),
        ThemeChoice::Light,
        mission,
    );
    let xml = parse(&text);
    let alternatives = xml
        .descendants()
        .filter(|n| n.attribute("class") == Some("disputed-alternative"))
        .count();
    assert_eq!(
        alternatives,
        mission.map_or(0, |m| timeline.events[m].disputed_alternatives.len())
    );
}

/// The minimal fixture with markup, quotes and Hangul in every kind of text.
fn tricky_fixture() -> String {
    let text = include_str!("fixtures/minimal.ron");
    let replaced = text
        .replace(
            "title: \"Minimal\"",
            "title: \"Minimal <&> \\\"quoted\\\" 'apostrophe'\"",
        )
        .replace(
            "title: \"First event\"",
            "title: \"Tom & Jerry <script>\\\"x\\\"</script> 'y'\"",
        )
        .replace("name: \"Main\"", "name: \"Main <lane> & 주요\"")
        .replace("name: \"The fifties\"", "name: \"The fifties & <sixties>\"");
    assert_ne!(replaced, text);
    replaced
}

#[test]
fn every_text_is_escaped() {
    let source = tricky_fixture();
    let timeline = load_str("tricky.ron", &source).unwrap_or_else(|e| panic!("{e}"));
    let document = Document::new(timeline, DataSource::File(PathBuf::from("tricky.ron")));
    let text = render(
        &document,
        document.default_view(),
        (1200.0, 600.0),
        ThemeChoice::Light,
        None,
    );
    assert!(!text.contains("<script>"), "raw markup in the SVG");
    assert!(
        text.contains("Tom &amp; Jerry &lt;script&gt;&quot;x&quot;&lt;/script&gt; &apos;y&apos;")
    );
    let xml = parse(&text);
    let first = &document.timeline.events[document.timeline.find("first").unwrap_or(0)];
    let title = "Tom & Jerry <script>\"x\"</script> 'y'";
    assert_eq!(first.record.title, title);
    let mark = xml
        .descendants()
        .find(|n| n.attribute("data-event-id") == Some("first"))
        .unwrap_or_else(|| panic!("no mark for `first`"));
    let tooltip = mark
        .children()
        .find(|c| c.tag_name().name() == "title")
        .and_then(|t| t.text());
    assert_eq!(
        tooltip,
        Some(format!("{title}\n첫 사건\n{}", first.date_label()).as_str())
    );
    let label = xml
        .descendants()
        .find(|n| n.attribute("data-label-for") == Some("first"))
        .unwrap_or_else(|| panic!("no label for `first`"));
    assert_eq!(label.text(), Some(title));
    let texts: Vec<&str> = xml.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"Main <lane> & 주요"), "{texts:?}");
    assert!(texts.contains(&"The fifties & <sixties>"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Minimal <&> \"quoted\" 'apostrophe'")),
        "{texts:?}"
    );
}

fn export_args(file: Option<PathBuf>, view: Option<(String, String)>, out: &Path) -> ExportArgs {
    ExportArgs {
        file,
        view,
        width: 1920,
        height: 1080,
        event: None,
        dark: false,
        format: None,
        out: out.to_owned(),
        ..ExportArgs::default()
    }
}

fn folder_contents(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn export_writes_the_whole_file_atomically() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = folder.path().join("purges.svg");
    // An earlier export (export replaces only its own kind of file), longer than the new one.
    std::fs::write(
        &out,
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
            "<!-- an older, longer file that must be replaced whole -->".repeat(10_000)
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let message = run_export(&export_args(None, Some(range("1953", "1961")), &out))
        .unwrap_or_else(|e| panic!("{e}"));

    let document = embedded();
    let view = view_of(&document, "1953", "1961");
    let expected = render(&document, view, (1920.0, 1080.0), ThemeChoice::Light, None);
    let written = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, expected);
    assert!(written.ends_with("</svg>\n"));
    parse(&written);
    let count = events_in_view_by_date(&document, view).len();
    assert_eq!(
        message,
        format!("wrote {}: {count} events in view, 1920x1080", out.display())
    );
    assert_eq!(
        folder_contents(folder.path()),
        vec!["purges.svg".to_owned()]
    );
}

#[test]
fn export_reads_a_file_and_uses_its_default_view() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = folder.path().join("tricky.ron");
    std::fs::write(&input, tricky_fixture()).unwrap_or_else(|e| panic!("{e}"));
    let out = folder.path().join("tricky.svg");
    let mut args = export_args(Some(input), None, &out);
    args.dark = true;
    let message = run_export(&args).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        message.ends_with(": 2 events in view, 1920x1080"),
        "{message}"
    );
    let written = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    let xml = parse(&written);
    let drawn = drawn_events(&xml);
    assert_eq!(drawn.keys().collect::<Vec<_>>(), vec!["first", "second"]);
}

#[test]
fn bad_sizes_files_and_views_are_errors() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = folder.path().join("out.svg");
    for (width, height) in [(10, 1080), (1920, 0), (20_000, 1080), (1920, 100_000)] {
        let mut args = export_args(None, None, &out);
        args.width = width;
        args.height = height;
        let error = run_export(&args).expect_err("a bad size must be refused");
        assert!(error.contains(&format!("{width}x{height}")), "{error}");
    }

    let broken = folder.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(title: \"t\", span: (\"1950\", \"1960\"), categories: [], events: [], titel: 1)",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let error = run_export(&export_args(Some(broken.clone()), None, &out))
        .expect_err("an invalid file must be refused");
    assert!(error.contains(&broken.display().to_string()), "{error}");
    assert!(error.contains("titel"), "{error}");

    let missing = folder.path().join("missing.ron");
    let error = run_export(&export_args(Some(missing), None, &out))
        .expect_err("a missing file must be refused");
    assert!(error.contains("missing.ron"), "{error}");

    let error = run_export(&export_args(None, Some(range("1950", "1956-13")), &out))
        .expect_err("a bad date must be refused");
    assert!(error.starts_with("--view"), "{error}");
    assert!(!out.exists());
}

#[test]
fn an_event_given_by_id_is_selected_and_framed() {
    let folder = tempfile::tempdir().expect("folder");
    let out = folder.path().join("plenum.svg");
    let mut args = export_args(None, None, &out);
    args.event = Some("august-plenum".to_owned());
    run_export(&args).expect("export");
    let svg = std::fs::read_to_string(&out).expect("read");
    assert!(svg.contains("data-event-id=\"august-plenum\""));
    assert!(
        svg.contains("data-event-id=\"september-plenum\""),
        "its neighbours are in the frame"
    );
    assert!(!svg.contains("data-event-id=\"kis-death\""), "1994 is not");
    args.event = Some("no-such-event".to_owned());
    let error = run_export(&args).expect_err("unknown id");
    assert!(error.contains("no-such-event"), "{error}");
}

/// A tester's slip, `export talk.ron --out talk.ron`, replaced the timeline with an SVG.
/// Export now writes over nothing but its own kind of output: not the timeline being
/// exported, not any other file that is not an SVG, PNG or PDF, and not a file whose
/// name says another format than the one asked for.
#[test]
fn export_never_writes_over_the_timeline_or_other_files() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let talk = folder.path().join("talk.ron");
    let text = tricky_fixture();
    std::fs::write(&talk, &text).unwrap_or_else(|e| panic!("{e}"));
    // The timeline itself, by the same name and through a symbolic link to it.
    let mut outs = vec![talk.clone()];
    #[cfg(unix)]
    {
        let link = folder.path().join("picture.svg");
        std::os::unix::fs::symlink(&talk, &link).unwrap_or_else(|e| panic!("{e}"));
        outs.push(link);
    }
    for out in &outs {
        let error = run_export(&export_args(Some(talk.clone()), None, out))
            .expect_err("the timeline is not replaced");
        assert!(error.contains("the timeline being exported"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&talk).unwrap_or_else(|e| panic!("{e}")),
            text
        );
    }
    // Someone's notes under a picture's name.
    let notes = folder.path().join("notes.svg");
    std::fs::write(&notes, "Lecture 3: remember the handout").unwrap_or_else(|e| panic!("{e}"));
    let error = run_export(&export_args(None, None, &notes)).expect_err("notes kept");
    assert!(error.contains("is not an SVG, PNG or PDF"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap_or_else(|e| panic!("{e}")),
        "Lecture 3: remember the handout"
    );
    // An earlier export is replaced, as asked.
    let earlier = folder.path().join("earlier.svg");
    run_export(&export_args(None, None, &earlier)).unwrap_or_else(|e| panic!("{e}"));
    run_export(&export_args(None, Some(range("1950", "1960")), &earlier))
        .unwrap_or_else(|e| panic!("an earlier export is replaced: {e}"));
    // A name that says PNG with --format svg.
    let png = folder.path().join("view.png");
    let mut args = export_args(None, None, &png);
    args.format = Some(wpk_timeline::cli::ExportFormat::Svg);
    let error = run_export(&args).expect_err("name and format disagree");
    assert!(
        error.contains("the name says PNG but --format says SVG"),
        "{error}"
    );
    assert!(!png.exists());
}

/// The mean difference of two equally large RGBA pictures, per channel, out of 255.
fn mean_gap(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let total: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.len() as f64
}

#[test]
fn outlined_text_is_drawn_as_the_text_was_and_is_no_longer_text() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plain = folder.path().join("plain.svg");
    let outlined = folder.path().join("outlined.svg");
    let args = |out: &Path, outline_text: bool| ExportArgs {
        event: Some("august-plenum".to_owned()),
        outline_text,
        width: 1280,
        height: 720,
        ..export_args(None, None, out)
    };
    run_export(&args(&plain, false)).unwrap_or_else(|e| panic!("{e}"));
    run_export(&args(&outlined, true)).unwrap_or_else(|e| panic!("{e}"));
    let plain = std::fs::read_to_string(&plain).unwrap_or_else(|e| panic!("{e}"));
    let outlined = std::fs::read_to_string(&outlined).unwrap_or_else(|e| panic!("{e}"));

    // Text in the plain file (Hangul included), none in the outlined one: only paths.
    let texts = |svg: &str| {
        parse(svg)
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .count()
    };
    assert!(texts(&plain) > 20, "{} texts", texts(&plain));
    assert!(plain.contains("8월 종파 사건"));
    assert_eq!(texts(&outlined), 0);
    assert!(!outlined.contains("August Plenum"));

    // Both draw the same picture (the outlines are the glyphs the text was drawn with).
    let draw = |svg: &str| {
        wpk_timeline::render::png::rasterize(svg, (1280, 720)).unwrap_or_else(|e| panic!("{e}"))
    };
    let (plain_picture, outlined_picture) = (draw(&plain), draw(&outlined));
    let gap = mean_gap(plain_picture.as_raw(), outlined_picture.as_raw());
    assert!(gap < 0.5, "mean gap {gap:.3}/255");
    // ... and the comparison can tell pictures apart: without the text it differs.
    let without_text = draw(&plain.replace("<text", "<text display=\"none\""));
    let control = mean_gap(plain_picture.as_raw(), without_text.as_raw());
    assert!(
        control > 2.0 * gap.max(0.05),
        "control {control:.3}, gap {gap:.3}"
    );
}

#[test]
fn outline_text_is_for_svg_only() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = folder.path().join("view.png");
    let error = run_export(&ExportArgs {
        outline_text: true,
        ..export_args(None, None, &out)
    })
    .expect_err("a PNG with --outline-text");
    assert!(error.contains("--outline-text is for SVG"), "{error}");
    assert!(!out.exists());
}
