//! Reading a riktlinje source: front matter, headings and the fenced rule blocks, with spans.
//!
//! A riktlinje is Markdown (CommonMark, read with pulldown-cmark).
//! This module finds the front matter between the opening `---` lines, the nearest heading
//! above every fenced block (the block's *avsnitt*), and splits the blocks this project reads
//! (`insats`, `åtgärd`, `regel`, `parameter`, `regeltest`) into items of `key: value` fields.
//! It knows nothing about what the keys mean: `compile` does.
//! Every field keeps the byte span of its key and of each line of its value, so a diagnostic can
//! point at the exact place in the file.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Code, Diagnostic, File, Span};
use crate::texts;

/// A parsed riktlinje source.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The front matter fields, in written order.
    pub front_matter: Vec<Field>,
    /// Where the front matter is (the whole block), or the start of the file when there is none.
    pub front_matter_span: Span,
    /// The rule blocks, in written order.
    pub blocks: Vec<Block>,
}

/// The kinds of fenced block the compiler reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// ```` ```insats ````.
    Insats,
    /// ```` ```regel ````.
    Regel,
    /// ```` ```parameter ````.
    Parameter,
    /// ```` ```regeltest ````.
    Regeltest,
    /// ```` ```åtgärd ````: a kind of skyddsåtgärd.
    Atgard,
    /// ```` ```fakta ````: facts of the catalogue.
    Fakta,
    /// ```` ```schablon ````: components of a computed omfattning.
    Schablon,
    /// ```` ```egenskap ````: what an insats includes.
    Egenskap,
    /// ```` ```paragrafer ````: the national baseline's map from repealed paragraphs to those
    /// that replaced them.
    Paragrafer,
    /// ```` ```slag ````: the national baseline's kinds of insats, which its rules name.
    Slag,
}

/// One fenced block of a kind the compiler reads.
#[derive(Clone, Debug)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// The nearest heading above it, as written (`4.2 Trygghetslarm`); empty when there is none.
    pub avsnitt: String,
    /// Its items, separated by blank lines.
    pub items: Vec<Item>,
}

/// One item of a block: a rule, an insats, a parameter or a test case.
#[derive(Clone, Debug)]
pub struct Item {
    /// Its fields, in written order.
    pub fields: Vec<Field>,
    /// From its first to its last line.
    pub span: Span,
    /// The 1-based line it starts on.
    pub line: u32,
}

/// One `key: value` field, with any indented continuation lines joined by single spaces.
#[derive(Clone, Debug)]
pub struct Field {
    /// The key, as written.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value, trimmed, continuation lines joined with one space.
    pub value: String,
    /// Each piece of the value: its offset in `value` and its span in the file.
    pub pieces: Vec<(usize, Span)>,
}

impl Field {
    /// The span of the whole value (the key's span when the value is empty).
    pub fn value_span(&self) -> Span {
        match (self.pieces.first(), self.pieces.last()) {
            (Some((_, first)), Some((_, last))) => Span::in_file(first.file, first.start, last.end),
            _ => self.key_span,
        }
    }

    /// The span in the file of bytes `start..end` of `value`.
    pub fn sub_span(&self, start: usize, end: usize) -> Span {
        let file = self.key_span.file;
        let locate = |offset: usize| {
            let piece = self
                .pieces
                .iter()
                .rev()
                .find(|(piece_start, _)| *piece_start <= offset);
            match piece {
                Some((piece_start, span)) => (span.start + (offset - piece_start)).min(span.end),
                None => self.key_span.start,
            }
        };
        let start = locate(start);
        Span::in_file(file, start, locate(end).max(start))
    }
}

impl Item {
    /// The field named `key`, if present.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.key == key)
    }
}

