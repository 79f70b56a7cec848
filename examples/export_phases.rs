use spiral::store::{EntryStore, JsonDirStore};
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let store = JsonDirStore::at(&dir);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T21:00:00+11:00").unwrap();
    let settings = spiral::settings::Settings::default();
    let t = Instant::now();
    let worksheets = spiral::content::builtin().unwrap();
    let entries = store.load_all().unwrap().entries;
    println!("load {} {:?}", entries.len(), t.elapsed());
    let t = Instant::now();
    let det = spiral::identifiers::Detector::default();
    let mut total = 0;
    let mut hits = 0;
    for e in &entries {
        for v in e.answers.values() {
            total += v.len();
            hits += det.scan(v).len();
        }
    }
    println!("raw scan {:?} bytes {} hits {}", t.elapsed(), total, hits);
    let t = Instant::now();
    let range = spiral::export::DateRange::of(&entries, None, None);
    let export = spiral::export::Export::new(entries, &worksheets, now, range);
    println!("new {:?}", t.elapsed());
    let t = Instant::now();
    let mut pending = spiral::export::Pending::new(export, &settings).unwrap();
    println!("scan {:?} findings {}", t.elapsed(), pending.findings.len());
    let t = Instant::now();
    pending.decide_open(spiral::export::check::Decision::Replace);
    let done = pending.finish(None, now).unwrap();
    println!("finish {:?}", t.elapsed());
    for f in [spiral::export::Format::Json, spiral::export::Format::Md] {
        let t = Instant::now();
        let text = done.export.render(f);
        println!("render {:?} {:?} {}", f, t.elapsed(), text.len());
        let t = Instant::now();
        spiral::export::write(std::path::Path::new("/tmp/prof/out"), &text, true).unwrap();
        println!("write {:?}", t.elapsed());
    }
}
#[allow(dead_code)]
fn x() {}
