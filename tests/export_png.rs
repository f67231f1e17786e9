//! PNG export without a window: the picture has the size asked for, is not blank, is
//! the scene's picture (background, label text where the scene put it, Hangul drawn),
//! and is written like every other file (atomically, never over a folder).

use std::path::{Path, PathBuf};

use image::RgbaImage;
use wpk_timeline::cli::{ExportArgs, ExportFormat};
use wpk_timeline::document::{DataSource, Document};
use wpk_timeline::export::{self, run_export, svg};
use wpk_timeline::model::load::load_str;
use wpk_timeline::ui::theme::{ThemeChoice, TimelineStyle};
use wpk_timeline::view::scene::{SceneEmphasis, TextRole};

fn args(file: Option<PathBuf>, out: &Path, (width, height): (u32, u32)) -> ExportArgs {
    ExportArgs {
        file,
        view: Some(("1953".to_owned(), "1961".to_owned())),
        width,
        height,
        event: None,
        dark: false,
        format: None,
        out: out.to_owned(),
        ..ExportArgs::default()
    }
}

fn read_png(path: &Path) -> RgbaImage {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        bytes.get(..8),
        Some(&b"\x89PNG\r\n\x1a\n"[..]),
        "a PNG file"
    );
    image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgba8()
}

/// The standard deviation of the grey level (0–255) of every pixel.
fn grey_deviation(picture: &RgbaImage) -> f64 {
    let greys: Vec<f64> = picture
        .pixels()
        .map(|p| (f64::from(p.0[0]) + f64::from(p.0[1]) + f64::from(p.0[2])) / 3.0)
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = greys.len().max(1) as f64;
    let mean = greys.iter().sum::<f64>() / n;
    (greys.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / n).sqrt()
}

#[test]
fn a_png_has_the_size_asked_for_and_is_the_scenes_picture() {
    let folder = tempfile::tempdir().expect("folder");
    for (name, size) in [("wide.png", (1280, 720)), ("TALL.PNG", (640, 900))] {
        let out = folder.path().join(name);
        let message = run_export(&args(None, &out, size)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            message.starts_with(&format!("wrote {}", out.display())),
            "{message}"
        );
        let picture = read_png(&out);
        assert_eq!(picture.dimensions(), size, "{name}");
        // A blank (or one-colour) picture has no deviation; this one has eras, lanes and text.
        let deviation = grey_deviation(&picture);
        assert!(deviation > 10.0, "{name}: deviation {deviation:.1}");
        // The background is the light theme's, fully opaque.
        let [r, g, b, a] = TimelineStyle::desktop(ThemeChoice::Light)
            .background
            .to_srgba_unmultiplied();
        assert_eq!(picture.get_pixel(2, 2).0, [r, g, b, a], "{name}");
    }
    // Nothing but the two pictures is left in the folder (no temporary files).
    let mut names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["TALL.PNG", "wide.png"]);
}

#[test]
fn the_format_follows_the_flag_then_the_extension() {
    let folder = tempfile::tempdir().expect("folder");
    let out = folder.path().join("view.picture");
    let mut png = args(None, &out, (400, 300));
    png.format = Some(ExportFormat::Png);
    run_export(&png).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read_png(&out).dimensions(), (400, 300));
    // Without the flag, an extension other than .png means SVG.
    run_export(&args(None, &out, (400, 300))).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&out).expect("SVG is text");
    assert!(text.contains("<svg"), "{}", text.get(..80).unwrap_or(""));
    assert_eq!(export::format_of(Path::new("a.PnG")), ExportFormat::Png);
    assert_eq!(export::format_of(Path::new("a.svg")), ExportFormat::Svg);
    assert_eq!(export::format_of(Path::new("png")), ExportFormat::Svg);
}

