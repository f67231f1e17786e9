//! The Korean font embedded in the web build: "WPK Hangul", NanumGothic cut down to
//! Latin, punctuation, jamo and every Hangul syllable (no Hanja) and renamed as its
//! licence asks (`scripts/web-font`). A third of NanumGothic's size, which keeps the
//! page's download under 5 MB compressed (issue 17); Hanja in a file the web build
//! opens fall back to whatever egui's default fonts have.

/// The font's bytes, embedded in the `.wasm`.
pub const HANGUL_FONT: &[u8] = include_bytes!("../../../assets/fonts/WPKHangul-web.ttf");

/// What the About window says of it.
pub const HANGUL_FONT_CREDIT: &str = "WPK Hangul, a Hangul-only subset of NanumGothic \
     (© NAVER Corporation), renamed as the SIL Open Font License 1.1 asks of a modified \
     version.";
