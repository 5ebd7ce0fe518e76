//! Tidiness of the tree, checked by `cargo test`: module docs, banned test attributes, trailing
//! whitespace, the glossary (CONTRIBUTING.md), and where each crate keeps its Swedish.
//!
//! Every Rust file starts with a `//!` paragraph (a `lib.rs` whose crate doc is its README, by
//! `#![doc = include_str!(..)]`, counts); no test may expect a panic or be ignored; no `.rs` or
//! `.md` file has trailing whitespace.
//! Every code spelling in GLOSSARY.md occurs in the code, and every public name in
//! `core/src/case.rs` and `core/src/table.rs` is made of glossary words and a few English ones.
//! Every user-facing Swedish text of a crate is in the crate's `texts.rs`.
//! This module reads files only; it runs nothing and changes nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::read;

/// English words that public names in `case.rs` and `table.rs` may use besides the glossary's.
const ENGLISH: &[&str] = &[
    "all",
    "and",
    "applies",
    "as",
    "bool",
    "byte",
    "bytes",
    "case",
    "clear",
    "code",
    "contains",
    "content",
    "date",
    "empty",
    "encode",
    "enum",
    "eq",
    "fact",
    "facts",
    "first",
    "flat",
    "force",
    "format",
    "from",
    "ge",
    "get",
    "gt",
    "hash",
    "header",
    "hex",
    "id",
    "in",
    "index",
    "int",
    "is",
    "kind",
    "le",
    "len",
    "line",
    "lt",
    "magic",
    "max",
    "meta",
    "n",
    "names",
    "ne",
    "new",
    "not",
    "of",
    "on",
    "op",
    "opt",
    "or",
    "outcome",
    "param",
    "params",
    "pops",
    "push",
    "pushes",
    "raw",
    "rule",
    "rules",
    "scope",
    "set",
    "size",
    "start",
    "status",
    "table",
    "to",
    "type",
    "value",
    "values",
    "version",
    "with",
    "slot",
    "iter",
    "builtin",
    "decimal",
    "choice",
    "keep",
    "sort",
    "by",
    "only",
    "mask",
    "word",
    "words",
    "number",
    "numbers",
    "component",
    "components",
    "property",
    "properties",
    "name",
    "decimals",
    "canonical",
    "num",
    "add",
    "sub",
    "mul",
    "div",
    "neg",
    "min",
    "select",
];

/// The repository's root: the adapter's manifest folder is one level down.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files under `dir` (relative to the root) whose names end in one of `extensions`, in
/// sorted order, skipping build output and hidden folders.
fn files_under(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root().join(dir)];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if extensions
                .iter()
                .any(|extension| name.ends_with(&format!(".{extension}")))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `path` relative to the root, for messages.
fn shown(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Fails with every line of `problems`, if there are any.
fn assert_none(what: &str, problems: &[String]) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let mut problems = Vec::new();
    for dir in [
        "core/src",
        "core/nostd-check",
        "core/device",
        "std-adapter",
        "tests",
        "benches",
    ] {
        for file in files_under(dir, &["rs"]) {
            let text = read(&file);
            let first = text.lines().next().unwrap_or_default();
            let documented = first.starts_with("//! ") && first.len() > "//! ".len()
                || first.starts_with("#![doc = include_str!(");
            if !documented {
                problems.push(format!("{}: first line is {first:?}", shown(&file)));
            }
        }
    }
    assert_none("files that do not start with a //! paragraph", &problems);
}

