//! The nämnd's impact report of a revised riktlinje: one self-contained HTML page.
//!
//! [`render`] turns the totals of a `riktlinjer omprovning` run into the page a
//! tjänsteskrivelse can attach: the summary in words, tables, and bar charts drawn as inline
//! SVG (changes per kind, per insats, per age group, and the estimated change in granted
//! time). Styles are inline, with a print stylesheet; there is no script, font or image from
//! outside, so the page reads offline and prints as it shows.
//! It holds presentation only: every number comes from `batch`, every outcome from the core,
//! and no person is named (the worklist, not the report, carries ärende ids).

use std::fmt::Write as _;

use riktlinjer_core::{Enhet, Table, Ursprung};

use crate::batch::{AGE_GROUPS, Context, InsatsStats, Klass, Summary, WORKLIST_NOTICE};
use crate::diff::{self, Subject};
use crate::texts;

/// The colours of the classes, in [`Klass::ALL`] order.
const KLASS_COLOURS: [&str; 5] = ["#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#757575"];

/// The page for a run under `context` with totals `summary`.
pub fn render(context: &Context<'_>, summary: &Summary) -> String {
    let mut page = String::with_capacity(64 * 1024);
    let to = context.to.meta();
    let title = texts::konsekvenser_av_reviderad_riktlinje(to.kommun);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    let _ = writeln!(
        page,
        "<header><p class=\"kicker\">{} · {}</p><h1>{}</h1>",
        escape(to.kommun),
        escape(to.namnd),
        escape(&title)
    );
    let _ = writeln!(
        page,
        "{}",
        texts::jamforelse_mellan_och_provningsdag(
            version_text(context.from),
            version_text(context.to),
            context.as_of
        )
    );
    let _ = writeln!(
        page,
        "<aside class=\"notice\" role=\"note\"><strong>Observera.</strong> {}</aside>",
        escape(WORKLIST_NOTICE)
    );
    summary_section(&mut page, context, summary);
    totals_section(&mut page, summary);
    klass_section(&mut page, summary);
    insats_section(&mut page, summary);
    age_section(&mut page, summary);
    hours_section(&mut page, summary);
    rules_section(&mut page, context);
    rejected_section(&mut page, summary);
    method_section(&mut page);
    let _ = writeln!(
        page,
        "{}",
        texts::framstalld_med_riktlinjer_mot(
            escape(&diff::version_name(context.from)),
            short_hash(context.from),
            escape(&diff::version_name(context.to)),
            short_hash(context.to)
        )
    );
    page
}

