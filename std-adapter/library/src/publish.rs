//! A riktlinje version published for people: its Markdown as one standalone HTML page, the rule
//! blocks shown as tables in words, and every section with a stable anchor.
//!
//! A section whose heading starts with its number (`3.4 Hemtjänst – serviceinsatser`) gets
//! the anchor `avsnitt-3-4`, which is what an evaluation's `avsnitt` links to; other headings
//! get `avsnitt-` and a slug of their words. Each fenced block the rule language knows is
//! shown as a table of its items (one row per item, one column per key, in the order the keys
//! first appear), with a condition (`när`) in words and an outcome in the words of an
//! evaluation; any other code block is shown as written. Nothing the source holds is passed
//! through as HTML: raw HTML in the Markdown is shown as text. This module reads Markdown and
//! writes HTML; it knows nothing of files, the compiler's checks or the server.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::store::Version;
use crate::texts;

/// The fenced blocks of the rule language, each with the heading its table gets.
const BLOCKS: [(&str, &str); 10] = [
    ("insats", "Insats"),
    ("regel", "Regler"),
    ("parameter", "Parametrar"),
    ("fakta", texts::UPPGIFTER_I_FAKTAKATALOGEN),
    ("schablon", "Schablon"),
    ("egenskap", texts::VAD_INSATSEN_INNEFATTAR),
    ("regeltest", "Regeltester"),
    ("åtgärd", "Skyddsåtgärder"),
    ("paragrafer", "Paragrafer"),
    ("slag", texts::SLAG_AV_INSATS),
];

/// The words of a condition and what a person reads for each, longest first.
const CONDITION_WORDS: [(&str, &str); 6] = [
    (">=", texts::AR_MINST),
    ("<=", texts::AR_HOGST),
    ("!=", texts::AR_INTE),
    (">", texts::AR_MER_AN),
    ("<", texts::AR_MINDRE_AN),
    ("=", "är"),
];

/// The page of one version from its Markdown: its front matter as a header, the rest as HTML.
pub fn to_html(markdown: &str) -> String {
    let text = crate::io::strip_bom(markdown);
    let (front, body) = split_front_matter(text);
    let title = front
        .get("titel")
        .cloned()
        .unwrap_or_else(|| "Riktlinje".to_owned());
    let mut page = String::with_capacity(text.len() * 2);
    page.push_str("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(page, "<title>{}</title>", escape(&title));
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    page.push_str("<dl class=\"huvud\">\n");
    for (key, label) in [
        ("id", "Version"),
        ("kommun", "Kommun"),
        ("nämnd", "Nämnd"),
        ("beslutsdatum", "Antagen"),
        ("paragraf", "Paragraf"),
        ("dnr", "Diarienummer"),
        ("giltig_från", texts::GALLER_FRAN),
        ("status", "Status"),
        ("bygger_på", texts::BYGGER_PA),
    ] {
        if let Some(value) = front.get(key) {
            let _ = writeln!(
                page,
                "<dt>{label}</dt><dd>{}</dd>",
                escape(&value.replace('_', " "))
            );
        }
    }
    page.push_str("</dl>\n");
    body_html(body, &mut page);
    page.push_str("</main>\n</body>\n</html>\n");
    page
}

/// The Markdown of a loaded version, read again from its file; `None` for a version loaded
/// as a compiled table, which has no text to show, or a file that can no longer be read.
pub fn source_of(version: &Version) -> Option<String> {
    if version.path.extension().is_none_or(|ext| ext != "md") {
        return None;
    }
    crate::io::read_text(&version.path).ok()
}

/// The anchor of a section: `avsnitt-3-4` for a heading that starts with `3.4`, else
/// `avsnitt-` and the heading's words, lower case, joined by `-`.
pub fn anchor(heading: &str) -> String {
    let number: String = heading
        .trim()
        .chars()
        .take_while(|character| character.is_ascii_digit() || *character == '.')
        .collect();
    let number = number.trim_end_matches('.');
    if !number.is_empty() && number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return format!("avsnitt-{}", number.replace('.', "-"));
    }
    let words: Vec<String> = heading
        .split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("avsnitt-{}", words.join("-"))
}

/// A condition of the rule language in words: `ålder >= 65 och bor_ensam` reads
/// `ålder är minst 65 och bor ensam`.
pub fn condition_in_words(condition: &str) -> String {
    let mut words = Vec::new();
    for word in condition.split_whitespace() {
        let spoken = CONDITION_WORDS
            .iter()
            .find(|(symbol, _)| *symbol == word)
            .map_or_else(|| word.replace('_', " "), |(_, text)| (*text).to_owned());
        words.push(spoken);
    }
    words.join(" ")
}

