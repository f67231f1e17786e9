//! The pure data core: the file format, dates, loading and the validated timeline.

pub mod date;
pub mod diagnostic;
pub mod load;
pub mod schema;
pub mod search;
pub mod timeline;
