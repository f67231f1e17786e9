//! The one place that opens a link: it is checked again (only absolute `http`/`https`
//! URLs with a host and no user name, see [`check_link`]) and handed to the browser
//! through `webbrowser` with its `hardened` feature, which never treats a link as a
//! local path.

use crate::model::diagnostic::escape_control;
use crate::model::load::check_link;

/// Opens `url` in the default browser; an error says why in plain words.
pub fn open_link(url: &str) -> Result<(), String> {
    let parsed = checked(url)?;
    webbrowser::open(parsed.as_str()).map_err(|error| {
        format!(
            "could not open {}: {error}",
            parsed.host_str().unwrap_or_default()
        )
    })
}

/// The link as it will be opened, or why it will not be.
fn checked(url: &str) -> Result<url::Url, String> {
    check_link(url).map_err(|problem| {
        let mut shown: String = escape_control(url).chars().take(200).collect();
        if url.chars().nth(200).is_some() {
            shown.push('…');
        }
        format!("not opening the link {shown:?}: it {problem}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_links_are_never_handed_to_the_browser() {
        for url in [
            "https://[/../../../../../../../../etc/passwd",
            "https://exa mple.org/x",
            "file:///etc/passwd",
            "https:///etc/passwd",
            "https://user@evil.example/",
        ] {
            let error = open_link(url).expect_err(url);
            assert!(error.starts_with("not opening the link"), "{error}");
        }
        assert_eq!(
            checked("https://example.org/a b").map(|u| u.to_string()),
            Err(
                "not opening the link \"https://example.org/a b\": it contains a space; \
                 write spaces as %20, and nothing around the address"
                    .to_owned()
            )
        );
        assert!(checked("https://example.org/book").is_ok());
    }
}
