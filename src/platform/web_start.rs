//! What a web page's address asks the viewer for (issue 17): the query string of
//! `index.html?file=lectures/1956.ron&event=august-plenum&view=1950..1960&present&step=3`.
//! Pure, so it is tested on every platform; the web entry point (`src/web_main.rs`)
//! applies it.
//!
//! - `file=PATH`: a timeline fetched from the same site (relative to the page); a file
//!   elsewhere is refused, since the page must not become a viewer for any site's data.
//! - `event=ID`, `view=FROM..TO` (as `--view`), `present`, `step=N` (1-based), `dark`:
//!   as the desktop's options of the same names.

use url::Url;

/// The viewer's start, from the address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebStart {
    /// The file to open: its name as written in the address, and where to fetch it
    /// (`Err`: why it will not be fetched).
    pub file: Option<(String, Result<String, String>)>,
    /// The event to select.
    pub event: Option<String>,
    /// The range to show.
    pub view: Option<(String, String)>,
    /// Start presenting.
    pub present: bool,
    /// The presentation step, 1-based.
    pub step: Option<usize>,
    /// The dark theme.
    pub dark: bool,
    /// What in the address was not understood, one line each.
    pub problems: Vec<String>,
}

/// Reads the address `page` (the whole URL of the page).
pub fn parse(page: &str) -> WebStart {
    let mut start = WebStart::default();
    let Ok(page) = Url::parse(page) else {
        start
            .problems
            .push(format!("the page address {page:?} is not a URL"));
        return start;
    };
    for (key, value) in page.query_pairs() {
        let value = value.trim();
        match &*key {
            "file" if !value.is_empty() => {
                start.file = Some((value.to_owned(), same_site(&page, value)));
            }
            "event" if !value.is_empty() => start.event = Some(value.to_owned()),
            "view" => match crate::cli::parse_range(value) {
                Ok(range) => start.view = Some(range),
                Err(why) => start.problems.push(format!("view={value}: {why}")),
            },
            "present" => start.present = flag(value),
            "dark" => start.dark = flag(value),
            "step" => match value.parse::<usize>() {
                Ok(step) if step >= 1 => start.step = Some(step),
                _ => start
                    .problems
                    .push(format!("step={value}: expected a step number from 1")),
            },
            _ => start.problems.push(format!(
                "{key}={value}: not understood (file, event, view, present, step, dark)"
            )),
        }
    }
    start
}

/// `present`, `present=1`, `present=true` are on; `present=0`, `present=false` off.
fn flag(value: &str) -> bool {
    !matches!(value, "0" | "false" | "no" | "off")
}

/// Where to fetch `file`, written relative to `page`, if it is on the page's own site.
fn same_site(page: &Url, file: &str) -> Result<String, String> {
    let url = page
        .join(file)
        .map_err(|error| format!("is not a file address ({error})"))?;
    if url.origin() != page.origin() {
        return Err(format!(
            "is on another site ({}); a page only opens files from its own site: \
             put the file beside index.html and write file=NAME.ron",
            url.origin().ascii_serialization()
        ));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://uni.example/history/wpk/index.html";

    #[test]
    fn every_option_is_read() {
        let start = parse(&format!(
            "{PAGE}?file=lectures/1956%20plenum.ron&event=august-plenum&view=1950..1960&present&step=3&dark=0"
        ));
        assert_eq!(
            start,
            WebStart {
                file: Some((
                    "lectures/1956 plenum.ron".to_owned(),
                    Ok("https://uni.example/history/wpk/lectures/1956%20plenum.ron".to_owned())
                )),
                event: Some("august-plenum".to_owned()),
                view: Some(("1950".to_owned(), "1960".to_owned())),
                present: true,
                step: Some(3),
                dark: false,
                problems: vec![],
            }
        );
    }

    #[test]
    fn nothing_asked_is_the_default() {
        assert_eq!(parse(PAGE), WebStart::default());
        assert_eq!(parse("http://localhost:8000/?"), WebStart::default());
    }

    #[test]
    fn files_of_other_sites_are_refused() {
        for file in [
            "https://evil.example/x.ron",
            "//evil.example/x.ron",
            "http://uni.example/history/wpk/x.ron",
            "https://uni.example:8443/x.ron",
        ] {
            let start = parse(&format!("{PAGE}?file={}", file.replace(':', "%3A")));
            let (name, fetched) = start.file.expect(file);
            assert_eq!(name, file);
            let why = fetched.expect_err(file);
            assert!(why.contains("another site"), "{file}: {why}");
        }
        let start = parse(&format!("{PAGE}?file=/data/x.ron"));
        assert_eq!(
            start.file.map(|f| f.1),
            Some(Ok("https://uni.example/data/x.ron".to_owned()))
        );
    }

    #[test]
    fn what_is_not_understood_is_said_and_ignored() {
        let start = parse(&format!("{PAGE}?view=1960..1950&step=0&zoom=2&view=soon"));
        assert_eq!(start.view, None);
        assert_eq!(start.step, None);
        assert_eq!(start.problems.len(), 4, "{:?}", start.problems);
        assert!(start.problems[0].starts_with("view=1960..1950: "));
        assert!(start.problems[2].starts_with("zoom=2: not understood"));
    }
}
