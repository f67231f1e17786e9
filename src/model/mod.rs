//! The pure data core: the file format, dates, loading, the validated timeline,
//! search text and romanisation, citations, pictures.

pub mod citation;
pub mod date;
pub mod diagnostic;
pub mod load;
pub mod media;
pub mod places;
pub mod romanize;
pub mod schema;
pub mod search;
pub(crate) mod threads;
pub mod timeline;
pub mod wording;
