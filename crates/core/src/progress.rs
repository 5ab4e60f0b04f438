//! A count of work done out of a total, shared between the thread doing long
//! work (loading, indexing) and one that reports it, such as a progress bar.
//!
//! Updating it is one relaxed atomic add per step, so the work never waits
//! for the reporter. It must never block, allocate per step or do IO.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Steps done out of a total; the total is 0 until the work knows its size.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// Starts counting a new piece of work of `total` steps.
    pub fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more step done.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Steps done and the total. `done` never exceeds `total` in what is
    /// returned, even when a reporter reads between a restart's two stores.
    pub fn get(&self) -> (usize, usize) {
        let total = self.total.load(Ordering::Relaxed);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_steps_of_each_piece_of_work() {
        let p = Progress::default();
        assert_eq!(p.get(), (0, 0));
        p.start(3);
        p.step();
        p.step();
        assert_eq!(p.get(), (2, 3));
        p.step();
        p.step();
        assert_eq!(p.get(), (3, 3), "done is capped at the total");
        p.start(10);
        assert_eq!(p.get(), (0, 10));
    }
}
