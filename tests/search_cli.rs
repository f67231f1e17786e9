//! `wpk-timeline search QUERY [FILE]` run as a real process: one `id<TAB>date<TAB>title`
//! line per matching event, and every spelling of a Korean name finds its events.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wpk_timeline::model::load::load_embedded;

fn search(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .arg("search")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn space_race() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/space_race.ron")
}

/// The ids printed, checking that every line has three tab-separated fields.
fn ids(output: &Output) -> BTreeSet<String> {
    let text = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    text.lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "id, date, title: {line:?}");
            assert!(fields.iter().all(|f| !f.is_empty()), "{line:?}");
            fields[0].to_owned()
        })
        .collect()
}

/// The ids of the built-in dataset's events that name a person by `native`.
fn naming(native: &str) -> BTreeSet<String> {
    let timeline = load_embedded().expect("dataset");
    timeline
        .events
        .iter()
        .filter(|e| {
            e.record
                .people
                .iter()
                .any(|p| p.native.as_deref() == Some(native))
        })
        .map(|e| e.record.id.to_string())
        .collect()
}

#[test]
fn every_spelling_of_kim_jong_il_finds_his_events() {
    let expected = naming("김정일");
    assert!(expected.len() >= 5);
    for query in [
        "kim chong il",
        "Kim Chŏng-il",
        "kim jong-il",
        "김정일",
        "Gim Jeong-il",
    ] {
        let output = search(&[query]);
        assert_eq!(output.status.code(), Some(0), "{query}");
        let found = ids(&output);
        assert!(
            found.is_superset(&expected),
            "{query}: {found:?} ⊉ {expected:?}"
        );
    }
}

#[test]
fn every_spelling_of_pak_hon_yong_finds_his_events() {
    let expected = naming("박헌영");
    assert!(expected.len() >= 5);
    for query in [
        "bak heonyeong",
        "pak hon yong",
        "Pak Hŏn-yŏng",
        "박헌영",
        "Park Heon-yeong",
    ] {
        let found = ids(&search(&[query]));
        assert!(
            found.is_superset(&expected),
            "{query}: {found:?} ⊉ {expected:?}"
        );
    }
}

#[test]
fn lines_give_the_date_as_the_panel_does_in_time_order() {
    let output = search(&["lunar", space_race().to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).expect("UTF-8"),
        "n1-l3\t1964 – May 1974 (end disputed: February 1976)\tThe Soviet crewed lunar programme\n"
    );
    // Cyrillic names are searched in any case.
    let output = search(&["ЛЕОНОВ", space_race().to_str().expect("UTF-8 path")]);
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let found: Vec<&str> = text.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(found, ["voskhod-2", "apollo-soyuz"]);
}

#[test]
fn no_match_and_bad_files_have_their_own_exit_codes() {
    let output = search(&["no such thing anywhere"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no events match"));

    let output = search(&["kim", "tests/fixtures/no-such-file.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-file.ron"));

    let output = search(&["kim", "tests/fixtures/broken.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("error: tests/fixtures/broken.ron:")
    );
}
