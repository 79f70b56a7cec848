//! What a person waits on: loading Home, saving an answer, a keystroke, a frame.
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

fn bench(c: &mut Criterion) {
    let now = DateTime::parse_from_rfc3339("2026-11-24T21:00:00+11:00").unwrap();
    let mut group = c.benchmark_group("load_home");
    group.sample_size(10);
    for n in [100, 1_000, 10_000] {
        let (_dir, store) = corpus(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &store, |b, store| {
            b.iter(|| black_box(store.load_all().unwrap().entries.len()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("save_one_answer");
    for n in [10, 1_000] {
        let (_dir, store) = corpus(n);
        let mut entry = store.load_all().unwrap().entries.remove(0);
        group.bench_with_input(BenchmarkId::from_parameter(n), &store, |b, store| {
            b.iter(|| {
                entry
                    .answers
                    .insert("kc-earning-acceptance".into(), "A changed answer.".into());
                store.save(&entry).unwrap()
            })
        });
    }
    group.finish();

    let (_dir, store) = corpus(1_000);
    let mut model = model_with(&store);
    c.bench_function("draw_home_200x60_1000_entries", |b| {
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        b.iter(|| terminal.draw(|f| spiral::ui::view(&model, f)).unwrap().area)
    });

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

criterion_group!(benches, bench);
criterion_main!(benches);
