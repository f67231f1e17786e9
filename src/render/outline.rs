//! SVG with its text as outlines (`export --outline-text`): the SVG that [`super::svg`]
//! writes from a scene, read by resvg's parser in the window's fonts exactly as for a
//! PNG ([`super::png::parse`]), and written back with every glyph a path. Renderers
//! that lack the window's fonts or ignore `textLength` (librsvg, ImageMagick, office
//! programs) then draw the window's letters in the window's places. The price: the
//! text is no longer text (nothing to select, search or read aloud), and tooltips
//! (`<title>`) are dropped.

/// `svg` with its text turned into outlines.
pub fn outline_text(svg: &str) -> Result<String, String> {
    let tree = super::png::parse(svg)?;
    Ok(tree.to_string(&usvg::WriteOptions::default()))
}
