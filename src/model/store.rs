//! The sample store: the one buffer of Monte Carlo results kept between runs, one per
//! thread, and how it is allocated so that a first run does not pay for page faults.
//!
//! This is the model's only state that outlives a call. It holds no results anyone reads
//! later: every slot a run reads was written by that run. It exists so that the explorer's
//! recomputation on each key press reuses memory instead of asking the kernel for 15–20 MB
//! (docs/performance.md, "sample store").

use super::percentiles::Key;

thread_local! {
    /// The last sample store of this thread, kept for the next run (see `with_store`).
    static STORE: std::cell::Cell<Vec<Key>> = const { std::cell::Cell::new(Vec::new()) };
}
/// Largest store kept between runs (64 MiB of keys: about 38,000 samples of a 12-year run).
const STORE_KEEP: usize = 16 << 20;

/// Keys in a 2 MiB huge page.
const HUGE_PAGE_KEYS: usize = (2 << 20) / std::mem::size_of::<Key>();

/// `need` keys of `kept`, replaced first if too small, starting on a huge-page boundary when
/// the store spans at least two huge pages.
///
/// Every slot is written by a worker before the reduction reads it, so a store left from an
/// earlier run on this thread is reused as it is (zeroing 15 MB for 10,000 samples took
/// longer than any one step of the reduction). A store too small is replaced, not grown:
/// `vec![0; n]` asks the allocator for zeroed memory, which for a large store is fresh pages
/// from the kernel, already zero, so nothing is written here; the pages are first touched by
/// the workers' writes, on every core at once. A large store also asks for transparent huge
/// pages: a first run otherwise spent about a quarter of its CPU time in the kernel, faulting
/// in, and at exit unmapping, 4 KiB pages one at a time (3,000 for 10,000 samples of the
/// bundled baseline), and the fill's writes to 300–400 columns a batch missed the TLB.
fn store_for(kept: &mut Vec<Key>, need: usize) -> &mut [Key] {
    let huge = need >= 2 * HUGE_PAGE_KEYS;
    // Room to start on a boundary and to end on one.
    let want = if huge {
        need + 2 * HUGE_PAGE_KEYS
    } else {
        need
    };
    if kept.len() < want {
        *kept = Vec::new();
        *kept = vec![0; want];
        if huge {
            advise_huge_pages(kept);
        }
    }
    let start = if huge {
        let offset = kept
            .as_ptr()
            .align_offset(HUGE_PAGE_KEYS * std::mem::size_of::<Key>());
        if offset
            .checked_add(need)
            .is_some_and(|end| end <= kept.len())
        {
            offset
        } else {
            0
        }
    } else {
        0
    };
    &mut kept[start..start + need]
}

/// Asks the kernel to back the whole huge pages inside `keys` with huge pages when they are
/// first touched. Advice only: contents and validity of the memory do not change, and a
/// kernel without transparent huge pages (or set to `never`) ignores it.
#[cfg(target_os = "linux")]
fn advise_huge_pages(keys: &[Key]) {
    const HUGE: usize = 2 << 20;
    let start = keys.as_ptr() as usize;
    let end = start + std::mem::size_of_val(keys);
    let first = start.next_multiple_of(HUGE);
    let last = end / HUGE * HUGE;
    if last > first {
        // SAFETY: `[first, last)` lies inside the live allocation behind `keys`, and
        // MADV_HUGEPAGE only changes how the kernel backs those pages, never what they hold.
        #[allow(unsafe_code, reason = "the one reviewed FFI call: madvise, see SAFETY")]
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                last - first,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_keys: &[Key]) {}

/// Runs `f` on a store of `need` keys: this thread's kept store when it is large enough, a
/// fresh one otherwise, kept afterwards for the next run unless it is very large.
pub(crate) fn with_store<R>(need: usize, f: impl FnOnce(&mut [Key]) -> R) -> R {
    let mut kept = STORE.take();
    let result = f(store_for(&mut kept, need));
    if kept.len() <= STORE_KEEP {
        STORE.set(kept);
    }
    result
}
