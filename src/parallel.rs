//! Work on many independent items spread over every core, with the results
//! kept in the items' order. Used where thousands of entries are each
//! handled alone: reading them, checking them before an export, writing them
//! out.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work(first, run)` for each run of up to `run_len` items, on every core,
/// with the results of all the runs joined in the items' order. `first` is
/// the index of the run's first item. Small inputs (one run) and one-core
/// machines do the work on this thread.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    run_len: usize,
    work: impl Fn(usize, &[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let run_len = run_len.max(1);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs: Vec<&[T]> = items.chunks(run_len).collect();
    if runs.len() <= 1 || threads == 1 {
        return work(0, items);
    }
    let next = AtomicUsize::new(0);
    let done: Vec<Vec<(usize, Vec<R>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(runs.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let run = next.fetch_add(1, Ordering::Relaxed);
                        let Some(items) = runs.get(run) else {
                            break mine;
                        };
                        mine.push((run, work(run * run_len, items)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| match w.join() {
                Ok(done) => done,
                // A panic in the work is the caller's: pass it on unchanged.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut ordered: Vec<Vec<R>> = Vec::new();
    ordered.resize_with(runs.len(), Vec::new);
    for (run, results) in done.into_iter().flatten() {
        ordered[run] = results;
    }
    ordered.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order_with_their_indices() {
        let items: Vec<u32> = (0..1000).collect();
        let out = map_runs(&items, 7, |first, run| {
            run.iter()
                .enumerate()
                .map(|(i, x)| (first + i, x * 2))
                .collect()
        });
        assert_eq!(out.len(), 1000);
        for (i, (index, doubled)) in out.into_iter().enumerate() {
            assert_eq!(index, i);
            assert_eq!(doubled, 2 * i as u32);
        }
    }

    #[test]
    fn a_run_may_give_more_or_fewer_results_than_items() {
        let items: Vec<u32> = (0..100).collect();
        let evens = map_runs(&items, 10, |_, run| {
            run.iter().copied().filter(|x| x % 2 == 0).collect()
        });
        assert_eq!(evens, (0..100).filter(|x| x % 2 == 0).collect::<Vec<_>>());
        let none: Vec<u32> = map_runs(&[] as &[u32], 10, |_, run| run.to_vec());
        assert!(none.is_empty());
    }
}