const STYLE: &str = "
:root{--ink:#1d1d1f;--muted:#5f6368;--rule:#d0d4da;--band:#f4f6f8}
*{box-sizing:border-box}
body{margin:0;font-family:'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.45}
main{max-width:60rem;margin:0 auto;padding:2rem 1.5rem 3rem}
h1{font-size:1.7rem;margin:.2rem 0 .4rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid var(--rule)}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.06em;font-size:.8rem}
.meta{color:var(--muted);margin:.2rem 0 1rem}
.notice{border-left:5px solid #b71c1c;background:#fdecea;padding:.8rem 1rem;margin:1rem 0}
.lead{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.92rem}
table.wide{font-size:.8rem}
th,td{border-bottom:1px solid var(--rule);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--band)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.sum td{font-weight:600;border-top:2px solid var(--ink)}
figure{margin:.6rem 0 1.2rem}
figcaption{color:var(--muted);font-size:.85rem;margin-top:.2rem}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:inherit;font-size:12px;fill:var(--ink)}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.85rem;margin:.3rem 0}
.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.1rem}
.small{font-size:.85rem;color:var(--muted)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.8rem}
@media print{
 @page{size:A4;margin:18mm 16mm}
 body{font-size:10.5pt}
 main{max-width:none;padding:0}
 h2{break-after:avoid}
 figure,table,.notice{break-inside:avoid}
 .notice{border:1px solid #b71c1c}
 th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 svg rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
";

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

fn short_hash(table: &Table<'_>) -> String {
    crate::render::hash_hex(&table.content_hash())
        .chars()
        .take(12)
        .collect()
}

fn version_text(table: &Table<'_>) -> String {
    let meta = table.meta();
    let mut text = texts::giltig_fran(
        escape(meta.riktlinje_id),
        meta.giltig_fran,
        texts::status_label(meta.status),
    );
    if let Some(day) = meta.beslutsdatum {
        let _ = write!(text, ", beslut {day}");
    }
    if !meta.paragraf.is_empty() {
        let _ = write!(text, " {}", escape(meta.paragraf));
    }
    if !meta.dnr.is_empty() {
        let _ = write!(text, ", dnr {}", escape(meta.dnr));
    }
    text.push(')');
    text
}

/// A whole number with a space between thousands, as Swedish prints it.
fn number(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(digit);
    }
    out
}

/// A signed decimal with one decimal and a comma, as Swedish prints it.
fn decimal(value: f64) -> String {
    let text = format!("{value:.1}").replace('.', ",").replace('-', "−");
    if text == "−0,0" {
        "0,0".to_owned()
    } else {
        text
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    decimal(part as f64 * 100.0 / whole as f64) + "\u{a0}%"
}

/// An omfattning in thousandths of its unit (as a case gives it and a summary sums it), in
/// the unit.
fn in_units(thousandths: i64) -> f64 {
    thousandths as f64 / 1_000.0
}

/// Hours per month for an omfattning change in `enhet`, when the unit is time.
fn hours_per_month(stats: &InsatsStats) -> Option<f64> {
    let value = in_units(stats.uppskattad_forandring);
    match stats.enhet {
        Some(Enhet::TimmarPerManad) => Some(value),
        Some(Enhet::TimmarPerVecka) => Some(value * 52.0 / 12.0),
        _ => None,
    }
}

fn less_favourable(summary: &Summary) -> u64 {
    summary.per_klass[1] + summary.per_klass[2] + summary.per_klass[3]
}

fn summary_section(page: &mut String, context: &Context<'_>, summary: &Summary) {
    let changes = summary.n_changes();
    let hours: f64 = summary.per_insats.iter().filter_map(hours_per_month).sum();
    let dygn: i64 = summary
        .per_insats
        .iter()
        .filter(|stats| stats.enhet == Some(Enhet::DygnPerManad))
        .map(|stats| stats.uppskattad_forandring)
        .sum();
    let _ = writeln!(page, "<h2>Sammanfattning</h2>");
    let _ = writeln!(
        page,
        "{}",
        texts::forvaltningen_har_provat_arenden(
            number(summary.read),
            number(summary.provningar),
            escape(&diff::version_name(context.from)),
            escape(&diff::version_name(context.to)),
            number(summary.changed),
            percent(summary.changed, summary.read),
            number(changes)
        )
    );
    let _ = writeln!(
        page,
        "{}",
        texts::provningar_blir_mindre_formanliga(
            number(less_favourable(summary)),
            number(summary.per_klass[1]),
            number(summary.per_klass[2]),
            number(summary.per_klass[3]),
            number(summary.per_klass[4]),
            number(summary.per_klass[0])
        )
    );
    let _ = writeln!(
        page,
        "{}",
        texts::den_uppskattade_forandringen_av(
            decimal(hours),
            &(if dygn == 0 {
                String::new()
            } else {
                texts::och_dygn_per_manad(decimal(in_units(dygn)))
            })
        )
    );
    if summary.rejected > 0 {
        let _ = writeln!(
            page,
            "{}",
            texts::arenden_kunde_inte_provas(number(summary.rejected))
        );
    }
}

fn totals_section(page: &mut String, summary: &Summary) {
    let _ = writeln!(page, "{}", texts::LASTA_ARENDEN);
    let _ = writeln!(page, "{}", texts::ARENDEN_ANTAL_ANDEL);
    for (label, value) in [
        (texts::OFORANDRAT_UTFALL, summary.unchanged),
        (texts::ANDRAT_UTFALL, summary.changed),
        (texts::AVVISADE_FELAKTIGA_UPPGIFTER, summary.rejected),
    ] {
        let _ = writeln!(
            page,
            "<tr><td>{label}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            number(value),
            percent(value, summary.read)
        );
    }
    let _ = writeln!(
        page,
        "{}",
        texts::summa_lasta(
            number(summary.read),
            percent(
                summary.unchanged + summary.changed + summary.rejected,
                summary.read
            )
        )
    );
    let _ = writeln!(
        page,
        "{}",
        texts::av_de_oforandrade_hade(number(summary.nothing_to_prova))
    );
}

fn klass_section(page: &mut String, summary: &Summary) {
    let _ = writeln!(page, "{}", texts::ANDRINGAR_EFTER_VAD_LAGEN);
    let items: Vec<(String, u64, &str)> = Klass::ALL
        .iter()
        .zip(KLASS_COLOURS)
        .map(|(klass, colour)| {
            (
                klass.short_label().to_owned(),
                summary.per_klass[*klass as usize],
                colour,
            )
        })
        .collect();
    figure(page, &bar_chart(&items), texts::ANDRADE_PROVNINGAR_PER_SLAG);
    let _ = writeln!(page, "{}", texts::SLAG_AV_ANDRING_PROVNINGAR);
    for klass in Klass::ALL {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            escape(klass.label()),
            number(summary.per_klass[klass as usize])
        );
    }
    let _ = writeln!(
        page,
        "<tr class=\"sum\"><td>Summa</td><td class=\"num\">{}</td></tr></tbody></table>",
        number(summary.n_changes())
    );
}

fn insats_section(page: &mut String, summary: &Summary) {
    let _ = writeln!(page, "{}", texts::ANDRINGAR_PER_INSATS);
    let mut rows: Vec<&InsatsStats> = summary
        .per_insats
        .iter()
        .filter(|stats| stats.per_klass.iter().sum::<u64>() > 0)
        .collect();
    // The insatser with the most changes first; the sort is stable, so ties keep input order.
    rows.sort_by_key(|stats| std::cmp::Reverse(stats.per_klass.iter().sum::<u64>()));
    if rows.is_empty() {
        let _ = writeln!(page, "{}", texts::INGEN_INSATS_FICK_ETT);
        return;
    }
    let stacks: Vec<(String, [u64; 5])> = rows
        .iter()
        .map(|stats| (stats.namn.clone(), stats.per_klass))
        .collect();
    figure(
        page,
        &stacked_chart(&stacks),
        texts::ANDRADE_PROVNINGAR_PER_INSATS,
    );
    legend(page);
    let _ = write!(page, "{}", texts::INSATS_PROVNINGAR);
    for klass in Klass::ALL {
        let _ = write!(
            page,
            "<th class=\"num\">{}</th>",
            escape(klass.column_label())
        );
    }
    let _ = writeln!(page, "</tr></thead><tbody>");
    for stats in &rows {
        let _ = write!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td>",
            escape(&stats.namn),
            number(stats.provningar)
        );
        for value in stats.per_klass {
            let _ = write!(page, "<td class=\"num\">{}</td>", number(value));
        }
        let _ = writeln!(page, "</tr>");
    }
    let _ = writeln!(page, "</tbody></table>");
}