#[test]
fn no_test_expects_a_panic_or_is_ignored() {
    // Written in two parts, so that this file does not find itself.
    let banned = [concat!("#[should", "_panic"), concat!("#[", "ignore")];
    let mut problems = Vec::new();
    for file in files_under(".", &["rs"]) {
        for (line_idx, line) in read(&file).lines().enumerate() {
            for attribute in banned {
                if line.trim_start().starts_with(attribute) {
                    problems.push(format!(
                        "{}:{}: {}",
                        shown(&file),
                        line_idx + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert_none(
        "tests must assert on the Err instead (CONTRIBUTING.md, \"Tests\")",
        &problems,
    );
}

#[test]
fn no_trailing_whitespace() {
    let mut problems = Vec::new();
    for file in files_under(".", &["rs", "md"]) {
        for (line_idx, line) in read(&file).lines().enumerate() {
            if line.ends_with([' ', '\t']) {
                problems.push(format!("{}:{}", shown(&file), line_idx + 1));
            }
        }
    }
    assert_none("lines with trailing whitespace", &problems);
}

/// The code spellings of GLOSSARY.md: the backticked names in each table row's third column.
fn glossary_spellings() -> Vec<String> {
    let text = read(&root().join("GLOSSARY.md"));
    let mut spellings = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // A row is `| term | plural | code | gloss | source |`: seven pieces with the ends.
        let [_, term, _, code, _, _, _] = cells.as_slice() else {
            continue;
        };
        if *term == "Swedish term" || term.starts_with("---") {
            continue;
        }
        spellings.extend(code.split('`').skip(1).step_by(2).map(str::to_owned));
    }
    spellings
}

/// The words of an identifier, lowercase: `snake_case` and `CamelCase` split, digits apart.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split('_').filter(|part| !part.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (at, &c) in chars.iter().enumerate() {
            let previous = at.checked_sub(1).and_then(|before| chars.get(before));
            let next = chars.get(at + 1);
            // A word starts at a capital after a small letter, at a capital that begins a
            // capitalised word after another capital (`IKommunen`), and where digits begin or end.
            let boundary = previous.is_some_and(|p| {
                (p.is_lowercase() && c.is_uppercase())
                    || (p.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(|n| n.is_lowercase()))
                    || (p.is_ascii_digit() != c.is_ascii_digit())
            });
            if boundary && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.extend(c.to_lowercase());
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// An identifier folded for comparison: lowercase, without underscores.
fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The public names of a Rust file, before its tests: items, fields and enum variants.
fn public_names(text: &str) -> Vec<String> {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let ident = |rest: &str| -> String {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    let mut in_pub_enum = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if in_pub_enum {
            if line == "}" {
                in_pub_enum = false;
            } else if indent == 4 && trimmed.starts_with(|c: char| c.is_uppercase()) {
                names.push(ident(trimmed));
            }
            continue;
        }
        let Some(rest) = trimmed.strip_prefix("pub ") else {
            continue;
        };
        let mut item = None;
        for keyword in [
            "struct ",
            "enum ",
            "fn ",
            "const fn ",
            "const ",
            "type ",
            "mod ",
        ] {
            if let Some(after) = rest.strip_prefix(keyword) {
                item = Some(ident(after));
                in_pub_enum = keyword == "enum " && line.ends_with('{') && indent == 0;
                break;
            }
        }
        match item {
            Some(name) => names.push(name),
            None => {
                let field = ident(rest);
                if !field.is_empty() && rest[field.len()..].trim_start().starts_with(':') {
                    names.push(field);
                }
            }
        }
    }
    names.retain(|name| !name.is_empty());
    names
}

#[test]
fn glossary_spellings_occur_in_the_code() {
    let mut code = String::new();
    for dir in ["core/src", "std-adapter"] {
        for file in files_under(dir, &["rs"]) {
            code.push_str(&read(&file));
        }
    }
    let spellings = glossary_spellings();
    assert!(
        spellings.len() > 100,
        "too few code spellings: {spellings:?}"
    );
    let missing: Vec<String> = spellings
        .into_iter()
        .filter(|spelling| !code.contains(spelling.as_str()))
        .collect();
    assert_none(
        "GLOSSARY.md spellings that the code no longer uses",
        &missing,
    );
}

#[test]
fn public_names_of_the_case_and_the_table_are_in_the_glossary() {
    let spellings = glossary_spellings();
    let whole: BTreeSet<String> = spellings.iter().map(|spelling| folded(spelling)).collect();
    let mut known: BTreeSet<String> = spellings
        .iter()
        .flat_map(|spelling| words(spelling))
        .collect();
    known.extend(ENGLISH.iter().map(|word| (*word).to_owned()));
    let mut problems = Vec::new();
    let mut n_names = 0;
    for file in ["core/src/case.rs", "core/src/table.rs"] {
        let path = root().join(file);
        for name in public_names(&read(&path)) {
            n_names += 1;
            let unknown: Vec<String> = words(&name)
                .into_iter()
                .filter(|word| !known.contains(word))
                .collect();
            if !whole.contains(&folded(&name)) && !unknown.is_empty() {
                problems.push(format!("{file}: `{name}` ({})", unknown.join(", ")));
            }
        }
    }
    assert!(n_names > 100, "too few public names found: {n_names}");
    assert_none(
        "public names with words neither in GLOSSARY.md nor in tidy.rs's English list",
        &problems,
    );
}

#[test]
fn words_split_identifiers() {
    assert_eq!(
        words("FolkbokfordIKommunen"),
        ["folkbokford", "i", "kommunen"]
    );
    assert_eq!(words("giltig_fran"), ["giltig", "fran"]);
    assert_eq!(words("MAX_INSATS_ID_LEN"), ["max", "insats", "id", "len"]);
    assert_eq!(
        words("SoL2001Kap16Par6f"),
        ["so", "l", "2001", "kap", "16", "par", "6", "f"]
    );
    assert_eq!(words("HTTPServer"), ["http", "server"]);
    let names = public_names(
        "pub struct Insats<'a> {\n    pub id: &'a str,\n}\npub enum Lag {\n    /// SoL.\n    SoL,\n}\n",
    );
    assert_eq!(names, ["Insats", "id", "Lag", "SoL"]);
}

/// The repository cites only what it holds: no file names a design note kept outside it (the
/// law and the repository's own docs are what a reader can follow).
#[test]
fn no_file_cites_a_document_outside_the_repository() {
    let outside = ["DOMAIN.md", "DESIGN.md", "STYLE.md", "../shared"];
    let mut problems = Vec::new();
    for file in files_under(".", &["rs", "md", "toml", "sh", "yml", "service", "json"])
        .into_iter()
        .chain([root().join(".ci/run")])
    {
        let text = read(&file);
        for name in outside {
            if text.contains(name) && !file.ends_with("tests/tidy.rs") {
                problems.push(format!("{}: {name}", shown(&file)));
            }
        }
    }
    assert_none(
        "files that cite a document outside the repository",
        &problems,
    );
}

/// The license Cargo.toml names is the one in LICENSE, every crate takes the workspace's, and
/// no manifest names a repository that does not exist.
#[test]
fn the_license_file_is_the_license_the_manifests_name() {
    let workspace = read(&root().join("Cargo.toml"));
    assert!(workspace.contains("license = \"EUPL-1.2\""), "{workspace}");
    let license = read(&root().join("LICENSE"));
    assert!(license.contains("EUROPEAN UNION PUBLIC LICENCE v. 1.2"));
    let mut problems = Vec::new();
    for file in files_under(".", &["toml"]) {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.as_deref() != Some("Cargo.toml") {
            continue;
        }
        let text = read(&file);
        for line in text.lines().map(str::trim) {
            if line.starts_with("repository") {
                problems.push(format!("{}: {line}", shown(&file)));
            }
            let fine = line == "license = \"EUPL-1.2\"" || line == "license.workspace = true";
            if line.starts_with("license") && !fine {
                problems.push(format!("{}: {line}", shown(&file)));
            }
        }
    }
    assert_none(
        "manifests with another license or a repository field",
        &problems,
    );
}

/// Every dependency a crate of the workspace declares is used by its source (`name::` or
/// `use name`), so none is built for nothing.
#[test]
fn every_declared_dependency_is_used() {
    let mut problems = Vec::new();
    for dir in [
        "core",
        "std-adapter/compiler",
        "std-adapter/library",
        "std-adapter/server",
        "std-adapter/cli",
        "std-adapter/ffi",
    ] {
        let manifest = read(&root().join(dir).join("Cargo.toml"));
        let mut source = String::new();
        for file in files_under(&format!("{dir}/src"), &["rs"]) {
            source.push_str(&read(&file));
        }
        let mut in_dependencies = false;
        for line in manifest.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                in_dependencies = line == "[dependencies]";
                continue;
            }
            let Some((name, _)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim().trim_end_matches(".workspace");
            if !in_dependencies || name.is_empty() || name.starts_with('#') {
                continue;
            }
            let ident = name.replace('-', "_");
            let used = [
                format!("{ident}::"),
                format!("use {ident}"),
                format!("{ident} "),
            ]
            .iter()
            .any(|needle| source.contains(needle.as_str()));
            if !used {
                problems.push(format!("{dir}: {name}"));
            }
        }
    }
    assert_none("declared dependencies the source does not use", &problems);
}

/// Common Swedish words, and the domain's frequent nouns, that mark a literal as prose even
/// without å, ä or ö.
const SWEDISH_WORDS: &[&str] = &[
    "alla",
    "annan",
    "att",
    "av",
    "bara",
    "dag",
    "dagar",
    "den",
    "denna",
    "det",
    "detta",
    "du",
    "efter",
    "eller",
    "en",
    "enligt",
    "ett",
    "fel",
    "finns",
    "gavs",
    "har",
    "inga",
    "ingen",
    "inget",
    "insats",
    "insatsen",
    "insatsens",
    "inte",
    "kan",
    "kolumn",
    "med",
    "men",
    "nu",
    "och",
    "ogiltig",
    "ogiltiga",
    "ogiltigt",
    "om",
    "redan",
    "regel",
    "riktlinjen",
    "riktlinjens",
    "saknades",
    "saknar",
    "saknas",
    "samtycket",
    "sig",
    "sista",
    "ska",
    "skyddade",
    "slut",
    "som",
    "tiden",
    "tidigare",
    "tills",
    "uppgift",
    "uppgiften",
    "uppgifter",
    "ut",
    "utan",
    "utredningen",
    "utredningens",
    "vad",
    "varav",
    "varje",
    "vecka",
    "veckor",
    "versionens",
    "vid",
    "vidare",
];

/// The source folders of the workspace's crates: each keeps its user-facing Swedish in
/// `texts.rs` beside its `lib.rs` or `main.rs`.
const CRATE_SOURCES: [&str; 6] = [
    "core/src",
    "std-adapter/compiler/src",
    "std-adapter/library/src",
    "std-adapter/server/src",
    "std-adapter/cli/src",
    "std-adapter/ffi/src",
];

/// Every user-facing Swedish text of a crate is in the crate's `texts.rs`, so a reviewer finds
/// a crate's Swedish in one place and a change of wording touches no logic.
///
/// A string literal counts as user-facing Swedish when, trimmed, it holds whitespace (prose
/// rather than a name) and either a Swedish letter (å, ä, ö) or one of [`SWEDISH_WORDS`].
/// So names and keys without a space pass: fact names such as `kan_använda_larm`, rule-language
/// keywords such as `giltig_från`, and a keyword padded for splitting such as `" från "`.
/// Not checked: comments and doc comments, literals inside attributes (`#[...]`: the OpenAPI
/// and command-line descriptions, which are documentation like doc comments), `#[cfg(test)]`
/// items and files that only tests compile (`#[cfg(test)] mod name;`), and `tests/`.
#[test]
fn swedish_texts_are_in_each_crates_texts_module() {
    let mut problems = Vec::new();
    let mut n_files = 0;
    for dir in CRATE_SOURCES {
        let files = files_under(dir, &["rs"]);
        let test_only = test_only_files(&files);
        for file in &files {
            if file.ends_with("texts.rs") && file.parent() == Some(&root().join(dir)) {
                continue;
            }
            if test_only.contains(file) {
                continue;
            }
            n_files += 1;
            for (line, literal) in swedish_literals(&read(file)) {
                problems.push(format!("{}:{line}: {literal:?}", shown(file)));
            }
        }
    }
    assert!(n_files > 50, "too few source files: {n_files}");
    assert_none(
        "user-facing Swedish outside the crate's texts.rs (move it there)",
        &problems,
    );
}

/// The files among `files` that a `#[cfg(test)] mod name;` line brings in: `name.rs` beside
/// the declaring `lib.rs`, `main.rs` or `mod.rs`.
fn test_only_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut test_only = BTreeSet::new();
    for file in files {
        let text = read(file);
        let mut lines = text.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if line != "#[cfg(test)]" {
                continue;
            }
            let Some(next) = lines.next() else {
                break;
            };
            let declared = next.strip_prefix("pub ").unwrap_or(next);
            if let Some(name) = declared
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'))
                && let Some(folder) = file.parent()
            {
                test_only.insert(folder.join(format!("{name}.rs")));
            }
        }
    }
    test_only
}

/// Whether a string literal's contents read as Swedish prose (see
/// [`swedish_texts_are_in_each_crates_texts_module`]).
fn is_swedish_prose(literal: &str) -> bool {
    let trimmed = literal.trim();
    if !trimmed.contains(char::is_whitespace) {
        return false;
    }
    if trimmed.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']) {
        return true;
    }
    // Placeholders such as `{det}` name Rust values, not words.
    let mut outside = String::new();
    let mut in_placeholder = false;
    for c in trimmed.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ if !in_placeholder => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_alphabetic())
        .any(|word| SWEDISH_WORDS.contains(&word.to_lowercase().as_str()))
}