/// Reads `text` (the contents of one riktlinje file) into a [`Document`], adding a diagnostic for
/// every malformed line to `diagnostics`.
pub fn parse(text: &str, file: File, diagnostics: &mut Vec<Diagnostic>) -> Document {
    let mut document = Document {
        front_matter_span: Span::in_file(file, 0, 0),
        ..Document::default()
    };
    let at = Spans { file };
    let body_start = parse_front_matter(text, at, &mut document, diagnostics);

    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES;
    let parser = Parser::new_ext(text, options).into_offset_iter();
    let mut heading: Option<String> = None;
    let mut avsnitt = String::new();
    let mut block: Option<(BlockKind, Option<(usize, usize)>)> = None;
    // Blocks come in the order of the file, so each block's line is counted on from the one
    // before: one pass over the text, however many blocks it has.
    let mut lines = LineCounter::default();
    for (event, range) in parser {
        if range.end <= body_start && body_start > 0 {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading.take() {
                    avsnitt = text.trim().to_owned();
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                block = block_kind(info.split_whitespace().next().unwrap_or(""))
                    .map(|kind| (kind, None));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((kind, content)) = block.take() {
                    let items = match content {
                        Some((start, end)) => {
                            let block_line = lines.line_of(text, start);
                            parse_items(text, at, (start, end), block_line, diagnostics)
                        }
                        None => Vec::new(),
                    };
                    document.blocks.push(Block {
                        kind,
                        avsnitt: avsnitt.clone(),
                        items,
                    });
                }
            }
            Event::Text(piece) | Event::Code(piece) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&piece);
                } else if let Some((_, content)) = block.as_mut() {
                    *content = Some(match content {
                        Some((start, _)) => (*start, range.end),
                        None => (range.start, range.end),
                    });
                }
            }
            _ => {}
        }
    }
    document
}

fn block_kind(info: &str) -> Option<BlockKind> {
    match info {
        "insats" => Some(BlockKind::Insats),
        "regel" => Some(BlockKind::Regel),
        "parameter" => Some(BlockKind::Parameter),
        "regeltest" => Some(BlockKind::Regeltest),
        "åtgärd" => Some(BlockKind::Atgard),
        "fakta" => Some(BlockKind::Fakta),
        "schablon" => Some(BlockKind::Schablon),
        "egenskap" => Some(BlockKind::Egenskap),
        "paragrafer" => Some(BlockKind::Paragrafer),
        "slag" => Some(BlockKind::Slag),
        _ => None,
    }
}

/// Reads the front matter, if the file starts with `---`; returns the offset where the body
/// starts (0 when there is no front matter).
fn parse_front_matter(
    text: &str,
    at: Spans,
    document: &mut Document,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let mut lines = line_spans(text, 0, text.len());
    let Some((first_start, first_end)) = lines.next() else {
        return 0;
    };
    if text.get(first_start..first_end).map(str::trim_end) != Some("---") {
        return 0;
    }
    let mut end_of_block = None;
    let mut field_lines = Vec::new();
    for (start, end) in lines {
        if text.get(start..end).map(str::trim_end) == Some("---") {
            end_of_block = Some(end);
            break;
        }
        field_lines.push((start, end));
    }
    let Some(end_of_block) = end_of_block else {
        diagnostics.push(Diagnostic::error(
            Code::Huvud,
            at.span(first_start, first_end),
            texts::HUVUDET_BORJAR_MED_MEN,
        ));
        return 0;
    };
    document.front_matter_span = at.span(first_start, end_of_block);
    let item = fields_of(text, at, &field_lines, diagnostics);
    document.front_matter = item;
    end_of_block
}

/// Splits the content of a block, bytes `start..end` starting on line `block_line`, into items
/// separated by blank lines.
fn parse_items(
    text: &str,
    at: Spans,
    (start, end): (usize, usize),
    block_line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let mut items = Vec::new();
    // Each kept line with its 1-based line number, counted once from the block's start rather
    // than from the top of the file for every item.
    let mut current: Vec<(usize, usize)> = Vec::new();
    let mut first_line = 0u32;
    let flush = |current: &mut Vec<(usize, usize)>,
                 first_line: u32,
                 items: &mut Vec<Item>,
                 diagnostics: &mut Vec<Diagnostic>| {
        if let (Some(first), Some(last)) = (current.first().copied(), current.last().copied()) {
            let fields = fields_of(text, at, current, diagnostics);
            items.push(Item {
                fields,
                span: at.span(first.0, last.1),
                line: first_line,
            });
        }
        current.clear();
    };
    for (index, (line_start, line_end)) in line_spans(text, start, end).enumerate() {
        let line = text.get(line_start..line_end).unwrap_or("");
        if line.trim().is_empty() {
            flush(&mut current, first_line, &mut items, diagnostics);
        } else if !line.trim_start().starts_with("--") && !line.trim_start().starts_with('#') {
            if current.is_empty() {
                first_line = block_line.saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
            }
            current.push((line_start, line_end));
        }
    }
    flush(&mut current, first_line, &mut items, diagnostics);
    items
}

