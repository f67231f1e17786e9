//! `wpk-timeline check FILE...` run as a real process: what it prints and the
//! exit code (0 all valid, 1 some invalid, 2 some unreadable; the worst wins).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.ron")
}

fn check(files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .arg("check")
        .args(files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("the process exited, not killed")
}

/// A file with one impossible date (line 17, column 19) in a fresh directory.
fn broken_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("broken.ron");
    assert_eq!(MINIMAL.matches("\"1956-08-30\"").count(), 1);
    std::fs::write(&path, MINIMAL.replace("\"1956-08-30\"", "\"1956-02-30\"")).unwrap();
    path
}

/// A file with two problems.
fn twice_broken_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("twice.ron");
    let text = MINIMAL
        .replace("importance: 5", "importance: 0")
        .replace("(event: \"second\")", "(event: \"secund\")");
    std::fs::write(&path, text).unwrap();
    path
}

fn ok_line(path: &Path) -> String {
    format!(
        "ok: {}: 2 events, 1 era, 1 category, 2 tour steps",
        path.display()
    )
}

#[test]
fn a_valid_file_is_ok_with_its_counts() {
    let path = fixture();
    let output = check(&[&path]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    let out = stdout(&output);
    assert!(out.starts_with("ok: "), "{out}");
    assert_eq!(out, format!("{}\n", ok_line(&path)));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_relative_path_is_named_as_given() {
    let relative = Path::new("tests/fixtures/minimal.ron");
    let output = check(&[relative]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "ok: tests/fixtures/minimal.ron: 2 events, 1 era, 1 category, 2 tour steps\n"
    );
}

#[test]
fn the_counts_are_singular_for_one_and_plural_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    // The fixture without its events and tour: 0 events, 1 era, 1 category, 0 steps.
    let events = MINIMAL.find("    events: [").unwrap();
    std::fs::write(&path, format!("{}    events: [],\n)\n", &MINIMAL[..events])).unwrap();
    let output = check(&[&path]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "ok: {}: 0 events, 1 era, 1 category, 0 tour steps\n",
            path.display()
        )
    );
}

#[test]
fn a_broken_file_exits_1_and_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = broken_file(&dir);
    let output = check(&[&path]);
    assert_eq!(code(&output), 1);
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    let location = format!("{}:17:19:", path.display());
    assert!(err.contains(&location), "{err}");
    assert_eq!(
        err,
        format!(
            "error: {location} invalid date 1956-02-30: February 1956 has 29 days\n\
             17 |             date: \"1956-02-30\",\n   |                   ^\n\
             {}: 1 problem found\n",
            path.display()
        )
    );
}

#[test]
fn every_problem_of_a_file_is_printed_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = twice_broken_file(&dir);
    let output = check(&[&path]);
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    let headlines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        headlines,
        [
            format!(
                "error: {}:20:13: event `first` has importance 0; it must be 1 (minor) to 5 \
                 (essential)",
                path.display()
            ),
            format!(
                "error: {}:39:17: tour step 2 names unknown event `secund`; did you mean \
                 `second`?",
                path.display()
            ),
        ]
    );
    assert!(
        err.ends_with(&format!("{}: 2 problems found\n", path.display())),
        "{err}"
    );
}

#[test]
fn a_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.ron");
    let output = check(&[&path]);
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!("error: {}: no such file\n", path.display())
    );
}

#[test]
fn a_directory_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(&[dir.path()]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: is a directory, not a timeline file (give the path of a .ron file)\n",
            dir.path().display()
        )
    );
}

#[test]
fn the_worst_result_wins_and_every_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = fixture();
    let broken = broken_file(&dir);
    let missing = dir.path().join("missing.ron");

    // Valid and invalid: 1.
    let output = check(&[&good, &broken]);
    assert_eq!(code(&output), 1);
    assert_eq!(stdout(&output), format!("{}\n", ok_line(&good)));
    assert!(stderr(&output).contains(&format!("{}:17:19:", broken.display())));

    // Invalid before valid: still 1, and the valid file is still reported.
    let output = check(&[&broken, &good]);
    assert_eq!(code(&output), 1);
    assert_eq!(stdout(&output), format!("{}\n", ok_line(&good)));

    // All three, in any order: 2, and each file is reported.
    for files in [
        [&good, &broken, &missing],
        [&missing, &broken, &good],
        [&broken, &missing, &good],
    ] {
        let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
        let output = check(&paths);
        assert_eq!(code(&output), 2, "{paths:?}");
        assert_eq!(stdout(&output), format!("{}\n", ok_line(&good)));
        let err = stderr(&output);
        assert!(
            err.contains(&format!("{}:17:19:", broken.display())),
            "{err}"
        );
        assert!(
            err.contains(&format!("error: {}: no such file", missing.display())),
            "{err}"
        );
    }

    // Missing and valid: 2.
    let output = check(&[&missing, &good]);
    assert_eq!(code(&output), 2);

    // Two valid files: 0, one line each, in order.
    let output = check(&[&good, &good]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        format!("{}\n{}\n", ok_line(&good), ok_line(&good))
    );
}

#[test]
fn check_without_files_is_a_usage_error() {
    let output = check(&[]);
    assert_eq!(code(&output), 2, "clap's usage errors exit with 2");
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("Usage"), "{}", stderr(&output));
}

#[test]
fn a_step_outside_the_tour_is_an_error_naming_the_range_before_any_window() {
    for step in ["0", "28", "99", "-1", "-99999999999"] {
        let output = Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
            .args(["--present", "--step", step])
            .output()
            .expect("runs");
        assert_eq!(code(&output), 2, "--step {step}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(&format!("--step {step}: the tour has 27 steps (1–27)")),
            "--step {step}: {}",
            stderr(&output)
        );
    }
}

/// `--view -500..500` was read by clap as an unknown option `-5` ("unexpected argument";
/// its tip `-- -5` then fails as a file name). A value beginning with a minus sign is
/// the view's, and what is wrong with it is said in the words of dates.
#[test]
fn a_view_beginning_with_a_minus_sign_is_read_as_the_view() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let out = folder.path().join("bc.svg");
    let output = Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .args(["export", "--view", "-500..500", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot read date \"-500\""),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("unexpected argument"));
    assert!(!out.exists());
}