/// The string literals of Rust source that read as Swedish prose, with their line numbers,
/// outside comments, attributes and `#[cfg(test)]` items.
///
/// A small lexer: it knows comments (nested block comments too), strings with escapes, raw
/// strings, char literals and lifetimes, and brackets, which is all it needs to tell a
/// literal's place.
fn swedish_literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let starts_with = |at: usize, prefix: &str| {
        chars
            .get(at..at + prefix.chars().count())
            .is_some_and(|window| window.iter().copied().eq(prefix.chars()))
    };
    let is_ident = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    let mut found = Vec::new();
    let mut at = 0;
    let mut line = 1;
    // Open brackets, each marked when it opens an attribute or a `#[cfg(test)]` item.
    let mut brackets: Vec<(char, bool)> = Vec::new();
    let mut test_item_pending = false;
    while let Some(&c) = chars.get(at) {
        let skipped = brackets.iter().any(|(_, skip)| *skip);
        if starts_with(at, "//") {
            while chars.get(at).is_some_and(|c| *c != '\n') {
                at += 1;
            }
            continue;
        }
        if starts_with(at, "/*") {
            let mut depth = 0;
            while at < chars.len() {
                if starts_with(at, "/*") {
                    depth += 1;
                    at += 2;
                } else if starts_with(at, "*/") {
                    depth -= 1;
                    at += 2;
                } else {
                    line += usize::from(chars[at] == '\n');
                    at += 1;
                }
                if depth == 0 {
                    break;
                }
            }
            continue;
        }
        if starts_with(at, "#[cfg(test)]") {
            test_item_pending = true;
            at += "#[cfg(test)]".len();
            continue;
        }
        let previous = at.checked_sub(1).and_then(|before| chars.get(before));
        // A raw string: `r"…"`, `r#"…"#`, with an optional `b` or `c` before it.
        if c == 'r' && !is_ident(previous)
            || (c == 'b' || c == 'c') && !is_ident(previous) && chars.get(at + 1) == Some(&'r')
        {
            let mut open = at + if c == 'r' { 1 } else { 2 };
            let mut hashes = 0;
            while chars.get(open) == Some(&'#') {
                hashes += 1;
                open += 1;
            }
            if chars.get(open) == Some(&'"') {
                let closing: String = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                let mut end = open + 1;
                while end < chars.len() && !starts_with(end, &closing) {
                    end += 1;
                }
                let body: String = chars[open + 1..end.min(chars.len())].iter().collect();
                if !skipped && is_swedish_prose(&body) {
                    found.push((line, body.clone()));
                }
                line += body.matches('\n').count();
                at = end + closing.len();
                continue;
            }
        }
        match c {
            '\n' => line += 1,
            '"' => {
                let mut end = at + 1;
                while let Some(&inner) = chars.get(end) {
                    if inner == '"' {
                        break;
                    }
                    end += if inner == '\\' { 2 } else { 1 };
                }
                let body: String = chars[at + 1..end.min(chars.len())].iter().collect();
                if !skipped && is_swedish_prose(&body) {
                    found.push((line, body.clone()));
                }
                line += body.matches('\n').count();
                at = end + 1;
                continue;
            }
            // A char literal (`'"'`, `'\''`) or a lifetime (`'a`).
            '\'' => {
                if chars.get(at + 1) == Some(&'\\') {
                    at += 3;
                    while chars.get(at).is_some_and(|c| *c != '\'') {
                        at += 1;
                    }
                } else if chars.get(at + 2) == Some(&'\'') {
                    at += 2;
                }
            }
            '[' if previous == Some(&'#')
                || previous == Some(&'!') && at >= 2 && chars.get(at - 2) == Some(&'#') =>
            {
                brackets.push((c, true));
            }
            '(' | '[' => brackets.push((c, false)),
            '{' => {
                brackets.push((c, test_item_pending));
                test_item_pending = false;
            }
            ')' | ']' | '}' => {
                brackets.pop();
            }
            ';' => test_item_pending = false,
            _ => {}
        }
        at += 1;
    }
    found
}

