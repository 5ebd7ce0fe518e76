//! Every Swedish text the command line shows a person: usage errors, messages on standard
//! error and the words around the library's output.
//!
//! The words of outcomes, units and frister are the library's (`riktlinjer_library::texts`);
//! this module holds the command line's own prose, so a reviewer finds it in one place.
//! The help of each command and argument stays in its doc comment, which clap reads.
//! Messages with parameters are functions that format them; the rest are constants.
//! The sections follow the module that raises each text.

use std::fmt::Display;

// The texts of `args.rs`.

pub(crate) fn datumet(fault: impl Display) -> String {
    format!("datumet {fault}")
}

pub(crate) const FELAKTIGA_ARGUMENT: &str = "felaktiga argument";

pub(crate) const INGET_POSITIVT_ANTAL_SEKUNDER: &str = "inget positivt antal sekunder";

pub(crate) const INGEN_ADRESS_MED_PORT: &str = "ingen adress med port, till exempel 127.0.0.1:8080";

pub(crate) const SKA_VARA_ETT_TAL: &str = "ska vara ett tal";

pub(crate) const VARDET_AR_TOMT: &str = "värdet är tomt";

pub(crate) const TALET_AR_FOR_LITET: &str = "talet är för litet";

pub(crate) const TALET_AR_FOR_STORT: &str = "talet är för stort";

pub(crate) const SKA_VARA_ETT_HELTAL: &str = "ska vara ett heltal utan tecken, till exempel 1000";

pub(crate) fn fel_se_riktlinjer_help(message: impl Display) -> String {
    format!("fel: {message}\n\nSe `riktlinjer --help`.\n")
}

pub(crate) fn anges_for_manga_ganger(context: impl Display) -> String {
    format!("{context} anges för många gånger")
}

pub(crate) fn kan_inte_anges_tillsammans(argument: impl Display, prior: impl Display) -> String {
    format!("{argument} kan inte anges tillsammans med {prior}")
}

pub(crate) fn anges_mer_an_en(context: impl Display) -> String {
    format!("{context} anges mer än en gång")
}

pub(crate) fn ogiltigt_varde_for(context: impl Display, source: impl Display) -> String {
    format!("ogiltigt värde för {context}: {source}")
}

pub(crate) fn ogiltigt_varde_for_mojliga(argument: impl Display, valid: impl Display) -> String {
    format!("ogiltigt värde för {argument}; möjliga värden: {valid}")
}

pub(crate) fn ange_ett_kommando(usage: impl Display) -> String {
    format!("ange ett kommando\n\n{usage}")
}

pub(crate) fn detta_maste_anges(context: impl Display) -> String {
    format!("detta måste anges: {context}")
}

pub(crate) fn okant_kommando(context: impl Display) -> String {
    format!("okänt kommando `{context}`")
}

pub(crate) fn okand_flagga(context: impl Display) -> String {
    format!("okänd flagga `{context}`")
}

pub(crate) const MOJLIGA_VARDEN_I_HAKPARENTES: &str = "[möjliga värden:";

pub(crate) const MOJLIGA_VARDEN: &str = "Möjliga värden:";

pub(crate) const ANVANDNING: &str =
    "{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";

// The texts of `command.rs`.

pub(crate) fn kunde_inte_hamta_slumptal(message: impl Display) -> String {
    format!("kunde inte hämta slumptal från systemet: {message}")
}

pub(crate) fn token_for_visas_bara(
    namn: impl Display,
    token: impl Display,
    line: impl Display,
) -> String {
    format!(
        "Token för {namn} (visas bara nu; ge det till anroparen och spara det inte här):\n{token}\n\nLägg till denna rad i tokenfilen (--tokens) och skicka SIGHUP till tjänsten:\n{line}"
    )
}

pub(crate) fn en_regeltabell_har_ingen(path: impl Display) -> String {
    format!("{path}: en regeltabell har ingen text att publicera; ange riktlinjens Markdown")
}

pub(crate) fn ingen_riktlinjeversion(rules: impl Display) -> String {
    format!("{rules}: ingen riktlinjeversion")
}

pub(crate) fn ingen_version_med_id(rules: impl Display, id: impl Display) -> String {
    format!("{rules}: ingen version med id `{id}`")
}

pub(crate) fn skrev_status_forslag_kontrollera(path: impl Display) -> String {
    format!("skrev {path} (status förslag); kontrollera med `riktlinjer check {path}`")
}

