//! The HTML export, pinned as a golden file: a small but rich export (see
//! `export_fixture`) written as one web page.

mod export_fixture;

use spiral::export::Format;

/// The page with a line break before each block-level tag, so a change
/// shows as a readable diff. Only the snapshot is broken up this way; the
/// page itself is written as maud makes it.
fn readable(html: &str) -> String {
    const BLOCKS: [&str; 30] = [
        "<head",
        "<body",
        "<meta",
        "<title",
        "<style",
        "<header",
        "<main",
        "<article",
        "<section",
        "<aside",
        "<footer",
        "<figure",
        "<figcaption",
        "<nav",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<p ",
        "<p>",
        "<ul",
        "<ol",
        "<li",
        "<dl",
        "<dt",
        "<dd",
        "<div",
        "<svg",
        "<g ",
    ];
    let mut out = String::with_capacity(html.len() + html.len() / 10);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if !out.is_empty() && !out.ends_with('\n') && BLOCKS.iter().any(|b| rest.starts_with(b)) {
            out.push('\n');
        }
        out.push('<');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn html_export_of_two_entries_with_prep_and_comments() {
    let html = export_fixture::rich_export().render(Format::Html);
    insta::assert_snapshot!(readable(&html));
}

#[test]
fn html_export_without_prep_lists_the_entries_and_breaks_pages_between_them() {
    let mut export = export_fixture::rich_export();
    export.prep = None;
    let html = export.render(Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>Reflective notes, not a case record</h1>"));
    assert!(html.contains(r##"<a href="#entry-2">"##), "a contents list");
    assert_eq!(html.matches("<article").count(), 2);
    assert!(html.contains(".entry + .entry { break-before: page; }"));
    assert!(html.contains("@page { size: A4;"));
}

#[test]
fn html_export_loads_nothing_and_runs_nothing() {
    let html = export_fixture::rich_export().render(Format::Html);
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "@import",
        "url(",
        " src=",
        " onload",
        " onclick",
        "javascript:",
    ] {
        assert!(!lower.contains(banned), "the page has {banned}");
    }
    // Every link is the worksheet's credit, shown as text as well.
    for (n, _) in lower.match_indices("<a ") {
        let tag = &lower[n..n + lower[n..].find('>').unwrap()];
        assert!(
            tag.contains("href=\"#") || tag.contains("href=\"https://"),
            "{tag}"
        );
    }
}
