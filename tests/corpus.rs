//! The identifying-details check scored against the labelled corpus in
//! tests/corpus/*.txt (format: `spiral::identifiers::score`). The figures
//! per kind are printed by `cargo run --release --example check_corpus`.

use spiral::identifiers::Kind;
use spiral::identifiers::score;

fn corpus() -> Vec<score::Passage> {
    score::read(&score::corpus_files().unwrap()).unwrap()
}

#[test]
fn the_check_finds_what_the_corpus_marks_and_few_false_alarms() {
    let passages = corpus();
    assert!(passages.len() >= 100, "{} passages", passages.len());
    let score = score::score(&passages);
    let table = score.table();
    let missed: Vec<String> = score
        .missed
        .iter()
        .map(|miss| format!("{} {} {:?}", miss.origin, miss.kind.id(), miss.text))
        .collect();
    for (kind, tally) in &score.by_kind {
        if tally.marked == 0 {
            continue;
        }
        let floor = match kind {
            Kind::Name | Kind::FamilyLabel | Kind::NeverExport => 0.95,
            _ => 0.97,
        };
        assert!(
            tally.recall() >= floor,
            "{} recall {:.3} below {floor}\n{table}\nmissed:\n{}",
            kind.id(),
            tally.recall(),
            missed.join("\n")
        );
    }
    let alarms: Vec<String> = score
        .false_alarms
        .iter()
        .map(|alarm| format!("{} {} {:?}", alarm.origin, alarm.kind.id(), alarm.text))
        .collect();
    assert!(
        score.overall().precision() >= 0.85,
        "precision {:.3}\n{table}\nfalse alarms:\n{}",
        score.overall().precision(),
        alarms.join("\n")
    );
}

#[test]
fn a_third_of_the_corpus_has_no_identifier() {
    let passages = corpus();
    let without = passages.iter().filter(|p| p.labels.is_empty()).count();
    assert!(
        3 * without >= passages.len(),
        "{without} of {}",
        passages.len()
    );
}