fn age_section(page: &mut String, summary: &Summary) {
    let _ = writeln!(page, "{}", texts::ANDRINGAR_PER_ALDERSGRUPP);
    let items: Vec<(String, u64, &str)> = AGE_GROUPS
        .iter()
        .zip(summary.per_age)
        .map(|(label, value)| ((*label).to_owned(), value, "#455a64"))
        .collect();
    figure(
        page,
        &bar_chart(&items),
        texts::ANDRADE_PROVNINGAR_EFTER_DEN,
    );
}

fn hours_section(page: &mut String, summary: &Summary) {
    let _ = writeln!(page, "{}", texts::UPPSKATTAD_FORANDRING_AV_BEVILJAD);
    let rows: Vec<&InsatsStats> = summary
        .per_insats
        .iter()
        .filter(|stats| stats.uppskattade + stats.ej_uppskattade > 0)
        .collect();
    if rows.is_empty() {
        let _ = writeln!(page, "{}", texts::INGEN_ANDRING_MINSKAR_EN);
        return;
    }
    let items: Vec<(String, f64)> = rows
        .iter()
        .filter_map(|stats| hours_per_month(stats).map(|hours| (stats.namn.clone(), hours)))
        .collect();
    if !items.is_empty() {
        figure(
            page,
            &signed_chart(&items),
            texts::UPPSKATTAD_FORANDRING_I_TIMMAR_PER,
        );
    }
    let _ = writeln!(page, "{}", texts::INSATS_UPPSKATTAD_FORANDRING_ENHET);
    for stats in rows {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&stats.namn),
            decimal(in_units(stats.uppskattad_forandring)),
            stats.enhet.map_or("–", texts::enhet_label),
            number(stats.uppskattade),
            number(stats.ej_uppskattade)
        );
    }
    let _ = writeln!(page, "</tbody></table>");
    let _ = writeln!(page, "{}", texts::UPPSKATTNINGEN_AR_DEN_HOGSTA);
}

