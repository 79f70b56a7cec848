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
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        files = std::fs::read_dir(dir)
            .unwrap_or_else(|error| panic!("{dir}: {error}"))
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        files.sort();
    }
    let mut passages = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file)
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        match score::parse(&name, &source) {
            Ok(more) => passages.extend(more),
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(2);
            }
        }
    }
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
