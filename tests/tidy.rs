//! House rules checked over the source tree: every source file opens with a line saying what it is
//! for, and no file grows past what one person can hold in their head.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "target" | "node_modules" | "dist" | "gen" | ".git") {
                sources(&p, out);
            }
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("rs" | "ts")) && !name.ends_with(".d.ts") {
            out.push(p);
        }
    }
}

#[test]
fn every_source_file_says_what_it_is_for_and_stays_small() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates", "src-tauri/src", "tests", "ui/src"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let first = text.lines().next().unwrap_or("");
        if !first.starts_with("//") {
            problems.push(format!("{}: first line should say what the file is for, found {first:?}", f.display()));
        }
        let n = text.lines().count();
        // The generated TypeScript bindings grow with the commands; nobody edits or reads them whole.
        let generated = f.ends_with("ui/src/bindings.ts");
        if n > MAX_LINES && !generated {
            problems.push(format!("{}: {n} lines (more than {MAX_LINES}); split it by feature", f.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
