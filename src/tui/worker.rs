//! The Monte Carlo worker: one thread that runs the full seeded Monte Carlo off the input path.
//!
//! Requests carry a generation number; the worker drains its queue before each run and keeps
//! only the newest request per slot, so a held key never queues a backlog of runs, and the app
//! drops any result whose generation is no longer the one it waits for. The current state's
//! request runs before the comparison's, and the last few projections are kept (`Recent`), so
//! a request for bands already computed (the comparison at start, the file's values after an
//! unpin, a step undone) is answered without a run.
//!
//! Invariant: the worker never touches the terminal or the app; it only computes.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::model::montecarlo::{self, Projection};
use crate::model::scenario::{Overrides, Scenario};

/// Which projection a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The state being explored.
    Current,
    /// The comparison: the pinned state, or the file's values.
    Reference,
}

/// A Monte Carlo request.
#[derive(Clone, Debug)]
pub struct Job {
    /// Which projection the result replaces.
    pub slot: Slot,
    /// The `Results::generation` the request was made for, echoed in `Done`.
    pub generation: u64,
    /// The scenario to sample.
    pub scenario: Arc<Scenario>,
    /// The lever changes applied to it.
    pub overrides: Overrides,
    /// How many Monte Carlo samples to draw (0: the bands equal the deterministic run).
    pub samples: usize,
    /// The Monte Carlo seed: the same job always gives the same bands.
    pub seed: u64,
}

/// A finished Monte Carlo run.
#[derive(Clone)]
pub struct Done {
    /// The slot of the request this answers.
    pub slot: Slot,
    /// The generation of the request this answers; the app drops it unless it still waits for it.
    pub generation: u64,
    /// The bands and central run, shared with the app's `Results::mc`.
    pub projection: Arc<Projection>,
}

/// Two runs are equal when they answer the same request with the same projection.
impl PartialEq for Done {
    fn eq(&self, other: &Done) -> bool {
        self.slot == other.slot
            && self.generation == other.generation
            && Arc::ptr_eq(&self.projection, &other.projection)
    }
}

impl std::fmt::Debug for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Done")
            .field("slot", &self.slot)
            .field("generation", &self.generation)
            .finish()
    }
}

/// Runs a request on the calling thread.
pub fn compute(job: &Job) -> Done {
    let projection = montecarlo::simulate(&job.scenario, &job.overrides, job.samples, job.seed);
    Done {
        slot: job.slot,
        generation: job.generation,
        projection: Arc::new(projection),
    }
}

