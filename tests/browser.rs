//! The HTML export in a real browser: headless Chromium prints it to PDF,
//! as a person would from the print dialog, and reads back the page it
//! built, to see that markup in an answer stayed text.
//!
//! Without Chromium the tests say so and pass; in CI (`CI` set) they
//! fail, since `.ci/run` installs it.

mod export_fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use spiral::export::Format;

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("SPIRAL_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Chromium is needed for the browser tests ({}); .ci/run installs it",
        path.display()
    );
    eprintln!(
        "SKIPPED {test}: Chromium is not installed at {} (apt-get install chromium to run it)",
        path.display()
    );
    None
}

/// Runs headless Chromium on `page` with a profile of its own, nothing
/// from the network and no first-run work, plus `args`.
fn run(browser: &Path, profile: &Path, page: &Path, args: &[String]) -> Output {
    let url = format!("file://{}", page.display());
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("Chromium starts");
    assert!(
        output.status.success(),
        "Chromium failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Pages in a PDF: its page objects, not the page tree (`/Pages`).
fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let compact: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    compact
        .match_indices("/Type /Page")
        .filter(|(n, m)| !compact[n + m.len()..].starts_with('s'))
        .count()
}

#[test]
fn the_html_export_prints_to_a_pdf_with_a_page_per_entry() {
    let Some(browser) = chromium("the_html_export_prints_to_a_pdf_with_a_page_per_entry") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut export = export_fixture::rich_export();
    export.prep = None;
    assert_eq!(export.entries.len(), 2);
    let page = dir.path().join("reflections.html");
    std::fs::write(&page, export.render(Format::Html)).unwrap();
    let pdf = dir.path().join("reflections.pdf");
    run(
        &browser,
        &dir.path().join("profile"),
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("Chromium wrote the PDF");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // Each entry starts a new page, so two entries take at least two.
    assert!(pages(&bytes) > 1, "{} page(s)", pages(&bytes));
}

#[test]
fn a_script_in_an_answer_shows_as_text_in_the_browser() {
    let Some(browser) = chromium("a_script_in_an_answer_shows_as_text_in_the_browser") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut export = export_fixture::rich_export();
    let nasty = "<script>alert(1)</script> & \"quoted\"";
    let entry = &mut export.entries[0];
    entry.set_answer("kc-earning-acceptance", format!("She wrote {nasty}"));
    entry.family_label = format!("Family {nasty}");
    entry.feedback[0].text = format!("Comment {nasty}");
    entry.maps.get_mut("wd-map").unwrap()[0].text = format!("Issue {nasty}");
    let page = dir.path().join("reflections.html");
    std::fs::write(&page, export.render(Format::Html)).unwrap();
    let output = run(
        &browser,
        &dir.path().join("profile"),
        &page,
        &["--dump-dom".into()],
    );
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("<h1>"), "no page came back: {dom}");
    assert!(
        !dom.to_lowercase().contains("<script"),
        "a script element was made"
    );
    let shown = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quoted\"";
    for place in ["She wrote", "Family", "Comment", "Issue"] {
        assert!(
            dom.contains(&format!("{place} {shown}")),
            "{place}: the text is not shown as written"
        );
    }
}