/// Reads `key: value` lines; an indented line continues the previous value.
fn fields_of(
    text: &str,
    at: Spans,
    lines: &[(usize, usize)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    for &(start, end) in lines {
        let line = text.get(start..end).unwrap_or("");
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if indented && let Some(field) = fields.last_mut() {
            let trimmed = line.trim();
            let offset = start + (line.len() - line.trim_start().len());
            if !field.value.is_empty() {
                field.value.push(' ');
            }
            field
                .pieces
                .push((field.value.len(), at.span(offset, offset + trimmed.len())));
            field.value.push_str(trimmed);
            continue;
        }
        let Some(colon) = line.find(':') else {
            diagnostics.push(Diagnostic::error(
                Code::Syntax,
                at.span(start, end),
                texts::raden_ska_ha_formen(line.trim()),
            ));
            continue;
        };
        let key_raw = &line[..colon];
        let key = key_raw.trim();
        let key_offset = start + (key_raw.len() - key_raw.trim_start().len());
        let value_raw = &line[colon + 1..];
        let value = value_raw.trim();
        let value_offset = start + colon + 1 + (value_raw.len() - value_raw.trim_start().len());
        let pieces = if value.is_empty() {
            Vec::new()
        } else {
            vec![(0, at.span(value_offset, value_offset + value.len()))]
        };
        fields.push(Field {
            key: key.to_owned(),
            key_span: at.span(key_offset, key_offset + key.len()),
            value: value.to_owned(),
            pieces,
        });
    }
    fields
}

/// Makes spans in one file.
#[derive(Clone, Copy, Debug)]
struct Spans {
    file: File,
}

impl Spans {
    fn span(self, start: usize, end: usize) -> Span {
        Span::in_file(self.file, start, end)
    }
}

/// The spans of the lines between `start` and `end`, without their line endings.
fn line_spans(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let slice = text.get(start..end).unwrap_or("");
    let mut offset = start;
    slice.split_inclusive('\n').map(move |line| {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        (line_start, line_start + content.len())
    })
}

/// The 1-based line of byte offsets met in increasing order, each counted on from the last.
#[derive(Default)]
struct LineCounter {
    /// The offset counted up to, and the number of line breaks before it.
    offset: usize,
    breaks: usize,
}

impl LineCounter {
    /// The 1-based line of byte `offset` in `text`; an offset before the last one asked for is
    /// counted from the start again.
    fn line_of(&mut self, text: &str, offset: usize) -> u32 {
        if offset < self.offset {
            *self = LineCounter::default();
        }
        let offset = offset.min(text.len());
        let between = text.as_bytes().get(self.offset..offset).unwrap_or(&[]);
        self.breaks += memchr::memchr_iter(b'\n', between).count();
        self.offset = offset;
        u32::try_from(self.breaks + 1).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_counted_on_from_block_to_block_are_the_lines_counted_from_the_top() {
        let text = "a\nb\n\nc\nd\ne\n\n\nf\n";
        let mut lines = LineCounter::default();
        for offset in [0, 2, 3, 5, 9, 12, text.len(), text.len() + 5] {
            let from_top = text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count()
                + 1;
            assert_eq!(lines.line_of(text, offset) as usize, from_top, "{offset}");
        }
        // An offset before the last one is counted again from the top.
        assert_eq!(lines.line_of(text, 3), 2);
    }

    #[test]
    fn blocks_items_fields_and_sections() {
        let text = "---\nid: x\nkommun: K\n---\n\n# 1 Inledning\n\n## 4.2 Trygghetslarm\n\nText.\n\n```regel\nid: TL-1\nnär: bor_ensam\n  och ålder >= 65\n\nid: TL-2\nnär: ja\n```\n\n```rust\nnot: read\n```\n";
        let mut diagnostics = Vec::new();
        let document = parse(text, File::Riktlinje, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(document.front_matter.len(), 2);
        assert_eq!(document.blocks.len(), 1);
        let block = &document.blocks[0];
        assert_eq!(block.avsnitt, "4.2 Trygghetslarm");
        assert_eq!(block.items.len(), 2);
        let villkor = block.items[0].field("när").unwrap();
        assert_eq!(villkor.value, "bor_ensam och ålder >= 65");
        let span = villkor.sub_span(14, 20);
        assert_eq!(&text[span.start..span.end], "ålder");
        assert_eq!(block.items[1].line, 17);
    }

    #[test]
    fn a_line_without_colon_is_reported() {
        let mut diagnostics = Vec::new();
        let _ = parse(
            "```regel\nid TL-1\n```\n",
            File::Riktlinje,
            &mut diagnostics,
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::Syntax);
    }
}
