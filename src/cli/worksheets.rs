//! `spiral worksheets` (list them, with where each came from) and
//! `spiral worksheets validate FILE...` (check files before using them).

use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::content::{self, ContentError};
use crate::model::worksheet::{Origin, Worksheet};

/// Prints every worksheet: id, revision, title and where it came from.
/// Files in the worksheets folder that could not be used go to stderr.
pub fn list(worksheets: &[Worksheet], problems: &[ContentError], data_dir: &Path) {
    crate::outln!("{:<34} {:<9} {:<44} FROM", "ID", "REVISION", "TITLE");
    for ws in worksheets {
        let from = ws.origin.to_string();
        crate::outln!("{:<34} {:<9} {:<44} {from}", ws.id, ws.revision, ws.title);
    }
    let folder = content::user_folder(data_dir);
    if worksheets
        .iter()
        .any(|w| matches!(w.origin, Origin::User(_)))
    {
        crate::outln!("\nYour own worksheets are read from {}.", folder.display());
    } else {
        crate::outln!(
            "\nYour own worksheets go in {} (`spiral worksheets validate FILE` checks one first).",
            folder.display()
        );
    }
    print_problems(problems);
}

/// Says on stderr which worksheet files were skipped, and why.
pub fn print_problems(problems: &[ContentError]) {
    for e in problems {
        crate::errln!("warning: worksheet file skipped: {}", e.file);
        for line in e.lines() {
            crate::errln!("  {line}");
        }
    }
}

/// Checks each file; prints every problem as `file:line:column: place: what`.
/// Fails (a non-zero exit) when any file has a problem.
pub fn validate(files: &[PathBuf], builtin: &[Worksheet]) -> anyhow::Result<()> {
    let mut failed = 0;
    for path in files {
        match content::validate_file(path, builtin) {
            Ok(ws) => crate::outln!(
                "{}: ok: {:?} (id {}, revision {})",
                path.display(),
                ws.title,
                ws.id,
                ws.revision
            ),
            Err(e) => {
                failed += 1;
                for line in e.lines() {
                    crate::errln!("{line}");
                }
            }
        }
    }
    if failed > 0 {
        bail!(
            "{failed} of {} worksheet file{} cannot be used (each problem is listed above)",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