/// The worker thread and its two channels.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    handle: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the worker thread (named `chipcast-montecarlo`); fails only if the thread cannot be
    /// created.
    pub fn spawn() -> std::io::Result<Worker> {
        let (job_tx, job_rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let handle = std::thread::Builder::new()
            .name("chipcast-montecarlo".into())
            .spawn(move || run(&job_rx, &done_tx))?;
        Ok(Worker {
            jobs: Some(job_tx),
            done: done_rx,
            handle: Some(handle),
        })
    }

    /// Queues a request; never blocks.
    pub fn send(&self, job: Job) {
        if let Some(tx) = &self.jobs {
            // A closed channel means the worker is gone (it panicked); the app keeps showing
            // the deterministic run.
            let _ = tx.send(job);
        }
    }

    /// A finished run, if one is waiting; never blocks.
    pub fn try_recv(&self) -> Option<Done> {
        self.done.try_recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the request channel ends the thread after its current run.
        self.jobs = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Takes the newest pending request of each slot: everything older is stale.
fn newest(first: Job, rx: &Receiver<Job>) -> Result<Vec<Job>, ()> {
    let mut current: Option<Job> = None;
    let mut reference: Option<Job> = None;
    let mut keep = |job: Job| match job.slot {
        Slot::Current => current = Some(job),
        Slot::Reference => reference = Some(job),
    };
    keep(first);
    loop {
        match rx.try_recv() {
            Ok(job) => keep(job),
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => return Err(()),
        }
    }
    Ok(current.into_iter().chain(reference).collect())
}

/// How many finished projections the worker keeps for reuse (each is a few tens of KB).
const RECENT: usize = 8;

/// The last projections the worker computed, newest last, each with what it was computed
/// from. A request equal to one of them (the same scenario by pointer, the same overrides,
/// samples and seed) gets the same bands: the Monte Carlo is a function of these.
#[derive(Default)]
struct Recent(Vec<(Job, Arc<Projection>)>);

impl Recent {
    fn find(&mut self, job: &Job) -> Option<Arc<Projection>> {
        let i = self.0.iter().position(|(j, _)| {
            Arc::ptr_eq(&j.scenario, &job.scenario)
                && j.samples == job.samples
                && j.seed == job.seed
                && j.overrides == job.overrides
        })?;
        // Used again: move it to the newest end.
        let hit = self.0.remove(i);
        let projection = hit.1.clone();
        self.0.push(hit);
        Some(projection)
    }

    fn keep(&mut self, job: &Job, projection: Arc<Projection>) {
        if self.0.len() == RECENT {
            self.0.remove(0);
        }
        // The kept job holds its scenario's `Arc`, so no other scenario can take its address.
        self.0.push((job.clone(), projection));
    }

    /// The request's projection: the kept one when there is one, else a new run.
    fn answer(&mut self, job: &Job) -> Done {
        let projection = match self.find(job) {
            Some(p) => p,
            None => {
                let done = compute(job);
                self.keep(job, done.projection.clone());
                done.projection
            }
        };
        Done {
            slot: job.slot,
            generation: job.generation,
            projection,
        }
    }
}

fn run(rx: &Receiver<Job>, tx: &Sender<Done>) {
    let mut recent = Recent::default();
    while let Ok(first) = rx.recv() {
        let Ok(jobs) = newest(first, rx) else { return };
        // The current state first: its bands are the ones the user waits for.
        for job in jobs {
            if tx.send(recent.answer(&job)).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(slot: Slot, generation: u64) -> Job {
        Job {
            slot,
            generation,
            scenario: Arc::new(Scenario::defaults("t")),
            overrides: Overrides::default(),
            samples: 0,
            seed: 1,
        }
    }

    #[test]
    fn only_the_newest_request_per_slot_is_kept() {
        let (tx, rx) = mpsc::channel();
        for g in 2..10 {
            tx.send(job(Slot::Current, g)).unwrap();
        }
        tx.send(job(Slot::Reference, 20)).unwrap();
        tx.send(job(Slot::Reference, 21)).unwrap();
        let kept = newest(job(Slot::Current, 1), &rx).unwrap();
        let gens: Vec<(Slot, u64)> = kept.iter().map(|j| (j.slot, j.generation)).collect();
        assert_eq!(gens, vec![(Slot::Current, 9), (Slot::Reference, 21)]);
    }

    #[test]
    fn a_request_computed_before_is_answered_from_the_recent_runs() {
        let mut recent = Recent::default();
        let a = job(Slot::Current, 1);
        let first = recent.answer(&a);
        // The same basis under another slot and generation: the same projection, no run.
        let mut b = a.clone();
        b.slot = Slot::Reference;
        b.generation = 2;
        let again = recent.answer(&b);
        assert!(Arc::ptr_eq(&first.projection, &again.projection));
        assert_eq!((again.slot, again.generation), (Slot::Reference, 2));
        // Another seed, or the same content in another scenario allocation, is a new run.
        let mut c = a.clone();
        c.seed = 2;
        assert!(!Arc::ptr_eq(
            &recent.answer(&c).projection,
            &first.projection
        ));
        let mut d = a.clone();
        d.scenario = Arc::new(Scenario::defaults("t"));
        assert!(!Arc::ptr_eq(
            &recent.answer(&d).projection,
            &first.projection
        ));
        // Only the last RECENT are kept.
        for seed in 10..10 + RECENT as u64 {
            let mut e = a.clone();
            e.seed = seed;
            recent.answer(&e);
        }
        assert_eq!(recent.0.len(), RECENT);
        assert!(!Arc::ptr_eq(
            &recent.answer(&a).projection,
            &first.projection
        ));
    }

    #[test]
    fn the_worker_answers_and_stops_when_dropped() {
        let w = Worker::spawn().unwrap();
        w.send(job(Slot::Current, 7));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let done = loop {
            if let Some(d) = w.try_recv() {
                break d;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no answer from the worker"
            );
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert_eq!((done.slot, done.generation), (Slot::Current, 7));
        drop(w);
    }
}
