//! Runs the identifying-details check as the bench does, with no setup
//! around it, for a profiler: `perf record target/release/examples/check_profile`.
fn main() {
    let passages =
        spiral::identifiers::score::read(&spiral::identifiers::score::corpus_files().unwrap())
            .unwrap();
    let answers: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
    let detector = spiral::identifiers::Detector::new(&spiral::identifiers::Config {
        never_export: vec!["Kayla Brown".into(), "Zoë".into(), "Siobhán".into()],
        reference_patterns: vec![r"\bMOS-\d{6}\b".into()],
        ..Default::default()
    })
    .unwrap();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let mut hits = 0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for entry in 0..10_000 {
            let per_entry = detector.with_family_label("Family K");
            for answer in 0..4 {
                let text = answers[(entry * 4 + answer) % answers.len()];
                hits += per_entry.scan(text).len();
            }
        }
    }
    let each = start.elapsed() / rounds as u32;
    println!("{hits} hits; {each:?} per 10,000 entries");
}
