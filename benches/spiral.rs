//! What a person waits on: starting, opening an entry, saving an answer,
//! searching, a keystroke, a frame.
//! `cargo bench`; figures and how to read them are in docs/PERFORMANCE.md.

use std::hint::black_box;

use chrono::DateTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use spiral::msg::Msg;
use spiral::state::Model;
use spiral::store::{EntryStore, JsonDirStore};
use spiral::update::update;

fn corpus(n: usize) -> (tempfile::TempDir, JsonDirStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonDirStore::open(dir.path()).unwrap();
    let ws = &spiral::content::builtin().unwrap()[0];
    for i in 0..n {
        store.save(&spiral::corpus::entry(ws, i, 1)).unwrap();
    }
    (dir, store)
}

fn model_with(store: &JsonDirStore) -> Model {
    let loaded = store.load_all().unwrap();
    Model::new(
        spiral::content::builtin().unwrap(),
        loaded.entries,
        loaded.damaged,
        "/data".into(),
        "bench".into(),
    )
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Home as the workbook starts: the catalog (from the index, or from every
/// file without one), the model, the selected entry read, one frame drawn.
fn start(store: &JsonDirStore, terminal: &mut Terminal<TestBackend>) -> usize {
    let worksheets = spiral::content::builtin().unwrap();
    let (catalog, _) = spiral::catalog::open(store.root(), &worksheets).unwrap();
    let mut model = Model::from_catalog(worksheets, catalog, "/data".into(), "bench".into());
    let mut editor = |_: &str| spiral::msg::ExternalEdit::Failed {
        error: String::new(),
        kept: None,
    };
    let mut effects = spiral::app::Effects {
        store,
        data_dir: store.root(),
        editor: &mut editor,
    };
    let now = DateTime::parse_from_rfc3339("2026-11-24T21:00:00+11:00").unwrap();
    effects.dispatch(&mut model, Msg::Started, || now);
    terminal.draw(|f| spiral::ui::view(&model, f)).unwrap();
    model.view.len()
}

fn write_index(store: &JsonDirStore) {
    let worksheets = spiral::content::builtin().unwrap();
    let catalog = spiral::catalog::scan(&store.entries_dir(), &worksheets).unwrap();
    store
        .write_index(
            &catalog,
            spiral::catalog::worksheets_fingerprint(&worksheets),
        )
        .unwrap();
}

fn bench(c: &mut Criterion) {
    let now = DateTime::parse_from_rfc3339("2026-11-24T21:00:00+11:00").unwrap();
    let corpora: Vec<(usize, tempfile::TempDir, JsonDirStore)> = [100, 1_000, 10_000]
        .into_iter()
        .map(|n| {
            let (dir, store) = corpus(n);
            (n, dir, store)
        })
        .collect();

    // In-process start to the first frame of Home at 200x60, with and without the index.
    let mut group = c.benchmark_group("start_to_first_frame");
    group.sample_size(20);
    for (n, _, store) in &corpora {
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let _ = std::fs::remove_file(store.root().join(spiral::catalog::INDEX_FILE));
        group.bench_with_input(BenchmarkId::new("no_index", n), store, |b, store| {
            b.iter(|| black_box(start(store, &mut terminal)))
        });
        write_index(store);
        group.bench_with_input(BenchmarkId::new("index", n), store, |b, store| {
            b.iter(|| black_box(start(store, &mut terminal)))
        });
    }
    group.finish();

    // The background check of every file's size and time against the index.
    let mut group = c.benchmark_group("check_files_against_index");
    group.sample_size(10);
    for (n, _, store) in &corpora {
        let worksheets = spiral::content::builtin().unwrap();
        let (catalog, _) = spiral::catalog::open(store.root(), &worksheets).unwrap();
        let known = catalog.known();
        group.bench_with_input(BenchmarkId::from_parameter(n), store, |b, store| {
            b.iter(|| {
                spiral::catalog::check(&known, &store.entries_dir(), &worksheets)
                    .unwrap()
                    .changed
                    .len()
            })
        });
    }
    group.finish();

    // Export every entry, as `spiral export --all` does: read them all, check
    // them for identifying details, put placeholders in, write the file.
    let mut group = c.benchmark_group("export_everything");
    group.sample_size(10);
    let settings = spiral::settings::Settings::default();
    for (n, dir, store) in [&corpora[1], &corpora[2]] {
        for format in [
            spiral::export::Format::Json,
            spiral::export::Format::Md,
            spiral::export::Format::Html,
        ] {
            let out = dir.path().join(format!("export.{}", format.extension()));
            group.bench_with_input(
                BenchmarkId::new(format.extension(), n),
                store,
                |b, store| {
                    b.iter(|| {
                        let worksheets = spiral::content::builtin().unwrap();
                        let entries = store.load_all().unwrap().entries;
                        let range = spiral::export::DateRange::of(&entries, None, None);
                        let export = spiral::export::Export::new(entries, &worksheets, now, range);
                        let mut pending = spiral::export::Pending::new(export, &settings).unwrap();
                        pending.decide_open(spiral::export::check::Decision::Replace);
                        let done = pending.finish(None, now).unwrap();
                        let text = done.export.render(format);
                        spiral::export::write(&out, &text, true).unwrap();
                        text.len()
                    })
                },
            );
        }
    }
    group.finish();

    let (_, _, big) = &corpora[2];
    let first = spiral::catalog::list_files(&big.entries_dir()).unwrap()[0]
        .0
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    c.bench_function("open_one_entry_of_10000", |b| {
        b.iter(|| black_box(big.load(&first).unwrap().answers.len()))
    });

    let mut group = c.benchmark_group("save_one_answer");
    for (n, _, store) in [&corpora[0], &corpora[2]] {
        let mut entry = store.load_all().unwrap().entries.remove(0);
        group.bench_with_input(BenchmarkId::from_parameter(n), store, |b, store| {
            b.iter(|| {
                entry
                    .answers
                    .insert("kc-earning-acceptance".into(), "A changed answer.".into());
                store.save(&entry).unwrap()
            })
        });
    }
    group.finish();

    // Search as you type over every answer, once the entries have been read.
    let mut group = c.benchmark_group("search_keystroke");
    group.sample_size(20);
    for (n, _, store) in [&corpora[1], &corpora[2]] {
        let mut model = model_with(store);
        update(&mut model, key(KeyCode::Char('/')), now);
        update(&mut model, Msg::Paste("routine sl".into()), now);
        group.bench_with_input(BenchmarkId::from_parameter(n), &(), |b, _| {
            b.iter(|| {
                update(&mut model, key(KeyCode::Char('e')), now);
                update(&mut model, key(KeyCode::Backspace), now);
                model.view.len()
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("draw_home_200x60");
    for (n, _, store) in [&corpora[1], &corpora[2]] {
        let model = model_with(store);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(n), &(), |b, _| {
            b.iter(|| terminal.draw(|f| spiral::ui::view(&model, f)).unwrap().area)
        });
    }
    group.finish();

    let (_, _, store) = &corpora[1];
    let mut model = model_with(store);
    // Open the first entry at its first prompt, with a long answer in the editor.
    update(&mut model, key(KeyCode::Enter), now);
    update(
        &mut model,
        Msg::Paste("A long reflection. ".repeat(200)),
        now,
    );
    c.bench_function("draw_worksheet_200x60", |b| {
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        b.iter(|| terminal.draw(|f| spiral::ui::view(&model, f)).unwrap().area)
    });
    c.bench_function("keystroke_into_a_4000_char_answer", |b| {
        b.iter(|| {
            update(&mut model, key(KeyCode::Char('x')), now);
            update(&mut model, key(KeyCode::Backspace), now)
        })
    });
}

/// The identifying-details check over 10,000 entries of four answers each,
/// made of the labelled corpus's passages (marks taken out), every answer
/// scanned with the entry's own detector as an export does.
fn check(c: &mut Criterion) {
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
    let mut group = c.benchmark_group("identifiers_check");
    group.sample_size(10);
    group.bench_function("10000_entries_of_4_answers", |b| {
        b.iter(|| {
            let mut hits = 0;
            for entry in 0..10_000 {
                let per_entry = detector.with_family_label("Family K");
                for answer in 0..4 {
                    let text = answers[(entry * 4 + answer) % answers.len()];
                    hits += per_entry.scan(text).len();
                }
            }
            black_box(hits)
        })
    });
    group.finish();
}

criterion_group!(benches, bench, check);
criterion_main!(benches);
