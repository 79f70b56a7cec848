//! Scores the identifying-details check against a labelled corpus and prints
//! recall and precision per kind, then what it missed and its false alarms.
//!
//! `cargo run --release --example check_corpus [FILE...]` (default: every
//! `tests/corpus/*.txt`). The format is described in
//! `spiral::identifiers::score`.

use std::path::PathBuf;

use spiral::identifiers::score;

fn main() {
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        files = score::corpus_files().unwrap_or_else(|error| panic!("tests/corpus: {error}"));
    }
    let passages = score::read(&files).unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(2);
    });
    let score = score::score(&passages);
    print!("{}", score.table());
    for miss in &score.missed {
        println!(
            "missed  {:<14} {:<24} {}",
            miss.kind.id(),
            miss.origin,
            miss.text
        );
    }
    for alarm in &score.false_alarms {
        println!(
            "alarm   {:<14} {:<24} {}",
            alarm.kind.id(),
            alarm.origin,
            alarm.text
        );
    }
}
