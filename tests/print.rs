//! Printed PDFs: the handout has a title page and a page per tour step, with every
//! step's card text and links; papers come out at their sizes; the poster's layout at
//! the sheet's size carries many more labels than the window; the command line says
//! clearly what is wrong, and never replaces what is not a regular file. The poppler
//! checks of the written files (pdftotext, pdffonts, pdfinfo) are in `.ci/run`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Parser;
use egui::{Rect, pos2, vec2};
use wpk_timeline::cli::{Cli, Command};
use wpk_timeline::document::{DataSource, Document};
use wpk_timeline::export::print::{
    HandoutOptions, Paper, PosterOptions, handout, page_count_in, poster, poster_picture,
};
use wpk_timeline::export::run_export;
use wpk_timeline::generate::{generate_timeline, to_compact_ron};
use wpk_timeline::render::pdf::{PdfFonts, PrintDocument, write_document};
use wpk_timeline::ui::fonts::install_hangul_font;
use wpk_timeline::ui::present::presentation_steps;
use wpk_timeline::ui::theme::{ThemeChoice, TimelineStyle};
use wpk_timeline::ui::timeline_ui::{Emphasis, TimelineWidget};
use wpk_timeline::view::scene::Scene;

fn embedded() -> Document {
    Document::load(DataSource::Embedded).expect("the embedded dataset loads")
}

fn bytes_of(printed: &PrintDocument) -> Vec<u8> {
    let fonts = PdfFonts::new().expect("fonts");
    write_document(printed, &fonts).expect("the PDF is written")
}

