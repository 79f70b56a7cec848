//! Writes a made-up corpus of entries into a data folder, for measuring.
//!
//! `cargo run --release --example corpus -- DIR [COUNT] [SEED]` (COUNT 1000, SEED 1).

use spiral::store::{EntryStore, JsonDirStore};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: corpus DIR [COUNT] [SEED]");
        std::process::exit(2);
    };
    let count: usize = args.next().and_then(|c| c.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let worksheets = spiral::content::builtin().expect("built-in content");
    let store = JsonDirStore::open(&dir).expect("a data folder");
    for i in 0..count {
        store
            .save(&spiral::corpus::entry(&worksheets[0], i, seed))
            .expect("saved");
    }
    println!("wrote {count} entries to {dir}");
}
