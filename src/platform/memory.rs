//! How the memory allocator keeps what a frame frees (Linux with glibc; elsewhere
//! nothing to do).
//!
//! Every frame egui builds its triangles in buffers of a megabyte or two and frees them
//! when they are drawn. glibc's allocator, left to itself, hands such memory back to the
//! system at once (large blocks are mapped and unmapped, the top of the heap trimmed),
//! so the next frame faults the same pages in again: in the 60-step zoom benchmark a
//! thousand page faults a frame, and the kernel's share of a wide step as large as the
//! drawing's. [`keep_freed_memory`] lets blocks up to a few megabytes come from the heap
//! and keeps up to [`TRIM_THRESHOLD`] bytes free at its top; larger blocks (a big file's
//! events while loading) are still mapped and given back when freed. macOS's and
//! Windows' allocators keep freed memory for reuse by themselves.
//!
//! The one `unsafe` outside the Windows console call: two `mallopt` calls, which glibc
//! documents as safe to make at any time, with no safe wrapper in the crates already
//! in the dependency tree.

/// Blocks at least this large are mapped from the system and unmapped when freed.
pub const MMAP_THRESHOLD: usize = 4 * 1024 * 1024;
/// Up to this much free memory stays at the top of the heap.
pub const TRIM_THRESHOLD: usize = 16 * 1024 * 1024;

/// Sets the allocator up for a program that draws frames: see the module's notes.
/// Returns whether it did (only on Linux with glibc).
pub fn keep_freed_memory() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        set(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) && set(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn set(parameter: libc::c_int, value: usize) -> bool {
    let Ok(value) = libc::c_int::try_from(value) else {
        return false;
    };
    // SAFETY: `mallopt` takes two integers by value and touches no memory of ours; it
    // returns 1 on success and 0 for a parameter or value glibc refuses.
    unsafe { libc::mallopt(parameter, value) == 1 }
}

#[cfg(test)]
mod tests {
    #[test]
    fn glibc_takes_the_settings() {
        // Both values are within glibc's limits (the mapping threshold's is 32 MB).
        assert_eq!(
            super::keep_freed_memory(),
            cfg!(all(target_os = "linux", target_env = "gnu"))
        );
    }
}
