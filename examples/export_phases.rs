//! Where the time goes when every entry is exported: reading, checking for
//! identifying details, placeholders, writing each format.
//!
//! `cargo run --release --example corpus -- DIR 10000` first, then
//! `cargo run --release --example export_phases -- DIR`.
//! The criterion benchmark `export_everything` times the whole run.

use std::time::Instant;

use spiral::export::{DateRange, Export, Format, Pending, check::Decision};
use spiral::store::{EntryStore, JsonDirStore};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: export_phases DATA_DIR (made by the corpus example)");
    let store = JsonDirStore::at(&dir);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T21:00:00+11:00").unwrap();
    let settings = spiral::settings::Settings::default();
    let worksheets = spiral::content::builtin().unwrap();

    let t = Instant::now();
    let entries = store.load_all().unwrap().entries;
    println!("read {} entries: {:?}", entries.len(), t.elapsed());

    let t = Instant::now();
    let detector = spiral::identifiers::Detector::default();
    let (mut bytes, mut hits) = (0, 0);
    for e in &entries {
        for answer in e.answers.values() {
            bytes += answer.len();
            hits += detector.scan(answer).len();
        }
    }
    println!(
        "detectors alone over {bytes} bytes of answers ({hits} hits): {:?}",
        t.elapsed()
    );

    let t = Instant::now();
    let findings = spiral::export::check::scan(&entries, &worksheets, &settings).unwrap();
    println!(
        "check::scan alone ({} findings): {:?}",
        findings.len(),
        t.elapsed()
    );

    let t = Instant::now();
    let range = DateRange::of(&entries, None, None);
    let export = Export::new(entries, &worksheets, now, range);
    let mut pending = Pending::new(export, &settings).unwrap();
    println!(
        "the check ({} findings): {:?}",
        pending.findings.len(),
        t.elapsed()
    );

    let t = Instant::now();
    pending.decide_open(Decision::Replace);
    let done = pending.finish(None, now).unwrap();
    println!("placeholders: {:?}", t.elapsed());

    let out = std::env::temp_dir().join("spiral-export-phases");
    for format in Format::ALL {
        let t = Instant::now();
        let text = done.export.render(format);
        let rendered = t.elapsed();
        let t = Instant::now();
        spiral::export::write(&out, &text, true).unwrap();
        println!(
            "{}: render {rendered:?}, write {:?} ({} MB)",
            format.extension(),
            t.elapsed(),
            text.len() / 1_000_000
        );
    }
    let _ = std::fs::remove_file(out);
}
