//! A file on disk loads the same whether it is read a piece at a time (a file that
//! loads cleanly: `src/model/load/stream.rs`) or whole (anything else): every fixture,
//! example and the dataset, generated files in both writers, and files with problems or
//! warnings, which must keep their messages with lines and columns.

use std::path::Path;

use wpk_timeline::model::load::{load_path, load_str_in, to_ron_string};

/// Loads the file at `path` from disk and its text from memory (with the same folder
/// for its pictures); both answers must be equal.
fn same_from_disk(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let name = path.display().to_string();
    let from_disk = load_path(path);
    let from_text = load_str_in(&name, &text, path.parent());
    match (&from_disk, &from_text) {
        (Ok(a), Ok(b)) => assert!(a == b, "{name}: the timelines differ"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{name}: the messages differ"),
        _ => panic!("{name}: from disk {from_disk:?}, from text {from_text:?}"),
    }
}

/// [`same_from_disk`] of `text` written to a file named `name`.
fn same_both_ways(name: &str, text: &str) {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join(name);
    std::fs::write(&path, text).expect("write");
    same_from_disk(&path);
}

#[test]
fn every_file_of_the_repository_loads_the_same_from_disk() {
    let mut seen = 0;
    for folder in ["tests/fixtures", "examples/media", "data"] {
        for entry in
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).expect("folder")
        {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ron") {
                same_from_disk(&path);
                seen += 1;
            }
        }
    }
    assert!(seen >= 8, "only {seen} files");
}

#[test]
fn generated_files_load_the_same_from_disk_in_either_writer() {
    for (events, seed) in [(1, 1), (300, 2), (5_000, 3)] {
        let file = wpk_timeline::generate::generate_timeline(events, seed);
        let compact = wpk_timeline::generate::to_compact_ron(&file).expect("compact");
        let pretty = to_ron_string(&file).expect("pretty");
        same_both_ways("compact.ron", &compact);
        same_both_ways("pretty.ron", &pretty);
    }
}

#[test]
fn problems_and_warnings_keep_their_lines_and_columns() {
    let good = wpk_timeline::generate::to_compact_ron(&wpk_timeline::generate::generate_timeline(
        2_000, 4,
    ))
    .expect("compact");
    // An error deep in the events list, one after it, a warning, a syntax error, a
    // truncated file, a byte-order mark.
    let late_error = good.replacen("importance: 1", "importance: 9", 1);
    let home_page = good.replacen(
        "sources: [Reference(title: \"",
        "sources: [Reference(url: \"https://example.org/\", title: \"",
        1,
    );
    let syntax = good.replacen("category: ", "category ", 1);
    let cut = good.get(..good.len() / 2).expect("half");
    let bom = format!("\u{feff}{good}");
    let unknown_related = good.replacen("related: [\"", "related: [\"nowhere\", \"", 1);
    for (what, text) in [
        ("late error", late_error.as_str()),
        ("home page warning", home_page.as_str()),
        ("syntax error", syntax.as_str()),
        ("cut file", cut),
        ("byte-order mark", bom.as_str()),
        ("unknown related id", unknown_related.as_str()),
    ] {
        assert_ne!(text, good, "{what}: the edit did not apply");
        same_both_ways(&format!("{what}.ron"), text);
    }
    // The edits are caught (not loaded as if fine).
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("late.ron");
    std::fs::write(&path, &late_error).expect("write");
    let error = load_path(&path).expect_err("importance 9 is refused");
    assert!(error.to_string().contains("importance 9"), "{error}");
    let path = folder.path().join("warned.ron");
    std::fs::write(&path, &home_page).expect("write");
    let warned = load_path(&path).expect("a warning still loads");
    assert_eq!(warned.warnings.len(), 1, "{:?}", warned.warnings);
}

#[test]
fn a_large_file_checked_in_threads_reports_every_problem_in_file_order() {
    // Large enough that its events are checked in several threads.
    let good = wpk_timeline::generate::to_compact_ron(&wpk_timeline::generate::generate_timeline(
        30_000, 6,
    ))
    .expect("compact");
    let lines: Vec<&str> = good.lines().collect();
    let event_lines: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.contains("importance: "))
        .map(|(number, _)| number)
        .collect();
    // A problem near the start, in the middle and at the end of the events, where the
    // threads' shares begin and end.
    let count = event_lines.len();
    let chosen = [
        event_lines[3],
        event_lines[count / 2 - 1],
        event_lines[count / 2],
        event_lines[count - 1],
    ];
    let mut edited: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
    for &number in &chosen {
        let line = &mut edited[number];
        let at = line.find("importance: ").expect("importance") + "importance: ".len();
        line.replace_range(at..at + 1, "9");
    }
    let text = edited.join("\n");
    let error = wpk_timeline::model::load::load_str("large.ron", &text).expect_err("refused");
    let found: Vec<usize> = error
        .diagnostics()
        .iter()
        .map(|d| d.to_string())
        .filter(|message| message.contains("importance 9"))
        .map(|message| {
            let after = message.strip_prefix("large.ron:").expect("position");
            after
                .split(':')
                .next()
                .expect("line")
                .parse::<usize>()
                .expect("number")
        })
        .collect();
    let expected: Vec<usize> = chosen.iter().map(|number| number + 1).collect();
    assert_eq!(found, expected, "{error}");
    same_both_ways("large.ron", &text);
}
