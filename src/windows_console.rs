//! Windows only: borrow the console of the terminal that started the program.
//!
//! The Windows executable is built for the GUI subsystem (`windows_subsystem =
//! "windows"` in `main.rs`), so starting it from the desktop opens no console window.
//! A GUI program has no console of its own, though, so `check`, `export` and
//! `generate` started from `cmd` or PowerShell would print nothing. Attaching to the
//! parent's console at start-up gives them one; when there is no parent console (a
//! double-click in Explorer) the call fails harmlessly and nothing changes. Output that
//! is redirected to a file or a pipe keeps its handles either way.
//!
//! One of the crate's two `unsafe` calls (the other is glibc's `mallopt`,
//! `platform/memory.rs`): one call into the Win32 API, which has no safe wrapper in the
//! crates already in the dependency tree.

/// Attaches to the console of the parent process, if it has one.
#[allow(unsafe_code)]
pub fn attach_to_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: `AttachConsole` takes a process id by value and touches no memory of
    // ours; on failure (no parent console, or one is attached already) it returns 0,
    // which is fine to ignore: the program then simply has no console, as before.
    let _attached = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
}