/// Every line of text on a page, joined by spaces (wrapped paragraphs read whole).
fn page_text(printed: &PrintDocument, page: usize) -> String {
    printed.pages[page]
        .texts
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `/MediaBox` of every page of a written PDF.
fn media_boxes(bytes: &[u8]) -> Vec<(f32, f32)> {
    let text = String::from_utf8_lossy(bytes);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|rest| {
            let inside = rest.split_once('[')?.1.split_once(']')?.0;
            let numbers: Vec<f32> = inside
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            match numbers.as_slice() {
                [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn the_handout_has_a_title_page_and_a_page_per_tour_step() {
    let document = embedded();
    let steps = presentation_steps(&document.timeline);
    assert_eq!(steps.len(), 27, "the shipped tour");
    for notes in [false, true] {
        let printed = handout(
            &document,
            &HandoutOptions {
                paper: Paper::A4,
                landscape: false,
                notes,
            },
        );
        let bytes = bytes_of(&printed);
        assert_eq!(page_count_in(&bytes), Some(1 + 27), "notes: {notes}");
        assert_eq!(printed.pages.len(), 28);
        // One bookmark a page, the title page's first.
        let bookmarks: Vec<&str> = printed
            .pages
            .iter()
            .filter_map(|p| p.bookmark.as_deref())
            .collect();
        assert_eq!(bookmarks.len(), 28);
        assert_eq!(bookmarks[0], document.timeline.title);
        assert!(page_text(&printed, 0).contains(&document.timeline.title));
        // Each step's page holds its card: title, date as the app writes it, the
        // provenance notes' headings.
        for (k, step) in steps.iter().enumerate() {
            let event = &document.timeline.events[step.event];
            let text = page_text(&printed, k + 1);
            assert!(
                text.contains(event.record.title.as_str()),
                "step {}: {text}",
                k + 1
            );
            assert!(text.contains(&event.date_label()), "step {}: {text}", k + 1);
            for flag in &event.record.flags {
                let (heading, _) = wpk_timeline::model::wording::flag_note(flag);
                assert!(text.contains(&heading), "step {}: {heading}", k + 1);
            }
            if let Some(korean) = &event.record.native_title {
                assert!(text.contains(&**korean), "step {}", k + 1);
            }
            // A picture of the step's view, with the step's event selected in it, and
            // the map of the event's places beside the card when it has some.
            let picture = &printed.pages[k + 1].pictures;
            let mapped = document
                .timeline
                .places
                .of_event(&event.record.places)
                .next()
                .is_some();
            // (The map is left out where the narrower card would not fit the page.)
            assert!(
                picture.len() == 1 || (mapped && picture.len() == 2),
                "step {}: {} pictures",
                k + 1,
                picture.len()
            );
            match (notes, &step.note) {
                (true, Some(note)) => {
                    let first_word = note.split_whitespace().next().unwrap_or_default();
                    assert!(text.contains("Speaker notes") && text.contains(first_word));
                }
                _ => assert!(!text.contains("Speaker notes")),
            }
        }
        let all: String = (0..printed.pages.len())
            .map(|p| page_text(&printed, p))
            .collect();
        assert!(all.contains("8월 종파 사건"));
    }
}

#[test]
fn sources_with_web_addresses_are_links_on_their_page() {
    let document = embedded();
    let printed = handout(
        &document,
        &HandoutOptions {
            paper: Paper::A4,
            landscape: false,
            notes: false,
        },
    );
    let steps = presentation_steps(&document.timeline);
    for (k, step) in steps.iter().enumerate() {
        let event = &document.timeline.events[step.event];
        let page = &printed.pages[k + 1];
        for source in &event.record.sources {
            if let wpk_timeline::model::schema::SourceRecord::Reference { url: Some(url), .. } =
                source
            {
                let parsed = url::Url::parse(url)
                    .expect("the loader checked it")
                    .to_string();
                let link = page.links.iter().find(|(_, target)| *target == parsed);
                let (rect, _) = link.unwrap_or_else(|| panic!("step {}: no link to {url}", k + 1));
                assert!(rect.width() > 10.0 && rect.height() > 5.0);
                let (width, height) = page.size;
                assert!(rect.min.x >= 0.0 && rect.max.x <= width && rect.max.y <= height);
            }
        }
    }
    let bytes = bytes_of(&printed);
    let text = String::from_utf8_lossy(&bytes).replace(' ', "");
    assert!(
        text.contains("/Subtype/Link"),
        "link annotations are written"
    );
    assert!(text.contains("/Outlines"), "an outline is written");
}

#[test]
fn pages_come_out_at_the_papers_size() {
    let document = embedded();
    let close =
        |(w, h): (f32, f32), (ew, eh): (f32, f32)| (w - ew).abs() < 0.02 && (h - eh).abs() < 0.02;
    for (paper, landscape, expected) in [
        (Paper::A4, false, (595.28, 841.89)),
        (Paper::Letter, false, (612.0, 792.0)),
        (Paper::A4, true, (841.89, 595.28)),
        (Paper::Letter, true, (792.0, 612.0)),
    ] {
        let printed = handout(
            &document,
            &HandoutOptions {
                paper,
                landscape,
                notes: false,
            },
        );
        let boxes = media_boxes(&bytes_of(&printed));
        assert_eq!(boxes.len(), printed.pages.len(), "{paper:?}");
        for size in boxes {
            assert!(close(size, expected), "{paper:?} {landscape}: {size:?}");
        }
    }
    let printed = poster(
        &document,
        &PosterOptions {
            paper: Paper::A2,
            view: None,
        },
    );
    let boxes = media_boxes(&bytes_of(&printed));
    assert_eq!(boxes.len(), 1);
    assert!(close(boxes[0], (1683.78, 1190.55)), "{boxes:?}");
}

/// The scene the window's timeline widget draws into a `width`×`height` screen.
fn window_scene(document: &Document, (width, height): (f32, f32)) -> Arc<Scene> {
    let ctx = egui::Context::default();
    install_hangul_font(&ctx);
    let shown: Vec<usize> = (0..document.timeline.categories.len()).collect();
    let style = TimelineStyle::desktop(ThemeChoice::Light);
    let mut scene = None;
    // The fonts take effect from the second frame on.
    for _ in 0..2 {
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(width, height))),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            TimelineWidget {
                document,
                lanes: &document.lanes,
                view: document.limits.fitted(),
                selected: None,
                style: &style,
                shown_lanes: &shown,
                emphasis: Emphasis { is_match: None },
            }
            .show(ui);
            scene = TimelineWidget::last_scene(ui.ctx());
        });
        output.textures_delta.clear();
    }
    scene.expect("the widget keeps its scene")
}

fn poster_labels(document: &Document) -> usize {
    poster_picture(
        document,
        &PosterOptions {
            paper: Paper::A2,
            view: None,
        },
    )
    .scene
    .labels()
    .count()
}

#[test]
fn a_poster_at_a2_carries_three_times_the_labels_of_the_window() {
    // The shipped dataset has 64 events, fewer than three times what the window
    // labels, so the factor is measured on a large generated timeline; the shipped
    // one only must not lose labels on paper.
    let timeline = wpk_timeline::model::load::load_str(
        "large.ron",
        &to_compact_ron(&generate_timeline(3_000, 1)).expect("serialised"),
    )
    .expect("the generated timeline loads");
    let large = Document::new(timeline, DataSource::Embedded);
    let window = window_scene(&large, (1600.0, 900.0)).labels().count();
    let on_poster = poster_labels(&large);
    eprintln!("3000 generated events: the window labels {window}, an A2 poster {on_poster}");
    assert!(window > 20, "the window labels {window}");
    assert!(
        on_poster >= 3 * window,
        "poster {on_poster} labels, window {window}"
    );

    let document = embedded();
    let window = window_scene(&document, (1600.0, 900.0)).labels().count();
    let on_poster = poster_labels(&document);
    assert!(
        on_poster >= window,
        "poster {on_poster} labels, window {window}"
    );
    // The poster's page holds that picture, the title and the legend of every lane and era.
    let printed = poster(
        &document,
        &PosterOptions {
            paper: Paper::A2,
            view: None,
        },
    );
    let text = page_text(&printed, 0);
    assert!(text.contains(&document.timeline.title));
    for category in &document.timeline.categories {
        assert!(
            text.contains(&category.record.name),
            "{}",
            category.record.name
        );
    }
    for era in &document.timeline.eras {
        assert!(text.contains(&era.record.name), "{}", era.record.name);
    }
    assert!(text.contains("sources disagree on the date"));
    assert_eq!(
        printed.pages[0].pictures[0].scene.labels().count(),
        on_poster
    );
}

fn export(arguments: &[&str]) -> Result<String, String> {
    let cli = Cli::try_parse_from(
        std::iter::once("wpk-timeline")
            .chain(["export"])
            .chain(arguments.iter().copied()),
    )
    .map_err(|error| error.to_string())?;
    match cli.command {
        Some(Command::Export(args)) => run_export(&args),
        other => panic!("not an export: {other:?}"),
    }
}

fn path_text(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn the_command_line_prints_and_says_clearly_what_is_wrong() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out: PathBuf = dir.path().join("lecture.pdf");
    let said = export(&["--handout", "--out", path_text(&out)]).expect("a handout");
    assert!(
        said.contains("28 pages") && said.contains("A4 portrait"),
        "{said}"
    );
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(page_count_in(&bytes), Some(28));

    let poster_out = dir.path().join("poster.pdf");
    let said = export(&[
        "--poster",
        "--paper",
        "a3",
        "--view",
        "1950..1960",
        "--out",
        path_text(&poster_out),
    ])
    .expect("a poster");
    assert!(said.contains("A3"), "{said}");
    assert_eq!(
        page_count_in(&std::fs::read(&poster_out).expect("written")),
        Some(1)
    );

    let unknown = export(&["--handout", "--paper", "B5", "--out", path_text(&out)])
        .expect_err("B5 is unknown");
    assert!(
        unknown.contains("unknown paper") && unknown.contains("A4"),
        "{unknown}"
    );
    let wrong = export(&["--handout", "--paper", "A2", "--out", path_text(&out)])
        .expect_err("a handout is not printed on A2");
    assert!(wrong.contains("A4, Letter"), "{wrong}");
    let wrong = export(&["--poster", "--paper", "Letter", "--out", path_text(&out)])
        .expect_err("a poster is not printed on Letter");
    assert!(wrong.contains("A3, A2, A1, A0, Tabloid"), "{wrong}");
    let both =
        export(&["--handout", "--poster", "--out", path_text(&out)]).expect_err("one or the other");
    assert!(
        both.contains("--poster") && both.contains("--handout"),
        "{both}"
    );
    let svg = export(&[
        "--handout",
        "--out",
        path_text(&dir.path().join("lecture.svg")),
    ])
    .expect_err("a handout is a PDF");
    assert!(svg.contains(".pdf"), "{svg}");
    let pdf_view = export(&["--out", path_text(&out)]).expect_err("a PDF needs a mode");
    assert!(pdf_view.contains("--handout or --poster"), "{pdf_view}");
    let notes =
        export(&["--notes", "--out", path_text(&out)]).expect_err("--notes needs --handout");
    assert!(notes.contains("--handout"), "{notes}");

    // A folder in the way is left alone, and so is the file written before.
    let folder = dir.path().join("folder.pdf");
    std::fs::create_dir(&folder).expect("folder");
    std::fs::write(folder.join("keep.txt"), "kept").expect("a file in it");
    let refused = export(&["--handout", "--out", path_text(&folder)]).expect_err("a folder");
    assert!(refused.contains("is a folder"), "{refused}");
    assert_eq!(
        std::fs::read_to_string(folder.join("keep.txt")).expect("still there"),
        "kept"
    );
    assert_eq!(page_count_in(&std::fs::read(&out).expect("kept")), Some(28));
}

#[test]
fn a_file_without_a_tour_prints_a_page_per_event() {
    let timeline =
        wpk_timeline::model::load::load_str("moon.ron", include_str!("fixtures/moon_landing.ron"))
            .expect("loads");
    assert!(timeline.tour.is_empty(), "the fixture has no tour");
    let events = timeline.events.len();
    let document = Document::new(timeline, DataSource::Embedded);
    let printed = handout(
        &document,
        &HandoutOptions {
            paper: Paper::Letter,
            landscape: true,
            notes: true,
        },
    );
    assert_eq!(page_count_in(&bytes_of(&printed)), Some(1 + events));
}

/// File → Export handout…: without a native dialog the path field stands in; the
/// handout is printed on its own thread and the status line says where it went.
#[test]
fn the_window_exports_a_handout_through_the_path_field() {
    use egui::Key;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::time::{Duration, Instant};
    use wpk_timeline::app::{AppOptions, TimelineApp};

    let folder = tempfile::tempdir().expect("folder");
    let out = folder.path().join("lecture.pdf");
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_step_dt(0.25)
        .with_max_steps(16)
        .build_ui_state(
            |ui, app: &mut TimelineApp| app.show(ui),
            TimelineApp::new(AppOptions::default()),
        );
    // Well past any slow machine, yet a hang still fails.
    let deadline = Instant::now() + Duration::from_secs(600);
    while harness.state().is_loading() {
        assert!(Instant::now() < deadline, "the dataset did not load");
        harness.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export handout…").click();
    harness.run();
    harness.get_by_label("Export a lecture handout (PDF)");
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| node.value().is_some_and(|v| v.ends_with("handout.pdf")))
        .expect("the path field, with a suggested name");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| node.is_focused())
        .expect("the focused field")
        .type_text(&out.display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    let saved = format!("Saved the handout (28 pages) to {}", out.display());
    while harness.query_by_label_contains(&saved).is_none() {
        assert!(Instant::now() < deadline, "the handout was not saved");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    let bytes = std::fs::read(&out).expect("the handout was written");
    assert_eq!(page_count_in(&bytes), Some(28));
}

#[test]
fn an_upright_handout_sets_the_steps_map_beside_its_card() {
    use wpk_timeline::view::scene::TextRole;
    let document = embedded();
    let printed = handout(
        &document,
        &HandoutOptions {
            paper: Paper::A4,
            landscape: false,
            notes: false,
        },
    );
    let steps = presentation_steps(&document.timeline);
    let mut maps = 0;
    for (k, step) in steps.iter().enumerate() {
        let event = &document.timeline.events[step.event];
        let page = &printed.pages[k + 1];
        let map = page.pictures.iter().find(|picture| {
            picture
                .scene
                .texts()
                .any(|(_, run)| matches!(run.role, TextRole::PlaceName(_)))
        });
        let has_places = document
            .timeline
            .places
            .of_event(&event.record.places)
            .next()
            .is_some();
        assert!(map.is_none() || has_places, "step {}", k + 1);
        let Some(map) = map else { continue };
        maps += 1;
        // On the page, right of the card's text, below the step's picture, above the footer.
        let rect = map.rect();
        let (width, height) = page.size;
        assert!(
            rect.right() <= width - 30.0 && rect.bottom() < height - 40.0,
            "{rect:?}"
        );
        let timeline_picture = page.pictures[0].rect();
        assert!(rect.top() >= timeline_picture.bottom(), "step {}", k + 1);
        for text in &page.texts {
            let right = text.left + wpk_timeline::render::text::measure(&text.text, text.size);
            let overlaps_rows =
                text.baseline > rect.top() && text.baseline - text.size < rect.bottom();
            assert!(
                !(overlaps_rows && right > rect.left() && text.left < rect.right()),
                "step {}: {:?} runs under the map",
                k + 1,
                text.text
            );
        }
    }
    assert!(maps >= 15, "{maps} step pages have a map");
    // The PDF is written with them.
    let bytes = bytes_of(&printed);
    assert!(page_count_in(&bytes).is_some());
}

/// Issue 10 leftovers, item 7: the text of the poster's key (the badge's count) keeps
/// 4.5:1 against the badge under it on the white paper (it was white on the first
/// lane's orange, about 2:1). WCAG's luminance, written out here.
#[test]
fn the_posters_key_badge_count_is_legible() {
    use egui::Color32;
    use wpk_timeline::view::scene::{Shape, TextRole};
    let luminance = |c: Color32| {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    };
    let contrast = |a: Color32, b: Color32| {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    };
    let document = embedded();
    let printed = poster(
        &document,
        &PosterOptions {
            paper: Paper::A2,
            view: None,
        },
    );
    let shapes = &printed.pages[0].shapes;
    let mut counts = 0;
    for (index, shape) in shapes.iter().enumerate() {
        let Shape::Text(run) = shape else { continue };
        if run.role != TextRole::Count {
            continue;
        }
        counts += 1;
        let badge = shapes[..index]
            .iter()
            .rev()
            .find_map(|s| match s {
                Shape::Rect { rect, fill, .. } if rect.contains(run.rect.center()) => Some(*fill),
                _ => None,
            })
            .expect("the badge under the count");
        // The badge's fill (premultiplied) on white paper.
        let a = f32::from(badge.a()) / 255.0;
        let mix = |t: u8| (f32::from(t) + 255.0 * (1.0 - a)).round().min(255.0) as u8;
        let under = Color32::from_rgb(mix(badge.r()), mix(badge.g()), mix(badge.b()));
        let ratio = contrast(run.colour, under);
        assert!(
            ratio >= 4.5,
            "the key's count {:?} has {ratio:.2}:1 ({:?} on {under:?})",
            run.text,
            run.colour
        );
    }
    assert!(counts >= 1, "no count in the poster's key");
}
