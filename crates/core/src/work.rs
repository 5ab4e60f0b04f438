//! Counting work, for tests that must tell a bounded lookup from a scan
//! without timing anything (timed tests are noise on a shared machine):
//! code on a hot path calls [`count`] with what it looked at, and a test
//! [`reset`]s, runs the operation and reads [`counted`]. Counts are per
//! thread and exist only in test builds; elsewhere [`count`] is nothing.

/// What is counted.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Work {
    /// Characters looked at to cut a snippet around a position (`query`).
    SnippetChars = 0,
    /// Files looked at to resolve a link (`resolve::FileIndex`).
    FilesExamined = 1,
}

#[cfg(test)]
thread_local! {
    static COUNTS: std::cell::Cell<[usize; 2]> = const { std::cell::Cell::new([0; 2]) };
}

/// Records `n` units of `work` (test builds only).
#[inline]
pub(crate) fn count(work: Work, n: usize) {
    #[cfg(test)]
    COUNTS.with(|c| {
        let mut all = c.get();
        all[work as usize] += n;
        c.set(all);
    });
    #[cfg(not(test))]
    let _ = (work, n);
}

/// Sets the count of `work` on this thread back to zero.
#[cfg(test)]
pub(crate) fn reset(work: Work) {
    COUNTS.with(|c| {
        let mut all = c.get();
        all[work as usize] = 0;
        c.set(all);
    });
}

/// How much `work` this thread has counted since the last [`reset`].
#[cfg(test)]
pub(crate) fn counted(work: Work) -> usize {
    COUNTS.with(|c| c.get()[work as usize])
}