#[test]
fn sizes_folders_and_bad_input_are_refused_without_writing() {
    let folder = tempfile::tempdir().expect("folder");
    let out = folder.path().join("out.png");
    for size in [(10, 700), (1280, 100), (20_000, 700)] {
        let error = run_export(&args(None, &out, size)).expect_err("a bad size");
        assert!(error.contains(&format!("{}x{}", size.0, size.1)), "{error}");
    }
    assert!(!out.exists());
    // A folder named like a picture is left alone.
    let taken = folder.path().join("taken.png");
    std::fs::create_dir(&taken).expect("folder");
    std::fs::write(taken.join("inside"), "kept").expect("file");
    let error = run_export(&args(None, &taken, (400, 300))).expect_err("a folder");
    assert!(error.contains("a folder"), "{error}");
    assert_eq!(
        std::fs::read_to_string(taken.join("inside"))
            .ok()
            .as_deref(),
        Some("kept")
    );
}

/// A timeline whose event is called in Hangul: the label drawn where the scene put it
/// has ink of the Hangul glyphs, not the blank of a font without them.
#[test]
fn a_hangul_label_is_drawn_in_hangul() {
    let title = "8월 종파 사건";
    let source = include_str!("fixtures/minimal.ron").replace("First event", title);
    let timeline = load_str("hangul.ron", &source).unwrap_or_else(|e| panic!("{e}"));
    let document = Document::new(timeline, DataSource::File(PathBuf::from("hangul.ron")));
    let view = export::export_view(&document, Some(&("1956".to_owned(), "1959".to_owned())))
        .unwrap_or_else(|e| panic!("{e}"));
    let style = TimelineStyle::desktop(ThemeChoice::Light);
    let shown: Vec<usize> = (0..document.timeline.categories.len()).collect();
    let picture = svg::picture_layout(
        &document,
        &document.lanes,
        &shown,
        view,
        (900.0, 400.0),
        &style,
        SceneEmphasis::default(),
    );
    let label = picture
        .scene
        .texts()
        .find(|(_, run)| matches!(run.role, TextRole::Label(_)) && run.text == title)
        .map(|(_, run)| run.rect)
        .unwrap_or_else(|| panic!("no label {title:?} in the scene"));
    let text = svg::draw_picture(&document, &document.lanes, &picture);
    let png = wpk_timeline::render::png::rasterize(&text, (900, 400)).expect("drawn");
    let ink = |left: f32, right: f32| -> usize {
        let (top, bottom) = (label.top().floor(), label.bottom().ceil());
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (x0, x1, y0, y1) = (
            left as u32,
            right as u32,
            top.max(0.0) as u32,
            bottom as u32,
        );
        (x0..x1)
            .flat_map(|x| (y0..y1).map(move |y| (x, y)))
            .filter(|&(x, y)| {
                png.get_pixel_checked(x, y).is_some_and(|p| {
                    u16::from(p.0[0]) + u16::from(p.0[1]) + u16::from(p.0[2]) < 3 * 140
                })
            })
            .count()
    };
    // "8" takes the first tenth or so of the label; the rest is Hangul. Each syllable
    // drawn at 12.5 px has a few dozen dark pixels; a font without Hangul leaves the
    // rest of the label blank (or draws one thin box per character).
    let width = label.width();
    let hangul = ink(label.left() + width * 0.2, label.right());
    assert!(hangul > 60, "dark pixels of the Hangul part: {hangul}");
    let beyond = ink(label.right() + 4.0, label.right() + 4.0 + width);
    eprintln!("label {label:?}: {hangul} dark pixels in its Hangul part, {beyond} beyond it");
    assert!(beyond < hangul / 4, "ink beyond the label: {beyond}");
    // And the fonts resvg used for it: NanumGothic, with real glyphs.
    let glyphs = wpk_timeline::render::png::glyph_fonts(&text).expect("parsed");
    let hangul_glyphs: Vec<_> = glyphs
        .iter()
        .filter(|(t, _, _)| t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)))
        .collect();
    assert!(hangul_glyphs.len() >= 5, "{hangul_glyphs:?}");
    assert!(
        hangul_glyphs
            .iter()
            .all(|(_, family, found)| family == "NanumGothic" && *found),
        "{hangul_glyphs:?}"
    );
}