fn rules_section(page: &mut String, context: &Context<'_>) {
    let found = diff::diff(context.from, context.to);
    let material: Vec<_> = found
        .changes
        .iter()
        .filter(|change| change.field.is_material())
        .collect();
    let _ = writeln!(page, "{}", texts::ANDRADE_REGLER);
    if material.is_empty() {
        let _ = writeln!(page, "{}", texts::INGA_REGLER_HAR_ANDRATS);
        return;
    }
    let lag = material
        .iter()
        .filter(|change| change.ursprung == Ursprung::Lag)
        .count();
    let _ = writeln!(
        page,
        "{}",
        texts::ursprung_i_rapporten(lag, material.len() - lag)
    );
    let _ = writeln!(page, "{}", texts::REGEL_INSATS_ANDRING_FRAN);
    for change in material {
        let (id, insats) = match &change.subject {
            Subject::Rule { id, insats } => (id.as_str(), insats.as_str()),
            Subject::Insats(id) => ("–", id.as_str()),
            Subject::Param(name) | Subject::Atgard(name) | Subject::AtgardRule(name) => {
                (name.as_str(), "–")
            }
        };
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(id),
            escape(insats),
            texts::ursprung_label(change.ursprung),
            escape(change.field.label()),
            escape(change.before.as_deref().unwrap_or("–")),
            escape(change.after.as_deref().unwrap_or("–"))
        );
    }
    let _ = writeln!(page, "</tbody></table>");
}

fn rejected_section(page: &mut String, summary: &Summary) {
    if summary.rejected == 0 {
        return;
    }
    let _ = writeln!(page, "{}", texts::AVVISADE_ARENDEN);
    let _ = writeln!(page, "{}", texts::RAD_SKAL);
    for (line, reason) in summary.rejected_lines.iter().take(50) {
        let _ = writeln!(
            page,
            "<tr><td class=\"num\">{line}</td><td>{}</td></tr>",
            escape(reason)
        );
    }
    let _ = writeln!(page, "</tbody></table>");
    if summary.rejected > 50 {
        let _ = writeln!(page, "{}", texts::de_forsta_50_av(number(summary.rejected)));
    }
}

fn method_section(page: &mut String) {
    let _ = writeln!(page, "{}", texts::SA_HAR_PROVNINGEN_GJORTS);
}

fn figure(page: &mut String, svg: &str, caption: &str) {
    let _ = writeln!(
        page,
        "<figure>{svg}<figcaption>{}</figcaption></figure>",
        escape(caption)
    );
}

fn legend(page: &mut String) {
    let _ = write!(page, "<div class=\"legend\">");
    for (klass, colour) in Klass::ALL.iter().zip(KLASS_COLOURS) {
        let _ = write!(
            page,
            "<span><span class=\"swatch\" style=\"background:{colour}\"></span>{}</span>",
            escape(klass.short_label())
        );
    }
    let _ = writeln!(page, "</div>");
}