pub(crate) fn filen_finns_redan_en(path: impl Display) -> String {
    format!(
        "{path}: filen finns redan; en ny version av riktlinjen får en egen fil med sin giltig från-dag (--giltig-fran)"
    )
}

pub(crate) fn fel(error: impl Display) -> String {
    format!("fel: {error}")
}

pub(crate) fn tjansten_pa_ar_frisk(
    addr: impl Display,
    versioner: impl Display,
    galler_idag: impl Display,
    inlast: impl Display,
    failed: impl Display,
) -> String {
    format!(
        "tjänsten på {addr} är frisk: {versioner} riktlinjeversioner, gäller i dag: {galler_idag}, inläst {inlast}{failed}"
    )
}

pub(crate) fn senaste_misslyckade_omlasning(
    typ: impl Display,
    tid: impl Display,
    orsak: impl Display,
) -> String {
    format!("\nsenaste misslyckade omläsning ({typ}, {tid}): {orsak}")
}

pub(crate) const AVBROTT_KAN_BARA_ANGES: &str = "--avbrott kan bara anges med ett enda beslutsdatum; på standard in skrivs avbrottet efter `;` på raden";

pub(crate) fn ingen_antagen_version_av(rules: impl Display, as_of: impl Display) -> String {
    format!("{rules}: ingen antagen version av riktlinjen gäller {as_of}")
}

pub(crate) fn version_ingen_version_har(known: impl Display) -> String {
    format!("--version: ingen version har det id som angavs; de som finns är {known}")
}

pub(crate) fn byte_insatser_regler_innehallshash(
    out: impl Display,
    n_bytes: impl Display,
    n_insatser: impl Display,
    n_rules: impl Display,
    hash_hex: impl Display,
    name: impl Display,
) -> String {
    format!(
        "{name} → {out} ({n_bytes} byte, {n_insatser} insatser, {n_rules} regler, innehållshash {hash_hex})"
    )
}

pub(crate) fn fel_ingen_regeltabell_skrevs(
    n_diagnostics: impl Display,
    name: impl Display,
) -> String {
    format!("{name}: {n_diagnostics} fel; ingen regeltabell skrevs")
}

pub(crate) fn fel_mellan_versionerna(folder: impl Display) -> String {
    format!("{folder}: 1 fel mellan versionerna")
}

pub(crate) fn provningar_fran_den_dagen(i_kraft: impl Display) -> String {
    format!("prövningar från den dagen hänvisar till {i_kraft}")
}

pub(crate) const DEN_NATIONELLA_GRUNDEN_ANGER: &str = "den nationella grunden anger ingen motsvarande paragraf, så prövningar från den dagen visar hänvisningen med en upplysning om att lagen har upphävts";

pub(crate) fn regler_och_insatser(n: impl Display) -> String {
    format!("{n} regler och insatser")
}

pub(crate) const EN_REGEL_ELLER_INSATS: &str = "en regel eller insats";

pub(crate) fn varning_hanvisar_till_som(
    citing: impl Display,
    lagrum: impl Display,
    fran: impl Display,
    giltighet: impl Display,
    ids: impl Display,
    name: impl Display,
) -> String {
    format!(
        "varning: {name}: {citing} hänvisar till {lagrum}, som upphävdes {fran} medan versionen gäller ({giltighet}); {ids}"
    )
}

pub(crate) fn av_regeltester_godkanda(
    n_rule_tests: impl Display,
    name: impl Display,
    status: impl Display,
    passed: impl Display,
) -> String {
    format!("{name}: {status} ({passed} av {n_rule_tests} regeltester godkända)")
}

pub(crate) fn antal_fel(n_diagnostics: impl Display) -> String {
    format!("{n_diagnostics} fel")
}

pub(crate) fn mappen_innehaller_ingen_riktlinje(path: impl Display) -> String {
    format!("{path}: mappen innehåller ingen riktlinje (.md)")
}

pub(crate) fn standard_ut(io_text: impl Display) -> String {
    format!("standard ut: {io_text}")
}

// The texts of `progress.rs`.

pub(crate) const ARENDEN_PROVADE: &str = "{spinner} {pos} ärenden prövade ({elapsed})";

pub(crate) fn ingen_trad(error: impl Display) -> String {
    format!("fel: kommandot kunde inte startas, ingen tråd att köra det på: {error}\n")
}