/// The front matter's `key: value` lines and the Markdown after it.
fn split_front_matter(text: &str) -> (BTreeMap<String, String>, &str) {
    let mut front = BTreeMap::new();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (front, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (front, text);
    };
    for line in rest[..end].lines() {
        if let Some((key, value)) = line.split_once(':') {
            front.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    let after = &rest[end + 4..];
    (front, after.strip_prefix('\n').unwrap_or(after))
}

/// The Markdown's events written as HTML into `page`.
fn body_html(markdown: &str, page: &mut String) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // A heading's text is collected before it is written, for its anchor.
    let mut heading: Option<(HeadingLevel, String, String)> = None;
    let mut block: Option<(String, String)> = None;
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut in_table_head = false;
    for event in Parser::new_ext(markdown, options) {
        if let Some((_, code)) = &mut block {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((kind, code)) = block.take() {
                        code_block(&kind, &code, page);
                    }
                }
                _ => {}
            }
            continue;
        }
        let out: &mut String = match &mut heading {
            Some((_, html, _)) => html,
            None => page,
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, String::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, html, text)) = heading.take() {
                    let mut id = anchor(&text);
                    let seen = used.entry(id.clone()).or_insert(0);
                    *seen += 1;
                    if *seen > 1 {
                        id = format!("{id}-{seen}");
                    }
                    let _ = writeln!(page, "<{level} id=\"{id}\">{html}</{level}>");
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let kind = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((kind, String::new()));
            }
            Event::Start(tag) => {
                let html = match tag {
                    Tag::Paragraph => "<p>".to_owned(),
                    Tag::BlockQuote(_) => "<blockquote>".to_owned(),
                    Tag::List(Some(start)) => format!("<ol start=\"{start}\">"),
                    Tag::List(None) => "<ul>".to_owned(),
                    Tag::Item => "<li>".to_owned(),
                    Tag::Emphasis => "<em>".to_owned(),
                    Tag::Strong => "<strong>".to_owned(),
                    Tag::Strikethrough => "<del>".to_owned(),
                    Tag::Link { dest_url, .. } => {
                        format!("<a href=\"{}\">", escape(&dest_url))
                    }
                    Tag::Table(_) => "<table>".to_owned(),
                    Tag::TableHead => {
                        in_table_head = true;
                        "<thead><tr>".to_owned()
                    }
                    Tag::TableRow => "<tr>".to_owned(),
                    Tag::TableCell if in_table_head => "<th scope=\"col\">".to_owned(),
                    Tag::TableCell => "<td>".to_owned(),
                    _ => String::new(),
                };
                out.push_str(&html);
            }
            Event::End(tag) => {
                let html = match tag {
                    TagEnd::Paragraph => "</p>\n",
                    TagEnd::BlockQuote(_) => "</blockquote>\n",
                    TagEnd::List(true) => "</ol>\n",
                    TagEnd::List(false) => "</ul>\n",
                    TagEnd::Item => "</li>\n",
                    TagEnd::Emphasis => "</em>",
                    TagEnd::Strong => "</strong>",
                    TagEnd::Strikethrough => "</del>",
                    TagEnd::Link => "</a>",
                    TagEnd::Table => "</tbody></table>\n",
                    TagEnd::TableHead => {
                        in_table_head = false;
                        "</tr></thead><tbody>\n"
                    }
                    TagEnd::TableRow => "</tr>\n",
                    TagEnd::TableCell if in_table_head => "</th>",
                    TagEnd::TableCell => "</td>",
                    _ => "",
                };
                out.push_str(html);
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&escape(&text));
                if let Some((_, _, plain)) = &mut heading {
                    plain.push_str(&text);
                }
            }
            Event::Code(text) => {
                let _ = write!(out, "<code>{}</code>", escape(&text));
                if let Some((_, _, plain)) = &mut heading {
                    plain.push_str(&text);
                }
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>\n"),
            Event::Rule => out.push_str("<hr>\n"),
            _ => {}
        }
    }
}