const LABEL_WIDTH: f64 = 250.0;
const BAR_WIDTH: f64 = 420.0;
const ROW_HEIGHT: f64 = 24.0;

fn svg_open(n_rows: usize, title: &str) -> String {
    let height = n_rows as f64 * ROW_HEIGHT + 10.0;
    let width = LABEL_WIDTH + BAR_WIDTH + 90.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title>",
        escape(title)
    )
}

/// Horizontal bars, one per item, each with its own colour.
fn bar_chart(items: &[(String, u64, &str)]) -> String {
    let max = items
        .iter()
        .map(|(_, value, _)| *value)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = svg_open(items.len(), "Stapeldiagram");
    for (row, (label, value, colour)) in items.iter().enumerate() {
        let y = row as f64 * ROW_HEIGHT + 4.0;
        let width = *value as f64 / max * BAR_WIDTH;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{width:.1}\" height=\"{}\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{}\">{}</text>",
            LABEL_WIDTH - 8.0,
            y + 13.0,
            escape(label),
            ROW_HEIGHT - 8.0,
            LABEL_WIDTH + width + 6.0,
            y + 13.0,
            number(*value)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars stacked by [`Klass`], one per item.
fn stacked_chart(items: &[(String, [u64; 5])]) -> String {
    let max = items
        .iter()
        .map(|(_, values)| values.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = svg_open(items.len(), texts::STAPLAT_STAPELDIAGRAM_PER_INSATS);
    for (row, (label, values)) in items.iter().enumerate() {
        let y = row as f64 * ROW_HEIGHT + 4.0;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 8.0,
            y + 13.0,
            escape(label)
        );
        let mut x = LABEL_WIDTH;
        for (value, colour) in values.iter().zip(KLASS_COLOURS) {
            let width = *value as f64 / max * BAR_WIDTH;
            if width > 0.0 {
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{width:.1}\" height=\"{}\" fill=\"{colour}\"/>",
                    ROW_HEIGHT - 8.0
                );
            }
            x += width;
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 6.0,
            y + 13.0,
            number(values.iter().sum())
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars around a zero line: negative values to the left, in red.
fn signed_chart(items: &[(String, f64)]) -> String {
    let max = items
        .iter()
        .map(|(_, value)| value.abs())
        .fold(0.0f64, f64::max)
        .max(1.0);
    let half = BAR_WIDTH / 2.0;
    let zero = LABEL_WIDTH + half;
    let mut svg = svg_open(items.len(), texts::UPPSKATTAD_FORANDRING_I_TIMMAR);
    let height = items.len() as f64 * ROW_HEIGHT + 6.0;
    let _ = write!(
        svg,
        "<line x1=\"{zero}\" y1=\"0\" x2=\"{zero}\" y2=\"{height}\" stroke=\"#1d1d1f\" stroke-width=\"1\"/>"
    );
    for (row, (label, value)) in items.iter().enumerate() {
        let y = row as f64 * ROW_HEIGHT + 4.0;
        let width = value.abs() / max * half;
        // The value of a bar to the left is written to the right of the zero line, so it never
        // runs into the insats's name.
        let (x, colour, text_x, anchor) = if *value < 0.0 {
            (zero - width, "#c62828", zero + 6.0, "start")
        } else {
            (zero, "#2e7d32", zero + width + 6.0, "start")
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{x:.1}\" y=\"{y}\" width=\"{width:.1}\" height=\"{}\" fill=\"{colour}\"/><text x=\"{text_x:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            LABEL_WIDTH - 8.0,
            y + 13.0,
            escape(label),
            ROW_HEIGHT - 8.0,
            y + 13.0,
            decimal(*value)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_swedish_way() {
        assert_eq!(number(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(number(999), "999");
        assert_eq!(decimal(-12.26), "−12,3");
        assert_eq!(decimal(-0.01), "0,0");
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
