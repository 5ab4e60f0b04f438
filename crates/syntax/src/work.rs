//! Counting work, for tests that must tell a bounded lookup from a scan
//! without timing anything (see `hanji_core`'s module of the same name):
//! counts are per thread and exist only in this crate's test builds.

/// Records `n` bytes looked at to turn an offset into a column.
#[inline]
pub(crate) fn count_column_bytes(n: usize) {
    #[cfg(test)]
    COUNT.with(|c| c.set(c.get() + n));
    #[cfg(not(test))]
    let _ = n;
}

#[cfg(test)]
thread_local! {
    static COUNT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
pub(crate) fn reset() {
    COUNT.with(|c| c.set(0));
}

#[cfg(test)]
pub(crate) fn counted() -> usize {
    COUNT.with(std::cell::Cell::get)
}