/// A fenced block: a rule-language block as a table of its items, anything else as written.
fn code_block(kind: &str, code: &str, page: &mut String) {
    let Some((_, caption)) = BLOCKS.iter().find(|(name, _)| *name == kind) else {
        let _ = writeln!(page, "<pre><code>{}</code></pre>", escape(code));
        return;
    };
    let items = block_items(code);
    let mut keys: Vec<&str> = Vec::new();
    for item in &items {
        for (key, _) in item {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
    }
    let _ = writeln!(
        page,
        "<table class=\"block block-{}\"><caption>{caption}</caption>\n<thead><tr>",
        escape(&crate::contract::fold(kind))
    );
    for key in &keys {
        let _ = write!(page, "<th scope=\"col\">{}</th>", escape(&label(key)));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for item in &items {
        page.push_str("<tr>");
        for key in &keys {
            let value = item
                .iter()
                .find(|(item_key, _)| item_key == key)
                .map(|(_, value)| shown(key, value))
                .unwrap_or_default();
            let _ = write!(page, "<td>{}</td>", escape(&value));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody></table>\n");
}

/// The items of a block: `key: value` lines, items apart by blank lines; a line without a key
/// continues the value before it.
fn block_items(code: &str) -> Vec<Vec<(String, String)>> {
    let mut items: Vec<Vec<(String, String)>> = Vec::new();
    let mut item: Vec<(String, String)> = Vec::new();
    for line in code.lines() {
        if line.trim().is_empty() {
            if !item.is_empty() {
                items.push(std::mem::take(&mut item));
            }
            continue;
        }
        let key_value = line
            .split_once(':')
            .filter(|(key, _)| !key.is_empty() && !key.contains(' ') && !line.starts_with(' '));
        match (key_value, item.last_mut()) {
            (Some((key, value)), _) => item.push((key.trim().to_owned(), value.trim().to_owned())),
            (None, Some((_, value))) => {
                value.push(' ');
                value.push_str(line.trim());
            }
            (None, None) => item.push((String::new(), line.trim().to_owned())),
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    items
}

/// A key's column heading: `ändras_av_ansökan` reads `Ändras av ansökan`.
fn label(key: &str) -> String {
    let text = key.replace('_', " ");
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

/// A value as a person reads it: a condition in words, an outcome as an evaluation says it.
fn shown(key: &str, value: &str) -> String {
    match key {
        "när" | "om" => condition_in_words(value),
        "utfall" | "annars" | "väntat" => outcome_words(value),
        _ => value.to_owned(),
    }
}

/// An outcome word of the rule language in the words of an evaluation.
fn outcome_words(word: &str) -> String {
    let mut code = crate::contract::fold(word);
    // The rule language's `individuell_bedömning` is the evaluation's
    // `kraver_individuell_bedomning`.
    if code == "individuell_bedomning" {
        code = "kraver_individuell_bedomning".to_owned();
    }
    texts::OUTCOMES
        .iter()
        .find(|(_, outcome_code, _)| *outcome_code == code)
        .map_or_else(|| word.replace('_', " "), |(_, _, text)| (*text).to_owned())
}

/// Text for HTML: `&`, `<`, `>` and `"` escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(character),
        }
    }
    escaped
}

/// The page's style sheet, in the page so that the file stands alone.
const STYLE: &str = "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.55;color:#1a1a1a;background:#fff}main{max-width:60rem;margin:0 auto;padding:1rem}h1{font-size:1.7rem}h2{font-size:1.4rem;margin-top:2rem;border-bottom:1px solid #8a8a8a}h3{font-size:1.15rem;margin-top:1.5rem}a{color:#0b4f9c}:target{background:#fff4cc}dl.huvud{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;background:#f4f4f4;padding:.5rem 1rem}dl.huvud dt{font-weight:600}dl.huvud dd{margin:0}table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.92rem}caption{text-align:left;font-weight:600}th,td{border:1px solid #8a8a8a;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#f4f4f4}pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}@media print{a{color:inherit}table{break-inside:auto}tr{break-inside:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_section_is_anchored_by_its_number_and_others_by_their_words() {
        assert_eq!(anchor("3.4 Hemtjänst – serviceinsatser"), "avsnitt-3-4");
        assert_eq!(anchor("2 Insatser enligt LSS"), "avsnitt-2");
        assert_eq!(
            anchor("Bilaga: Schablontider"),
            "avsnitt-bilaga-schablontider"
        );
    }

    #[test]
    fn a_condition_reads_in_words() {
        assert_eq!(
            condition_in_words("ålder >= 65 och inte bor_ensam"),
            "ålder är minst 65 och inte bor ensam"
        );
        assert_eq!(condition_in_words("personkrets = 3"), "personkrets är 3");
    }

    #[test]
    fn a_rule_block_is_a_table_in_words_and_raw_html_is_text() {
        let mut page = String::new();
        body_html(
            "### 3.8 Trygghetslarm\n\n<script>x</script>\n\n```regel\nid: TL-1\ninsats: trygghetslarm\nnär: personkrets = 3\nutfall: lagen_hindrar\nlagrum: 7 § LSS\nskäl: Ett skäl.\n```\n",
            &mut page,
        );
        assert!(
            page.contains("<h3 id=\"avsnitt-3-8\">3.8 Trygghetslarm</h3>"),
            "{page}"
        );
        assert!(page.contains("&lt;script&gt;"), "{page}");
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("<caption>Regler</caption>"), "{page}");
        assert!(page.contains("<th scope=\"col\">När</th>"), "{page}");
        assert!(page.contains("<td>personkrets är 3</td>"), "{page}");
        assert!(page.contains("<td>Lagen hindrar</td>"), "{page}");
    }
}
