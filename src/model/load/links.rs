//! Which links a timeline may hold: absolute `http`/`https` URLs with a host, checked
//! with a real URL parser at load time. Anything else could be handed to the browser
//! as a local path (`https://[/../../etc/passwd`), or disguise where it leads
//! (`https://trusted.example@evil.example`), so it is refused with a reason.

use url::Url;

/// The link, parsed, or why it is refused (a phrase following `link "…"`).
pub fn check_link(text: &str) -> Result<Url, String> {
    if text.is_empty() {
        return Err("is empty".to_owned());
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let what = if c.is_control() {
            "a control character"
        } else {
            "a space"
        };
        return Err(format!(
            "contains {what}; write spaces as %20, and nothing around the address"
        ));
    }
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        text.get(8..)
    } else if lower.starts_with("http://") {
        text.get(7..)
    } else {
        return Err("must start with https:// or http://".to_owned());
    }
    .unwrap_or_default();
    if rest.is_empty() || rest.starts_with(['/', '\\']) {
        return Err("has no host after the scheme (like https://example.org/page)".to_owned());
    }
    if text.contains('\\') {
        return Err("contains a backslash; web addresses use `/`".to_owned());
    }
    let url = Url::parse(text).map_err(|error| format!("is not a valid web address ({error})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("must start with https:// or http://".to_owned());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host after the scheme (like https://example.org/page)".to_owned());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "contains a user name before `@`, which hides where the link really leads".to_owned(),
        );
    }
    Ok(url)
}

/// Whether a valid link is only a site's home page (no path, query or fragment): a
/// reference should name the page that supports the event.
pub fn is_home_page(url: &Url) -> bool {
    matches!(url.path(), "" | "/") && url.query().is_none() && url.fragment().is_none()
}

/// Whether a link may be opened: it passes [`check_link`].
pub fn is_web_link(text: &str) -> bool {
    check_link(text).is_ok()
}

/// The host a link leads to, to show beside it (`None` for a link that is refused).
pub fn link_host(text: &str) -> Option<String> {
    check_link(text)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_web_links_with_a_host_pass() {
        let refused = [
            ("", "is empty"),
            (
                "https://[/../../../../../../../../etc/passwd",
                "not a valid web address",
            ),
            ("https://exa mple.org/page", "a space"),
            (" https://example.org/page", "a space"),
            ("https://example.org/\tpage", "a control character"),
            ("https://example.org/\u{1b}[2J", "a control character"),
            ("https:///etc/passwd", "no host"),
            ("https://", "no host"),
            ("http://", "no host"),
            ("https:\\\\evil.example", "must start with"),
            ("https://\\evil.example", "no host"),
            ("https://example.org\\..\\x", "backslash"),
            ("file:///etc/passwd", "must start with"),
            ("/etc/passwd", "must start with"),
            ("javascript:alert(1)", "must start with"),
            ("ftp://example.org/file", "must start with"),
            ("https://user@evil.example/page", "user name"),
            ("https://trusted.example:pw@evil.example/", "user name"),
            ("https://[::1", "not a valid web address"),
        ];
        for (link, why) in refused {
            let problem = check_link(link).expect_err(link);
            assert!(problem.contains(why), "{link:?}: {problem}");
            assert!(!is_web_link(link));
            assert_eq!(link_host(link), None);
        }
        let accepted = [
            ("https://example.org/book", "example.org"),
            ("HTTP://Example.ORG/a?b=c#d", "example.org"),
            (
                "https://ko.wikipedia.org/wiki/%EC%A1%B0%EC%84%A0",
                "ko.wikipedia.org",
            ),
            ("https://[::1]:8080/x", "[::1]"),
        ];
        for (link, host) in accepted {
            assert!(check_link(link).is_ok(), "{link}");
            assert_eq!(link_host(link).as_deref(), Some(host));
        }
    }

    #[test]
    fn a_home_page_is_told_apart_from_a_page() {
        let home = |link: &str| is_home_page(&check_link(link).expect(link));
        assert!(home("https://example.org"));
        assert!(home("https://example.org/"));
        assert!(!home("https://example.org/book"));
        assert!(!home("https://example.org/?id=5"));
        assert!(!home("https://example.org/#section"));
    }
}