#[test]
fn swedish_prose_is_told_from_names_and_found_in_source() {
    assert!(is_swedish_prose("okänd uppgift `{name}`"));
    assert!(is_swedish_prose("menade du `{suggestion}`?"));
    assert!(is_swedish_prose("standard ut: {}"));
    assert!(!is_swedish_prose("kan_använda_larm"));
    assert!(!is_swedish_prose("giltig_från"));
    assert!(!is_swedish_prose(" från "));
    assert!(!is_swedish_prose("{path}: {error}"));
    assert!(!is_swedish_prose("the table is {det} bytes"));
    let source = concat!(
        "//! A module.\n",
        "fn f(x: &str) -> String {\n",
        "    // \"en kommentar på svenska\"\n",
        "    let quote = '\"';\n",
        "    let _ = r#\"en \"rå\" sträng\"#;\n",
        "    format!(\"okänd uppgift `{x}`\")\n",
        "}\n",
        "#[arg(help = \"hjälp för ett argument\")]\n",
        "#[cfg(test)]\n",
        "mod tests {\n",
        "    const T: &str = \"i ett test får det stå svenska\";\n",
        "}\n",
        "const AFTER: &str = \"och efter testerna också\";\n",
    );
    assert_eq!(
        swedish_literals(source),
        [
            (5, "en \"rå\" sträng".to_owned()),
            (6, "okänd uppgift `{x}`".to_owned()),
            (13, "och efter testerna också".to_owned()),
        ]
    );
}
