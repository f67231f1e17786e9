//! The application's contact with the operating system that is not drawing:
//! here, opening links in the browser.

pub mod links;
