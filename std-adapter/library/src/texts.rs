//! The Swedish texts of the library: the engine's own words (outcomes of insatser and of
//! skyddsåtgärder, units, laws, message ids and frister) with the stable ASCII codes that JSON
//! output uses for the same values, and every message, heading and report text the library
//! writes.
//!
//! Rule reasons come from the riktlinje itself (each rule's `skäl`); this module holds the words
//! the engine adds around them.
//! It is the only place with such prose: the faults of the case readers, the descriptions of
//! the case contract's fields, and the texts of frister, diffs, omprövning and the IVO report.
//! Messages with parameters are functions that format them; the rest are constants.
//! After the tables, the sections follow the module that raises each text.

use std::fmt::Display;

use riktlinjer_core::evaluation::FristKind;
use riktlinjer_core::limits::{MAX_ANSOKNINGAR, MAX_BESLUT, MAX_SKYDDSATGARDER};
use riktlinjer_core::{AtgardOutcome, Enhet, FristStatus, Lag, MessageId, Outcome, Role, Status};

use crate::case::loose::MAX_LOOSE;
use crate::scaffold::MAX_NAME;

/// Every outcome of a prövning with its stable code in JSON and the words a handläggare reads:
/// the library's one table of outcomes (the rule language's own words are the compiler's).
pub const OUTCOMES: [(Outcome, &str, &str); 4] = [
    (Outcome::Uppfyller, "uppfyller", "Uppfyller riktlinjen"),
    (
        Outcome::UppfyllerInte,
        "uppfyller_inte",
        "Uppfyller inte riktlinjen (individuell prövning krävs)",
    ),
    (Outcome::LagenHindrar, "lagen_hindrar", "Lagen hindrar"),
    (
        Outcome::KraverIndividuellBedomning,
        "kraver_individuell_bedomning",
        "Kräver individuell bedömning",
    ),
];

/// Every role of a reason with its stable code in JSON and the words a handläggare reads.
pub const ROLES: [(Role, &str, &str); 4] = [
    (Role::Avgorande, "avgorande", "Avgörande"),
    (Role::EjUppfylldNorm, "ej_uppfylld_norm", "Ej uppfylld norm"),
    (Role::SaknadUppgift, "saknad_uppgift", "Saknad uppgift"),
    (Role::Upplysning, "upplysning", "Upplysning"),
];

/// The role's stable code in JSON.
pub fn role_code(role: Role) -> &'static str {
    row(&ROLES, role).0
}

/// The role as a handläggare reads it, at the start of a reason.
pub fn role_label(role: Role) -> &'static str {
    row(&ROLES, role).1
}

/// Every status of a version with its code in JSON and its word.
pub const STATUSES: [(Status, &str, &str); 2] = [
    (Status::Antagen, "antagen", "antagen"),
    (Status::Forslag, "forslag", "förslag"),
];

/// Where a reason comes from: its code in JSON and its word in text.
pub const URSPRUNG: [(riktlinjer_core::Ursprung, &str, &str); 2] = [
    (riktlinjer_core::Ursprung::Lag, "lag", "lagen"),
    (
        riktlinjer_core::Ursprung::Riktlinje,
        "riktlinje",
        "riktlinjen",
    ),
];

/// The word for where a change or a reason comes from: the law or the riktlinje.
pub fn ursprung_label(ursprung: riktlinjer_core::Ursprung) -> &'static str {
    row(&URSPRUNG, ursprung).1
}

/// The code of where a reason comes from, in JSON.
pub fn ursprung_code(ursprung: riktlinjer_core::Ursprung) -> &'static str {
    row(&URSPRUNG, ursprung).0
}

/// The row of `value` in a table of codes and words.
fn row<T: PartialEq + Copy>(
    table: &[(T, &'static str, &'static str)],
    value: T,
) -> (&'static str, &'static str) {
    table
        .iter()
        .find(|(candidate, _, _)| *candidate == value)
        .map_or(("", ""), |(_, code, label)| (code, label))
}

/// A code from a case (an insats id, a parameter's name) as a message or a report may show it:
/// only when it has the form of a code, a lowercase ASCII letter and then lowercase ASCII
/// letters, digits and `_`, at most 64 in all. A personnummer, a name or an address put in its
/// place by a mapping slip is never repeated.
pub fn shown_code(code: &str) -> Option<&str> {
    let mut chars = code.chars();
    let first = chars.next()?;
    (first.is_ascii_lowercase()
        && code.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    .then_some(code)
}

/// [`shown_code`] in backticks, or the words for a code that cannot be shown.
pub fn code_or_unknown(code: &str) -> String {
    match shown_code(code) {
        Some(code) => format!("`{code}`"),
        None => "(en kod som inte kan visas)".to_owned(),
    }
}

/// What is wrong with a date, without repeating it (a date may be part of a personnummer).
pub fn date_fault(error: riktlinjer_core::DateError) -> String {
    let what = match error {
        riktlinjer_core::DateError::Format => "det ska skrivas ÅÅÅÅ-MM-DD",
        riktlinjer_core::DateError::Month { .. } => "månaden finns inte",
        riktlinjer_core::DateError::Day { .. } => "dagen finns inte i månaden",
        riktlinjer_core::DateError::Year => "året ligger utanför 0001–9999",
    };
    format!("är inget giltigt datum: {what}")
}

/// The outcome as a handläggare reads it.
pub fn outcome_label(outcome: Outcome) -> &'static str {
    row(&OUTCOMES, outcome).1
}

/// The outcome's stable code in JSON.
pub fn outcome_code(outcome: Outcome) -> &'static str {
    row(&OUTCOMES, outcome).0
}

/// The message's stable code in JSON.
pub fn message_code(message: MessageId) -> &'static str {
    match message {
        MessageId::RegelUppfylld => "regel_uppfylld",
        MessageId::UppgiftSaknas => "uppgift_saknas",
        MessageId::LagenHindrarKanInteUteslutas => "lagen_hindrar_kan_inte_uteslutas",
        MessageId::IngenRegelPassar => "ingen_regel_passar",
        MessageId::OkandInsats => "okand_insats",
        MessageId::RutinstegOvisat => "rutinsteg_ovisat",
        MessageId::EgetSamtyckeSaknas => "eget_samtycke_saknas",
        MessageId::OkandAtgard => "okand_atgard",
        MessageId::OmfattningOverSchablon => "omfattning_over_schablon",
        MessageId::SchablonUppgiftSaknas => "schablon_uppgift_saknas",
        MessageId::BerakningForStor => "berakning_for_stor",
    }
}

/// The outcome of a skyddsåtgärd as a handläggare reads it.
pub fn atgard_outcome_label(outcome: AtgardOutcome) -> &'static str {
    match outcome {
        AtgardOutcome::TillatenMedSamtycke => "Tillåten med den enskildes samtycke",
        AtgardOutcome::EjTillaten => "Ej tillåten",
        AtgardOutcome::RutinEjFoljd => "Rutinen är inte följd",
        AtgardOutcome::KraverJuridiskBedomning => "Kräver juridisk bedömning",
    }
}

/// The outcome of a skyddsåtgärd as its stable code in JSON.
pub fn atgard_outcome_code(outcome: AtgardOutcome) -> &'static str {
    match outcome {
        AtgardOutcome::TillatenMedSamtycke => "tillaten_med_samtycke",
        AtgardOutcome::EjTillaten => "ej_tillaten",
        AtgardOutcome::RutinEjFoljd => "rutin_ej_foljd",
        AtgardOutcome::KraverJuridiskBedomning => "kraver_juridisk_bedomning",
    }
}

/// The engine's own sentence for a reason about a skyddsåtgärd: `rule` is the rule's id and
/// `skal` its own text, `fact` the fact's name in the rule language, where the reason has them.
pub fn atgard_message_text(
    message: MessageId,
    rule: Option<&str>,
    skal: Option<&str>,
    fact: Option<&str>,
) -> String {
    let rule_id = rule.unwrap_or("?");
    match message {
        MessageId::RegelUppfylld => skal.map_or_else(
            || format!("Regel {rule_id} är uppfylld."),
            str::to_owned,
        ),
        MessageId::RutinstegOvisat => {
            let step = skal.unwrap_or("ett steg i rutinen");
            match fact {
                Some(fact) => format!(
                    "Uppgiften «{fact}» saknas i ärendet, så det går inte att visa att steget är gjort: {step}"
                ),
                None => format!("Det går inte att visa att steget är gjort: {step}"),
            }
        }
        MessageId::UppgiftSaknas => match fact {
            Some(fact) => format!(
                "Uppgiften «{fact}» saknas i ärendet, så regel {rule_id} kan inte prövas; åtgärden kräver en juridisk bedömning innan den används."
            ),
            None => format!(
                "Regel {rule_id} kan inte prövas med de uppgifter som finns; åtgärden kräver en juridisk bedömning."
            ),
        },
        MessageId::EgetSamtyckeSaknas => match fact {
            Some(fact) => format!(
                "Uppgiften «{fact}» saknas, så ärendet visar inte att den enskilde själv samtycker och fortfarande accepterar åtgärden. Utan den enskildes eget samtycke finns inget lagstöd för åtgärden; en god man, förvaltare eller anhörig kan inte samtycka i den enskildes ställe."
            ),
            None => "Ärendet visar inte att den enskilde själv samtycker och fortfarande accepterar åtgärden. Utan den enskildes eget samtycke finns inget lagstöd för åtgärden, oavsett vad riktlinjen anger; en god man, förvaltare eller anhörig kan inte samtycka i den enskildes ställe.".to_owned(),
        },
        MessageId::OkandAtgard => {
            "Riktlinjen beskriver inte den här typen av skyddsåtgärd; den kan inte bedömas som tillåten utan en juridisk bedömning.".to_owned()
        }
        MessageId::IngenRegelPassar => {
            "Ingen regel i riktlinjen avgör om åtgärden är tillåten; den kräver en juridisk bedömning.".to_owned()
        }
        MessageId::LagenHindrarKanInteUteslutas
        | MessageId::OkandInsats
        | MessageId::OmfattningOverSchablon
        | MessageId::SchablonUppgiftSaknas
        | MessageId::BerakningForStor => message_text(message, rule, fact),
    }
}

/// The engine's own sentence for a message; `fact` is the fact's name in the rule language and
/// `rule` the rule's id, where the message has one.
pub fn message_text(message: MessageId, rule: Option<&str>, fact: Option<&str>) -> String {
    let rule = rule.unwrap_or("?");
    match message {
        MessageId::RegelUppfylld => format!("Regel {rule} är uppfylld."),
        MessageId::UppgiftSaknas => match fact {
            Some(fact) => format!(
                "Uppgiften «{fact}» saknas i ärendet, så regel {rule} kan inte prövas; riktlinjen kan inte avgöra ansökan utan en individuell bedömning."
            ),
            None => format!("Regel {rule} kan inte prövas med de uppgifter som finns; en individuell bedömning krävs."),
        },
        MessageId::LagenHindrarKanInteUteslutas => match fact {
            Some(fact) => format!(
                "Uppgiften «{fact}» saknas, så det går inte att utesluta att lagen hindrar insatsen (regel {rule}); en individuell bedömning krävs."
            ),
            None => format!("Det går inte att utesluta att lagen hindrar insatsen (regel {rule}); en individuell bedömning krävs."),
        },
        MessageId::IngenRegelPassar => {
            "Ingen regel i riktlinjen passar fallet; utfallet är det riktlinjen anger för insatsen i övrigt.".to_owned()
        }
        MessageId::OkandInsats => {
            "Riktlinjen beskriver inte den sökta insatsen; ansökan prövas individuellt enligt lagen.".to_owned()
        }
        MessageId::OmfattningOverSchablon => {
            "Den sökta omfattningen är större än den som riktlinjens schablon ger för fallet; pröva om det finns särskilda skäl.".to_owned()
        }
        MessageId::SchablonUppgiftSaknas => match fact {
            Some(fact) => format!(
                "Uppgiften «{fact}» saknas i ärendet, så riktlinjens schablon kan inte räknas fram; omfattningen kräver en individuell bedömning."
            ),
            None => "Riktlinjens schablon kan inte räknas fram med de uppgifter som finns; omfattningen kräver en individuell bedömning.".to_owned(),
        },
        MessageId::BerakningForStor => {
            "Ett tal i ärendet är för stort för att riktlinjens beräkning ska kunna göras exakt; en individuell bedömning krävs.".to_owned()
        }
        MessageId::RutinstegOvisat | MessageId::EgetSamtyckeSaknas | MessageId::OkandAtgard => {
            atgard_message_text(message, Some(rule), None, fact)
        }
    }
}

/// The sentence for a further fact the case does not give, beside the reason that decided:
/// "Uppgiften «behov» (De livsområden i IBIC där utredningen visar ett behov) saknas i ärendet,
/// så regel HT-S-2 kan inte prövas."
pub fn further_missing_fact_text(
    rule: Option<&str>,
    fact: Option<&str>,
    beskrivning: Option<&str>,
) -> String {
    let rule = rule.unwrap_or("?");
    let fact = fact.unwrap_or("?");
    match beskrivning {
        Some(beskrivning) => format!(
            "Uppgiften «{fact}» ({}) saknas i ärendet, så regel {rule} kan inte prövas.",
            beskrivning.trim_end_matches('.')
        ),
        None => format!("Uppgiften «{fact}» saknas i ärendet, så regel {rule} kan inte prövas."),
    }
}

/// A fact's value as a person reads it: a decimal from thousandths (`7,5`), yes or no, or the
/// number.
pub fn fact_value_text(kind: Option<riktlinjer_core::FactKind>, value: i64) -> String {
    match kind {
        Some(riktlinjer_core::FactKind::Decimal) => decimal_text(value),
        Some(riktlinjer_core::FactKind::Bool) => if value == 0 { "nej" } else { "ja" }.to_owned(),
        _ => value.to_string(),
    }
}

/// The figures a rule compares, after its reason: " Jämfört: städning_var_n_vecka är 2
/// (> 0, < 3)." Empty without figures.
pub fn comparisons_text(comparisons: &[crate::answer::Jamforelse]) -> String {
    let mut facts: Vec<(&str, Option<&str>, Vec<String>)> = Vec::new();
    for comparison in comparisons {
        let limit = format!("{} {}", comparison.jamforelse, comparison.grans);
        match facts
            .iter_mut()
            .find(|(name, _, _)| *name == comparison.uppgift)
        {
            Some((_, _, limits)) => limits.push(limit),
            None => facts.push((
                &comparison.uppgift,
                comparison.varde.as_deref(),
                vec![limit],
            )),
        }
    }
    let parts: Vec<String> = facts
        .iter()
        .map(|(name, value, limits)| {
            let value =
                value.map_or_else(|| "anges inte".to_owned(), |value| format!("är {value}"));
            format!("{name} {value} (regeln: {})", limits.join(", "))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" Jämfört: {}.", parts.join("; "))
    }
}

/// What would change the outcome, in a sentence: "Med städning_var_n_vecka 3 (i stället för 2)
/// och sökt_omfattning 5,7 (i stället för 8) uppfyller ansökan riktlinjen."
/// `resultat` is the code of [`crate::answer::Counterfactual::resultat`]; each change is the
/// fact's name, its value in the case (if given) and its value after the change.
pub fn counterfactual_text(resultat: &str, changes: &[(&str, Option<&str>, &str)]) -> String {
    match resultat {
        "redan_uppfylld" => "Ansökan uppfyller redan riktlinjen.".to_owned(),
        "andring" => {
            let parts: Vec<String> = changes
                .iter()
                .map(|(name, from, to)| match from {
                    Some(from) => format!("{name} {to} (i stället för {from})"),
                    None => format!("{name} {to} (anges inte i ärendet)"),
                })
                .collect();
            let listed = match parts.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("Med {listed} uppfyller ansökan riktlinjen.")
        }
        _ => "Ingen ändring av det som ansökan anger (hur ofta, hur mycket) gör att ansökan uppfyller riktlinjen; det som avgör ligger utanför ansökan, till exempel att lagen hindrar insatsen eller en uppgift om den enskilde.".to_owned(),
    }
}

/// The sentence for a sökt omfattning above the schablon, with both figures: "Sökt omfattning
/// är 10 timmar per månad; riktlinjens schablon ger 7,3 timmar per månad."
pub fn over_schablon_text(sokt: i64, beraknad: i64, enhet: Enhet) -> String {
    format!(
        "Sökt omfattning är {} {}; riktlinjens schablon ger {} {} för fallet. Pröva om det finns särskilda skäl för mer.",
        decimal_text(sokt),
        enhet_after(sokt, enhet),
        decimal_text(beraknad),
        enhet_after(beraknad, enhet)
    )
}

/// One line of a computed omfattning as a handläggare reads it:
/// "Städning: 70 minuter × 26 gånger per år = 2,53 timmar per månad". The frequency is said per
/// dag, vecka or månad when it is a whole number of times in that period (the engine's year
/// is 364 days, 52 weeks and 12 months), so three visits a day read "3 gånger per dag", not
/// "1092 gånger per år".
pub fn breakdown_line(line: &crate::answer::BerakningRad, enhet: Option<Enhet>) -> String {
    // Two decimals: enough to see each line's share of a total given with one.
    let thousandths = |value: f64| (value * 100.0).round() as i64 * 10;
    let figure = |value: Option<f64>| {
        value.map_or_else(
            || "okänt".to_owned(),
            |value| decimal_text(thousandths(value)),
        )
    };
    let minuter = |value: f64| counted(thousandths(value), "minut", "minuter");
    let how = match (line.minuter, line.tillfallen_per_ar) {
        (Some(minutes), Some(times)) => {
            let (times, period) = per_period(thousandths(times));
            format!(
                "{} {} × {} {} per {period}",
                figure(line.minuter),
                minuter(minutes),
                decimal_text(times),
                counted(times, "gång", "gånger")
            )
        }
        (Some(minutes), None) if line.antal.is_empty() => {
            format!("{} {} per år", figure(line.minuter), minuter(minutes))
        }
        // Not computed (a fact missing, or too large a number): the component as written.
        _ if line.antal.is_empty() => line.tid.clone(),
        _ => format!("{} × {}", line.tid, line.antal),
    };
    let status = match line.status.as_str() {
        "galler_inte" => " (gäller inte i fallet)",
        "ingar_i_annat" => " (ingår i ett annat delmoment)",
        "uppgift_saknas" => " (en uppgift saknas)",
        "for_stor" => " (talet är för stort)",
        _ => "",
    };
    let mut notes = Vec::new();
    if line.begransad {
        notes.push("begränsad av riktlinjens tak");
    }
    if line.delad {
        notes.push("delas med make eller sambo");
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join(", "))
    };
    // A line with no figure says why instead of "= okänt".
    let result = match (line.delsumma, enhet) {
        (Some(value), Some(enhet)) => format!(
            " = {} {}",
            decimal_text(thousandths(value)),
            enhet_after(thousandths(value), enhet)
        ),
        (Some(value), None) => format!(" = {}", decimal_text(thousandths(value))),
        (None, _) => String::new(),
    };
    format!("{}: {how}{result}{status}{notes}", line.namn)
}

/// Times a year (in thousandths) as times in the longest period of dag, vecka and månad that
/// holds a whole number of them, or a year when none does.
fn per_period(times_a_year: i64) -> (i64, &'static str) {
    [(364, "dag"), (52, "vecka"), (12, "månad")]
        .into_iter()
        .find(|&(periods, _)| times_a_year > 0 && times_a_year % (periods * 1_000) == 0)
        .map_or((times_a_year, "år"), |(periods, name)| {
            (times_a_year / periods, name)
        })
}

/// Thousandths as a Swedish decimal: 7 300 is `7,3`, 6 000 is `6`.
pub fn decimal_text(thousandths: i64) -> String {
    riktlinjer_compiler::compile::decimal_text(thousandths)
}

/// The unit as written after the figure `thousandths` (in thousandths of the unit): in the
/// singular after exactly one ("1 timme per månad", "1 gång per vecka"), otherwise as
/// [`enhet_label`]. Dygn, larm, plats and beslut read the same in both.
pub fn enhet_after(thousandths: i64, enhet: Enhet) -> &'static str {
    match (thousandths, enhet) {
        (1_000, Enhet::TimmarPerManad) => "timme per månad",
        (1_000, Enhet::TimmarPerVecka) => "timme per vecka",
        (1_000, Enhet::GangerPerVecka) => "gång per vecka",
        _ => enhet_label(enhet),
    }
}

/// `singular` after a figure of exactly one, `plural` after any other ("1 minut", "90 minuter").
fn counted(thousandths: i64, singular: &'static str, plural: &'static str) -> &'static str {
    if thousandths == 1_000 {
        singular
    } else {
        plural
    }
}

/// The unit as written after a number.
pub fn enhet_label(enhet: Enhet) -> &'static str {
    match enhet {
        Enhet::TimmarPerManad => "timmar per månad",
        Enhet::TimmarPerVecka => "timmar per vecka",
        Enhet::DygnPerManad => "dygn per månad",
        Enhet::GangerPerVecka => "gånger per vecka",
        Enhet::Larm => "larm",
        Enhet::Plats => "plats",
        Enhet::Beslut => "beslut",
    }
}

/// The unit's stable code in JSON.
pub fn enhet_code(enhet: Enhet) -> &'static str {
    match enhet {
        Enhet::TimmarPerManad => "timmar_per_manad",
        Enhet::TimmarPerVecka => "timmar_per_vecka",
        Enhet::DygnPerManad => "dygn_per_manad",
        Enhet::GangerPerVecka => "ganger_per_vecka",
        Enhet::Larm => "larm",
        Enhet::Plats => "plats",
        Enhet::Beslut => "beslut",
    }
}

/// The law's short name.
pub fn lag_label(lag: Lag) -> &'static str {
    match lag {
        Lag::SoL => "SoL",
        Lag::Lss => "LSS",
    }
}

/// The status's word.
pub fn status_label(status: Status) -> &'static str {
    row(&STATUSES, status).1
}

/// The status's stable code in JSON.
pub fn status_code(status: Status) -> &'static str {
    row(&STATUSES, status).0
}

/// The frist kind's stable code in JSON.
pub fn frist_code(kind: FristKind) -> &'static str {
    match kind {
        FristKind::Overklagande => "overklagande",
        FristKind::EjVerkstallt => "ej_verkstallt",
        FristKind::EjVerkstalltEfterAvbrott => "ej_verkstallt_efter_avbrott",
        FristKind::RapporteraVerkstallt => "rapportera_verkstallt",
        FristKind::IndividuellPlan => "individuell_plan",
        FristKind::Fl12 => "fl_12",
        FristKind::Tidsbegransat => "tidsbegransat",
        FristKind::Skyddsbedomning => "skyddsbedomning",
        FristKind::Forhandsbedomning => "forhandsbedomning",
        FristKind::Barnutredning => "barnutredning",
        FristKind::UppfoljningSkyddsatgard => "uppfoljning_skyddsatgard",
        FristKind::UppfoljningAterkallatSamtycke => "uppfoljning_aterkallat_samtycke",
        FristKind::OvervagandeSkyddatBoende => "overvagande_skyddat_boende",
        FristKind::Understallning => "understallning",
        FristKind::PlaceringInomFyraVeckor => "placering_inom_fyra_veckor",
        FristKind::AnsokanInomSexVeckor => "ansokan_inom_sex_veckor",
    }
}

/// Where a frist stands, as a handläggare reads it.
///
/// The överklagande frist is the party's, not the nämnd's: once it has run out it is not
/// "överskriden" by anyone, the beslut has vunnit laga kraft unless it was överklagat.
pub fn frist_status_text(kind: FristKind, status: FristStatus) -> String {
    match (kind, status) {
        (FristKind::Overklagande, FristStatus::Overskriden { .. }) => {
            "har löpt ut; beslutet har vunnit laga kraft om det inte har överklagats".to_owned()
        }
        (FristKind::Fl12, FristStatus::Overskriden { dagar }) => format!(
            "den enskilde kan sedan {dagar} {} begära att ärendet avgörs; nämnden ska då avgöra det inom fyra veckor",
            if dagar == 1 { "dag" } else { "dagar" }
        ),
        (FristKind::Fl12, FristStatus::GarUtInom { dagar }) => {
            let from = dagar.saturating_add(1);
            format!(
                "den enskilde kan begära att ärendet avgörs om {from} {}",
                if from == 1 { "dag" } else { "dagar" }
            )
        }
        _ => status.to_string(),
    }
}

/// What a frist's day is, as the text output labels it: for most frister the last day to act;
/// for FL 12 § the day after which the enskilde may ask for a decision, which no one has to
/// act by.
pub fn frist_day_label(kind: FristKind) -> &'static str {
    match kind {
        FristKind::Fl12 => "den enskilde kan begära avgörande efter",
        _ => "sista dag",
    }
}

/// What a frist's day is, as its stable code in JSON (`dagen_avser`).
pub fn frist_day_code(kind: FristKind) -> &'static str {
    match kind {
        FristKind::Fl12 => "avgorande_kan_begaras_efter",
        _ => "sista_dag",
    }
}

// The descriptions of the case contract's objects and fields (`case/fields.rs`), which the
// JSON Schema carries.

pub(crate) const ABOUT_CASE: &str = "Ett ärende som ett verksamhetssystem skickar till riktlinjer. Alla uppgifter utom schema_version och insats är valfria: en uppgift som saknas (eller är null) är okänd, och en regel som behöver den kan då inte avgöra ansökan (utfallet blir kräver individuell bedömning). Okända fält avvisas, så att ett felstavat fält inte tyst blir en okänd uppgift.";

pub(crate) const ABOUT_CASE_SCHEMA_VERSION: &str = "Schemats version. Denna version är 1.";

pub(crate) const ABOUT_CASE_ARENDE_ID: &str =
    "Verksamhetssystemets id för ärendet. Följer med i svaret.";

pub(crate) const ABOUT_CASE_PERSON: &str = "Uppgifter om den enskilde.";

pub(crate) const ABOUT_CASE_ANSOKNINGAR: &str = "Ansökningar att pröva, var och en om en insats.";

pub(crate) const ABOUT_CASE_BESLUT: &str =
    "Befintliga beslut: ger frister och uppgifter som har_gällande_beslut.";

pub(crate) const ABOUT_CASE_BARNARENDE: &str = "Ett ärende om ett barn efter en anmälan (20 kap. SoL): ger fristerna för skyddsbedömning, förhandsbedömning och utredning.";

pub(crate) const ABOUT_CASE_SKYDDSATGARDER: &str = "Skyddsåtgärder som används kring den enskilde; var och en prövas för sig och får sina uppföljningsfrister.";

pub(crate) const ABOUT_CASE_SKYDDAT_BOENDE: &str = "Ett barns placering i skyddat boende (9 kap. 5–6 §§ SoL; lagen (2024:79)): ger fristerna för övervägande, underställning, placering inom fyra veckor och ansökan inom sex veckor.";

pub(crate) const ABOUT_PERSON: &str = "Uppgifter om den enskilde.";

pub(crate) const ABOUT_PERSON_FODELSEDATUM: &str = "Födelsedatum. Ålder räknas fram på prövningsdagen och på ansökningsdagen; den som är född 29 februari fyller år 1 mars ett vanligt år.";

pub(crate) const ABOUT_PERSON_KON: &str = "Kön.";

pub(crate) const ABOUT_PERSON_SKYDDADE_PERSONUPPGIFTER: &str =
    "Skydd av personuppgifter (Skatteverket).";

pub(crate) const ABOUT_PERSON_NAMN: &str =
    "Namn. Används aldrig i prövningen och visas aldrig i svaret.";

pub(crate) const ABOUT_PERSON_PERSONNUMMER: &str =
    "Personnummer. Används aldrig i prövningen och visas aldrig i svaret.";

pub(crate) const ABOUT_PERSON_ADRESS: &str =
    "Adress. Används aldrig i prövningen och visas aldrig i svaret.";

pub(crate) const ABOUT_ANSOKAN_INSATS: &str = "Insatsens id som riktlinjen namnger den, till exempel `trygghetslarm` eller `personlig_assistans`.";

pub(crate) const ABOUT_ANSOKAN_ANSOKNINGSDATUM: &str = "Dagen ansökan kom in.";

pub(crate) const ABOUT_ANSOKAN_SOKT_OMFATTNING: &str = "Sökt omfattning i insatsens enhet (riktlinjen anger enheten), med högst tre decimaler: ett tal (7.5) eller en text med decimalkomma (\"7,5\").";

pub(crate) const ABOUT_BESLUT_INSATS: &str = "Insatsens id som riktlinjen namnger den, till exempel `trygghetslarm` eller `personlig_assistans`.";

pub(crate) const ABOUT_BESLUT_BESLUTSDATUM: &str = "Beslutsdatum.";

pub(crate) const ABOUT_BESLUT_DELGIVEN: &str = "Dagen den enskilde fick del av beslutet.";

pub(crate) const ABOUT_BESLUT_GYNNANDE: &str = "Beslutet är gynnande (helt eller delvis bifall).";

pub(crate) const ABOUT_BESLUT_TILLS_VIDARE: &str = "Beslutet gäller tills vidare.";

pub(crate) const ABOUT_BESLUT_GILTIG_TILL: &str = "Sista dagen ett tidsbegränsat beslut gäller.";

pub(crate) const ABOUT_BESLUT_OMFATTNING: &str =
    "Beviljad omfattning i insatsens enhet, med högst tre decimaler.";

pub(crate) const ABOUT_BESLUT_VERKSTALLD: &str = "Dagen beslutet verkställdes.";

pub(crate) const ABOUT_BESLUT_AVBROTT: &str =
    "Dagen verkställigheten avbröts, om den inte har återupptagits.";

pub(crate) const ABOUT_BESLUT_ANLEDNING_KOD: &str = "Rapport om ej verkställt beslut: anledningen som kod. brist_pa_plats = ingen lämplig plats eller bostad; brist_pa_personal = ingen personal, utförare, kontaktperson eller ledsagare; den_enskilde_tackat_nej = den enskilde har tackat nej till erbjudande; den_enskilde_vill_vanta = den enskilde vill vänta eller skjuta upp verkställigheten; ovrigt = annan anledning, beskriven i anledning_text. Listan kan utökas.";

pub(crate) const ABOUT_BESLUT_ANLEDNING_TEXT: &str = "Rapport om ej verkställt beslut: anledningen med handläggarens ord. Visas inte i rapporten för en person med skyddade personuppgifter.";

pub(crate) const ABOUT_BESLUT_ERBJUDANDEN: &str =
    "Rapport om ej verkställt beslut: erbjudanden om verkställighet som lämnats, med datum.";

pub(crate) const ABOUT_BESLUT_RAPPORTERAD_TIDIGARE: &str =
    "Beslutet fanns med i ett tidigare kvartals rapport till IVO.";

pub(crate) const ABOUT_BESLUT_VERKSAMHETSOMRADE: &str = "Rapportens verksamhetsområde, när verksamhetssystemet anger det. Utan det härleds området ur insatsens lag i riktlinjen och den enskildes ålder på beslutsdagen: LSS ger lss, SoL och 65 år eller äldre ger aldreomsorg, SoL och yngre ger funktionsnedsattning_sol.";

pub(crate) const ABOUT_ERBJUDANDE_DATUM: &str = "Dagen erbjudandet lämnades.";

pub(crate) const ABOUT_ERBJUDANDE_TEXT: &str = "Vad som erbjöds och svaret. Visas inte i rapporten för en person med skyddade personuppgifter.";

pub(crate) const ABOUT_BARNARENDE: &str = "Ett ärende om ett barn efter en anmälan (20 kap. SoL): ger fristerna för skyddsbedömning, förhandsbedömning och utredning.";

pub(crate) const ABOUT_BARNARENDE_ANMALAN_INKOM: &str = "Dagen anmälan kom in.";

pub(crate) const ABOUT_BARNARENDE_SKYDDSBEDOMNING_GJORD: &str =
    "Dagen den omedelbara skyddsbedömningen gjordes och dokumenterades.";

pub(crate) const ABOUT_BARNARENDE_FORHANDSBEDOMNING_KLAR: &str =
    "Dagen förhandsbedömningen avslutades med beslut om att inleda eller inte inleda utredning.";

pub(crate) const ABOUT_BARNARENDE_UTREDNING_INLEDD: &str = "Dagen utredningen inleddes.";

pub(crate) const ABOUT_BARNARENDE_UTREDNING_AVSLUTAD: &str = "Dagen utredningen avslutades.";

pub(crate) const ABOUT_SKYDDSATGARD: &str = "En skyddsåtgärd (till exempel sänggrind, bälte, larmmatta, GPS-larm eller digital tillsyn) som prövas mot riktlinjens regler för sin typ. Varken SoL eller LSS ger stöd för tvång, så åtgärden bedöms aldrig som tillåten utan den enskildes eget samtycke. En uppgift som saknas är okänd; ett datum som saknas betyder att steget inte är taget.";

pub(crate) const ABOUT_SKYDDSATGARD_TYP: &str = "Åtgärdens typ, som riktlinjens block `åtgärd` skriver den (till exempel `sanggrind`, `balte`, `larmmatta`, `gps_larm`, `digital_tillsyn`). En typ som riktlinjen inte känner till kräver en juridisk bedömning.";

pub(crate) const ABOUT_SKYDDSATGARD_SYFTE: &str = "Vad åtgärden ska uppnå. En åtgärd får aldrig syfta till att begränsa rörelsefriheten (`begransa_rorelse`).";

pub(crate) const ABOUT_SKYDDSATGARD_SAMTYCKE: &str = "Samtycket till åtgärden.";

pub(crate) const ABOUT_SKYDDSATGARD_BESLUTAD_AV: &str = "Vem som beslutade åtgärden.";

pub(crate) const ABOUT_SKYDDSATGARD_BESLUTSDATUM: &str =
    "Dagen åtgärden beslutades; uppföljningen räknas från den tills åtgärden har följts upp.";

pub(crate) const ABOUT_SKYDDSATGARD_RISKBEDOMNING: &str =
    "Dagen den individuella riskbedömningen gjordes.";

pub(crate) const ABOUT_SKYDDSATGARD_ALTERNATIV_PROVADE: &str =
    "Mindre ingripande alternativ har prövats först.";

pub(crate) const ABOUT_SKYDDSATGARD_DOKUMENTERAD_I_JOURNAL: &str =
    "Åtgärden, samtycket och bedömningen är dokumenterade i journalen.";

pub(crate) const ABOUT_SKYDDSATGARD_SENAST_UPPFOLJD: &str = "Dagen åtgärden senast följdes upp.";

pub(crate) const ABOUT_SKYDDSATGARD_MAS_INFORMERAD: &str =
    "Medicinskt ansvarig sjuksköterska (MAS) är informerad.";

pub(crate) const ABOUT_SKYDDSATGARD_GENERELL: &str =
    "Åtgärden gäller alla som bor i boendet. En generell begränsning är aldrig tillåten.";

pub(crate) const ABOUT_SKYDDSATGARD_NODSITUATION: &str = "Åtgärden vidtogs i en akut nödsituation (24 kap. 4 § brottsbalken). Sätt false för en stående åtgärd: saknas uppgiften kan riktlinjen inte utesluta nödrätt när samtycke saknas.";

pub(crate) const ABOUT_SKYDDSATGARD_ANTAL_TILLFALLEN: &str =
    "Hur många gånger åtgärden har använts.";

pub(crate) const ABOUT_SKYDDSATGARD_INUTI_KROPPEN: &str = "För digital teknik: tekniken placeras inuti kroppen (10 kap. 6 § SoL tillåter den bara utanför).";

pub(crate) const ABOUT_SKYDDSATGARD_BOENDEFORM: &str = "Var den enskilde bor och får hjälp: hemtjänst i eget boende, särskild boendeform för äldre, bostad med särskild service enligt LSS eller annat.";

pub(crate) const ABOUT_SAMTYCKE: &str = "Samtycket till åtgärden.";

pub(crate) const ABOUT_SAMTYCKE_AV: &str = "Vem som har samtyckt. Bara den enskildes eget samtycke kan bära en skyddsåtgärd; en god man, förvaltare eller anhörig kan inte samtycka i den enskildes ställe.";

pub(crate) const ABOUT_SAMTYCKE_FORM: &str =
    "Hur samtycket lämnades; `tolkat` när det utläses av den enskildes reaktioner.";

pub(crate) const ABOUT_SAMTYCKE_DATUM: &str = "Dagen samtycket lämnades.";

pub(crate) const ABOUT_SAMTYCKE_ACCEPTERAR_FORTFARANDE: &str = "Den enskilde accepterar fortfarande åtgärden. false när den enskilde gör motstånd, visar obehag eller försöker ta sig förbi den.";

pub(crate) const ABOUT_SAMTYCKE_ATERKALLAT: &str =
    "Dagen den enskilde återkallade samtycket; åtgärden ska då upphöra och följas upp genast.";

pub(crate) const ABOUT_SKYDDAT_BOENDE: &str = "Ett barns placering i skyddat boende (9 kap. 5–6 §§ SoL; lagen (2024:79)): ger fristerna för övervägande, underställning, placering inom fyra veckor och ansökan inom sex veckor.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_UTAN_VARDNADSHAVARES_SAMTYCKE: &str = "Placeringen sker enligt lagen (2024:79) om placering av barn i skyddat boende, utan den andra vårdnadshavarens samtycke.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_PLACERING_PABORJAD: &str = "Dagen placeringen påbörjades.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_SENASTE_OVERVAGANDE: &str =
    "Dagen för det senaste övervägandet.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_PLACERING_AVSLUTAD: &str = "Dagen placeringen avslutades.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_OMEDELBART_BESLUT: &str =
    "Dagen för nämndens omedelbara beslut (4 kap. 1 § lagen (2024:79)).";

pub(crate) const ABOUT_SKYDDAT_BOENDE_UNDERSTALLT: &str =
    "Dagen det omedelbara beslutet underställdes förvaltningsrätten.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_LAGA_KRAFT: &str =
    "Dagen förvaltningsrättens beslut om placering fick laga kraft.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_FASTSTALLT: &str =
    "Dagen förvaltningsrätten fastställde det omedelbara beslutet.";

pub(crate) const ABOUT_SKYDDAT_BOENDE_ANSOKAN_FORVALTNINGSRATTEN: &str =
    "Dagen nämnden ansökte hos förvaltningsrätten om placering (4 kap. 6 § lagen (2024:79)).";

// The texts of `answer.rs`.

pub(crate) const OM_VERSIONEN_AR_ANTAGEN: &str = "Om versionen är antagen av nämnden eller ett förslag (gäller aldrig, men kan prövas mot med `version`).";

pub(crate) const UTFALLET_AV_EN_PROVNING: &str = "Utfallet av en prövning: uppfyller riktlinjen, uppfyller den inte (ansökan prövas ändå individuellt), lagen själv hindrar insatsen, eller riktlinjen kan inte avgöra (även för en insats som riktlinjen inte beskriver).";

pub(crate) const VAR_SKALET_KOMMER_IFRAN: &str = "Var skälet kommer ifrån: lagens egen regel ur den nationella grunden, eller nämndens riktlinje.";

pub(crate) const SKALETS_ROLL_AVGORANDE_GAV: &str = "Skälets roll: `avgorande` gav utfallet (ett per prövning av en insats); `ej_uppfylld_norm` är en norm till som ansökan inte uppfyller; `saknad_uppgift` en uppgift till som saknas; `upplysning` upplyser utan att avgöra något.";

// The texts of `batch.rs`.

pub(crate) fn och_till_alla_finns(n_more: impl Display, written_to: impl Display) -> String {
    format!("  … och {n_more} till; alla finns i arbetslistan{written_to}")
}

pub(crate) const AVVISADE_RADER_RATTAS_I: &str =
    "\nAvvisade rader (rättas i verksamhetssystemet och körs om):";

pub(crate) fn okanda_for(riktlinje_id: impl Display, keys: impl Display) -> String {
    format!("  okända för {riktlinje_id}: {keys}")
}

pub(crate) fn uppgifter_i_arendena_som(
    n_from: impl Display,
    from: impl Display,
    n_to: impl Display,
    to: impl Display,
) -> String {
    format!(
        "\nUppgifter i ärendena som en version inte känner till och därför inte prövar: {n_from} i {from}, {n_to} i {to}."
    )
}

pub(crate) fn provningar_under_varje_version(
    provningar: impl Display,
    n_changes: impl Display,
) -> String {
    format!(
        "\n{provningar} prövningar under varje version; {n_changes} av dem fick ett annat utfall:"
    )
}

pub(crate) fn andrade(changed: impl Display) -> String {
    format!("  ändrade:     {changed}")
}

pub(crate) fn oforandrade_varav_utan_gallande(
    unchanged: impl Display,
    nothing_to_prova: impl Display,
) -> String {
    format!(
        "  oförändrade: {unchanged} (varav {nothing_to_prova} utan gällande beslut eller ansökan att pröva)"
    )
}

pub(crate) fn lasta_arenden(read: impl Display) -> String {
    format!("\nLästa ärenden: {read}")
}

pub(crate) fn omprovning_av_gallande_beslut(
    riktlinje_id: impl Display,
    riktlinje_id_2: impl Display,
    as_of: impl Display,
) -> String {
    format!(
        "Omprövning av gällande beslut: {riktlinje_id} → {riktlinje_id_2}, prövningsdag {as_of}"
    )
}

pub(crate) fn till_och_med(last: impl Display) -> String {
    format!("till och med {last}")
}

pub(crate) const TILLS_VIDARE: &str = "tills vidare";

pub(crate) const DET_FRAMGAR_INTE_AV: &str = "Det framgår inte av ärendet när beslutet fattades eller om det gäller tills vidare; handläggaren bedömer ärendet.";

pub(crate) fn beslutet_galler_tills_vidare(day: impl Display) -> String {
    format!(
        "Beslutet gäller tills vidare och fattades {day}. Nämnden får ändra det till den enskildes nackdel bara om den enskildes förhållanden har ändrats väsentligt (14 kap. 9 § SoL). En reviderad riktlinje är ingen ändring i den enskildes förhållanden."
    )
}

pub(crate) fn beslutet_galler_tills_vidare_och(day: impl Display) -> String {
    format!(
        "Beslutet gäller tills vidare och fattades {day}, före den 1 juli 2025. 14 kap. 9 § SoL gäller inte sådana beslut (övergångsbestämmelse 3), och enligt 37 § förvaltningslagen får ett gynnande beslut ändras till nackdel bara vid återkallelseförbehåll, tvingande säkerhetsskäl eller oriktiga uppgifter. En reviderad riktlinje är inget av dessa: beslutet står kvar."
    )
}

pub(crate) const DEN_NYA_RIKTLINJEN_BESKRIVER: &str = "Den nya riktlinjen beskriver inte insatsen, så det går inte att avgöra vilken lag som gäller; handläggaren bedömer ärendet.";

pub(crate) const INSATSEN_GES_ENLIGT_LSS: &str = "Insatsen ges enligt LSS, som saknar motsvarighet till 14 kap. 9 § SoL. Ett gynnande beslut får ändras till den enskildes nackdel bara i de fall 37 § förvaltningslagen medger; handläggaren bedömer ärendet.";

pub(crate) fn beslutet_ar_tidsbegransat_till(last: impl Display) -> String {
    format!(
        "Beslutet är tidsbegränsat till och med {last}. Det gäller oförändrat till dess; vid en ny ansökan prövas behovet enligt den riktlinje som då gäller."
    )
}

pub(crate) const ANSOKAN_AR_INTE_AVGJORD: &str = "Ansökan är inte avgjord. Den prövas enligt den riktlinje som gäller när beslutet fattas, alltid med en individuell prövning.";

pub(crate) const DEN_NYA_RIKTLINJEN_KAN: &str = "Den nya riktlinjen kan inte avgöra prövningen, eller ändringen går inte att rangordna som förmånligare eller mindre förmånlig. Handläggaren bedömer ärendet.";

pub(crate) fn uppgiften_saknas_i_arendet(fact: impl Display) -> String {
    format!(
        "Uppgiften «{fact}» saknas i ärendet, så den nya riktlinjen kan inte avgöra prövningen. Handläggaren kompletterar uppgiften och bedömer ärendet."
    )
}

pub(crate) const DEN_NYA_RIKTLINJEN_GER: &str = "Den nya riktlinjen ger ett förmånligare utfall. Nämnden får alltid ändra ett beslut till den enskildes fördel; det sker efter ansökan eller på nämndens initiativ, med en individuell prövning.";

pub(crate) fn rapporten_till_namnden(path: impl Display) -> String {
    format!("Rapporten till nämnden: {path}")
}

pub(crate) const STANDARD_UT: &str = "standard ut";

pub(crate) const EN_ARBETSTRAD_AVBROTS_OVANTAT: &str = "en arbetstråd avbröts oväntat";

pub(crate) const SYNKNINGEN_AVBROTS: &str = "synkningen till disken avbröts oväntat";

pub(crate) const OKAND_ALDER: &str = "okänd ålder";

pub(crate) const AR_OCH_ALDRE: &str = "80 år och äldre";

pub(crate) const AR: &str = "65–79 år";

pub(crate) const AR_18_64: &str = "18–64 år";

pub(crate) const AR_0_17: &str = "0–17 år";

pub(crate) const VID_UTGANG: &str = "Vid utgång";

pub(crate) const MANUELL_BEDOMNING: &str = "Manuell bedömning";

pub(crate) const ENDAST_VID_VASENTLIG_ANDRING: &str = "Endast vid väsentlig ändring (14:9 SoL)";

pub(crate) const KAN_INTE_ANDRAS_FL: &str = "Kan inte ändras (37 § FL)";

pub(crate) const KRAVER_MANUELL_BEDOMNING: &str = "Kräver manuell bedömning";

pub(crate) const PROVAS_NAR_DET_TIDSBEGRANSADE: &str =
    "Prövas när det tidsbegränsade beslutet löper ut";

pub(crate) const MINDRE_FORMANLIG_FAR_ANDRAS: &str =
    "Mindre förmånlig – får ändras endast vid väsentligt ändrade förhållanden (14 kap. 9 § SoL)";

pub(crate) const MINDRE_FORMANLIG_TILLS_VIDARE: &str = "Mindre förmånlig – tills vidare-beslut före 2025-07-01, kan inte ändras till nackdel (37 § FL)";

pub(crate) fn arendet_har_gallande_beslut(count: impl Display) -> String {
    format!(
        "ärendet har {count} gällande beslut och ansökningar att pröva, men en prövning rymmer högst {MAX_ANSOKNINGAR}; dela upp ärendet"
    )
}

pub(crate) const DETTA_AR_EN_ARBETSLISTA: &str = "Detta är en arbetslista för handläggare. Inget beslut ändras automatiskt: varje ändring av ett beslut kräver en individuell prövning och ett nytt beslut, och ett gynnande beslut får ändras till den enskildes nackdel bara när lagen medger det.";

// The texts of `diff.rs`.

pub(crate) fn insats_rubrik(group: impl Display) -> String {
    format!("Insats {group}")
}

pub(crate) fn nar(
    fold_space: impl Display,
    kind_text: impl Display,
    lagrum: impl Display,
    omfattning: impl Display,
) -> String {
    format!("när {fold_space} → {kind_text}{omfattning} [{lagrum}]")
}

pub(crate) fn fran(value: impl Display, from: impl Display) -> String {
    format!("{value} från {from}")
}

pub(crate) fn nar_atgard(
    fold_space: impl Display,
    atgard_kind_text: impl Display,
    lagrum: impl Display,
) -> String {
    format!("när {fold_space} → {atgard_kind_text} [{lagrum}]")
}

pub(crate) fn fore_efter(
    field: impl Display,
    who: impl Display,
    before: impl Display,
    after: impl Display,
) -> String {
    format!("  - {who}: {field}\n      före:  {before}\n      efter: {after}")
}

pub(crate) fn regel(id: impl Display) -> String {
    format!("regel {id}")
}

pub(crate) fn skyddsatgarden(id: impl Display) -> String {
    format!("skyddsåtgärden {id}")
}

pub(crate) const ANDRINGAR_I_SKAL_LAGRUM: &str = "\nÄndringar i skäl, lagrum, avsnitt och namn";

pub(crate) const ANDRINGAR_SOM_KAN_ANDRA: &str = "\nÄndringar som kan ändra en prövning";

pub(crate) fn andringar_som_kan_andra_en(
    n_material: impl Display,
    n_wording: impl Display,
) -> String {
    format!(
        "{n_material} ändringar som kan ändra en prövning, {n_wording} ändringar i text och hänvisningar."
    )
}

pub(crate) const INGA_ANDRINGAR_I_REGLER: &str =
    "\nInga ändringar i regler, insatser eller parametrar.";

pub(crate) fn andringar_fran_till(from: impl Display, to: impl Display) -> String {
    format!("Ändringar från {from} till {to}")
}

/// A version of a riktlinje as a person reads it, with the version of the law it is held to.
pub(crate) fn version_label(
    id: impl Display,
    giltig_fran: impl Display,
    status: impl Display,
    lag: Option<&str>,
) -> String {
    match lag {
        Some(lag) => format!("{id} (giltig från {giltig_fran}, {status}, lagen enligt {lag})"),
        None => format!("{id} (giltig från {giltig_fran}, {status})"),
    }
}

pub(crate) fn andringar_fran_lagen(lag: impl Display, namnd: impl Display) -> String {
    format!(
        "Av ändringarna mellan versionerna kommer {lag} från lagen (den nationella grunden) och {namnd} från riktlinjen."
    )
}

/// The subject of a change that the law makes, marked as such.
pub(crate) fn fran_lagen(who: &str) -> String {
    format!("{who} (lagen)")
}

pub(crate) const VARDENA_ANDRADE: &str = "värdena ändrade";

pub(crate) const DIGITAL_TEKNIK_ELLER_INTE: &str = "digital teknik eller inte ändrat";

pub(crate) const ATGARDERNA_REGELN_GALLER_ANDRADE: &str = "åtgärderna regeln gäller ändrade";

pub(crate) const UTFALLET_NAR_INGEN_REGEL: &str = "utfallet när ingen regel passar ändrat";

pub(crate) const ENHETEN_ANDRAD: &str = "enheten ändrad";

pub(crate) const LAGEN_ANDRAD: &str = "lagen ändrad";

pub(crate) const NAMNET_ANDRAT: &str = "namnet ändrat";

pub(crate) const ORDNINGEN_MELLAN_REGLERNA_ANDRAD: &str = "ordningen mellan reglerna ändrad";

pub(crate) const FLYTTAD_TILL_EN_ANNAN: &str = "flyttad till en annan insats";

pub(crate) const AVSNITTET_ANDRAT: &str = "avsnittet ändrat";

pub(crate) const SKALET_TEXTEN_ANDRAT: &str = "skälet (texten) ändrat";

pub(crate) const LAGRUMMET_ANDRAT: &str = "lagrummet ändrat";

pub(crate) const OMFATTNINGEN_ANDRAD: &str = "omfattningen ändrad";

pub(crate) const UTFALLET_ANDRAT: &str = "utfallet ändrat";

pub(crate) const VILLKORET_ANDRAT: &str = "villkoret ändrat";

pub(crate) fn ar_ingen_fil_ange(spec: impl Display) -> String {
    format!(
        "`{spec}` är ingen fil; ange en riktlinje (.md), en regeltabell (.bin) eller --rules <mapp> för att välja en version med id"
    )
}

pub(crate) fn ingen_version_med_id(
    rules: impl Display,
    known: impl Display,
    id: impl Display,
) -> String {
    format!("{rules}: ingen version med id `{id}`; de som finns är {known}")
}

pub(crate) fn ingen_lagversion(
    riktlinje: impl Display,
    lag: impl Display,
    known: impl Display,
) -> String {
    if known.to_string().is_empty() {
        return format!(
            "{riktlinje} bygger inte på någon nationell grund, så den kan inte prövas mot lagen enligt `{lag}`"
        );
    }
    format!(
        "{riktlinje}: ingen version av lagen med id `{lag}` i den nationella grunden; de som finns är {known}"
    )
}

pub(crate) fn kunde_inte_halla_till_lagen(riktlinje: impl Display, error: impl Display) -> String {
    format!("{riktlinje} kunde inte prövas mot en annan version av lagen: {error}")
}

// The texts of `frist.rs`.

pub(crate) fn tre_veckor(lagrum: impl Display) -> String {
    format!(" (tre veckor, {lagrum}).")
}

pub(crate) fn eller(first: impl Display, second: impl Display) -> String {
    format!("{first} eller {second}")
}

pub(crate) fn tre_manader_fran_slutar(
    from: impl Display,
    frist_slut: impl Display,
    clamp: impl Display,
    not_done: impl Display,
    lagrum: impl Display,
    rapporteras_fran: riktlinjer_core::Date,
    quarter: impl Display,
) -> String {
    let year = rapporteras_fran.year();
    format!(
        "Tre månader från {from} slutar {frist_slut} ({LAG_1930_173_1}{clamp}). \
         {not_done} vid dagens slut ska det rapporteras till IVO och revisorerna ({lagrum}) från \
         {rapporteras_fran}, i rapporten för kvartal {quarter} {year}. \
         Fristen flyttas inte till en vardag: tre månader är en gräns för rapporteringen, och \
         beslutet ska verkställas skyndsamt."
    )
}

pub(crate) const AR_BESLUTET_INTE_VERKSTALLT: &str = "Är beslutet inte verkställt";

pub(crate) const HAR_VERKSTALLIGHETEN_INTE_ATERUPPTAGITS: &str =
    "Har verkställigheten inte återupptagits";

pub(crate) fn den_e_finns_inte(day: impl Display, month: impl Display) -> String {
    format!("; den {day}:e finns inte i {month}, så månadens sista dag gäller")
}

pub(crate) const RADEN_SKA_VARA_ETT: &str =
    "raden ska vara ett beslutsdatum, och efter `;` dagen verkställigheten avbröts";

pub(crate) fn fel_av_rader_pa(
    n_bad: impl Display,
    n_lines: impl Display,
    n_answered: impl Display,
) -> String {
    format!(
        "fel: {n_bad} av {n_lines} rader på standard in kunde inte läsas; {n_answered} besvarades"
    )
}

pub(crate) fn fel_standard_in_rad(n_lines: impl Display, message: impl Display) -> String {
    format!("fel: standard in, rad {n_lines}: {message}")
}

pub(crate) const RADEN_AR_INTE_GILTIG: &str = "raden är inte giltig UTF-8-text";

pub(crate) fn tre_veckor_slutar_som(
    weekday: impl Display,
    nominal: impl Display,
    lagrum: impl Display,
    kind: impl Display,
) -> String {
    format!(
        ". Tre veckor ({lagrum}) slutar {weekday} {nominal}, som är {kind}; fristen flyttas därför till \
             nästa vardag ({LAG_1930_173_2})."
    )
}

pub(crate) fn delgiven_overklagandet_ska_ha(
    delgiven_weekday: impl Display,
    sista_dag_weekday: impl Display,
    sista_dag: impl Display,
    delgiven: impl Display,
) -> String {
    format!(
        "Delgiven {delgiven} ({delgiven_weekday}): överklagandet ska ha kommit in till nämnden senast {sista_dag_weekday} {sista_dag}"
    )
}

pub(crate) fn ar_en_vardag_fristen(sista_dag: impl Display, weekday: impl Display) -> String {
    format!("{sista_dag} är en vardag ({weekday}); fristen flyttas inte")
}

pub(crate) fn fel_av_pa_standard(
    n_bad: impl Display,
    n_lines: impl Display,
    rader: impl Display,
    n_answered: impl Display,
    blank: impl Display,
) -> String {
    format!(
        "fel: {n_bad} av {n_lines} {rader} på standard in kunde inte läsas; {n_answered} besvarades{blank}"
    )
}

pub(crate) fn tomma_rader_hoppades_over(n: impl Display) -> String {
    format!("; {n} tomma rader hoppades över")
}

pub(crate) const TOM_RAD_HOPPADES_OVER: &str = "; 1 tom rad hoppades över";

pub(crate) fn standard_ut(io_text: impl Display) -> String {
    format!("standard ut: {io_text}")
}

pub(crate) fn avbrottet_ligger_fore_beslutsdatum(
    avbrott: impl Display,
    beslutsdatum: impl Display,
) -> String {
    format!("avbrottet {avbrott} ligger före beslutsdatum {beslutsdatum}")
}

pub(crate) fn fristen_fran_slutar_efter(start: impl Display) -> String {
    format!("fristen från {start} slutar efter 9999-12-31")
}

pub(crate) const STANDARD_IN_KAN_BARA: &str = "`-` (standard in) kan bara anges en gång";

/// The citation of the rule that counts months to the same date or the month's last day.
pub(crate) const LAG_1930_173_1: &str = "1 § lagen (1930:173) om beräkning av lagstadgad tid";

/// The citation of the rule that moves a last day to the next vardag.
pub(crate) const LAG_1930_173_2: &str = "2 § lagen (1930:173) om beräkning av lagstadgad tid";

// The texts of `insats.rs`.

pub(crate) const ANSOKAN_OM_EN_INSATS: &str = "; ansökan om en insats som riktlinjen inte beskriver prövas individuellt enligt lagen, utanför riktlinjen";

pub(crate) fn menade_du(suggestion: impl Display) -> String {
    format!("; menade du `{suggestion}`?")
}

pub(crate) fn riktlinjen_beskriver_ingen_insats(riktlinje_id: impl Display) -> String {
    format!("riktlinjen {riktlinje_id} beskriver ingen insats med det id som angavs")
}

// The texts of `io.rs`.

pub(crate) const TIDEN_TOG_SLUT: &str = "tiden tog slut";

pub(crate) fn och_pekar_pa_samma(
    first: impl Display,
    second: impl Display,
    path: impl Display,
) -> String {
    format!(
        "{first} och {second} pekar på samma fil ({path}); välj en annan fil för {second}, annars skrivs den över"
    )
}

pub(crate) fn las_eller_skrivfel(error: impl Display) -> String {
    format!("läs- eller skrivfel ({error})")
}

pub(crate) const FILEN_TAR_SLUT_FOR: &str = "filen tar slut för tidigt";

pub(crate) const FILEN_ANVANDS_AV_ETT: &str = "filen används av ett annat program";

pub(crate) const NAMNET_GAR_INTE_ATT: &str = "namnet går inte att använda som filnamn";

pub(crate) const FILEN_AR_FOR_STOR: &str = "filen är för stor";

pub(crate) const FILSYSTEMET_GAR_BARA_ATT: &str = "filsystemet går bara att läsa";

pub(crate) const DISKEN_AR_FULL: &str = "disken är full";

pub(crate) const FINNS_REDAN: &str = "finns redan";

pub(crate) const EN_DEL_AV_SOKVAGEN: &str = "en del av sökvägen är en fil, inte en mapp";

pub(crate) const AR_EN_MAPP_INTE: &str = "är en mapp, inte en fil";

pub(crate) const FILEN_AR_INTE_GILTIG: &str = "filen är inte giltig UTF-8-text";

pub(crate) const BEHORIGHET_SAKNAS: &str = "behörighet saknas";

pub(crate) const FILEN_ELLER_MAPPEN_FINNS: &str = "filen eller mappen finns inte";

// The texts of `publish.rs`.

pub(crate) const UPPGIFTER_I_FAKTAKATALOGEN: &str = "Uppgifter i faktakatalogen";

pub(crate) const VAD_INSATSEN_INNEFATTAR: &str = "Vad insatsen innefattar";

pub(crate) const BYGGER_PA: &str = "Bygger på";

pub(crate) const GALLER_FRAN: &str = "Gäller från";

pub(crate) const AR_MINDRE_AN: &str = "är mindre än";

pub(crate) const AR_MER_AN: &str = "är mer än";

pub(crate) const AR_INTE: &str = "är inte";

pub(crate) const AR_HOGST: &str = "är högst";

pub(crate) const AR_MINST: &str = "är minst";

// The texts of `render.rs`.

pub(crate) fn omfattning_enligt_riktlinjen(
    decimal_text: impl Display,
    enhet_label: impl Display,
) -> String {
    format!("  Omfattning enligt riktlinjen: {decimal_text} {enhet_label}")
}

pub(crate) const INSATSEN_INNEFATTAR: &str = "  Insatsen innefattar:";

pub(crate) const OKAND_INSATS: &str = "okänd insats";

pub(crate) const ATGARDEN_FAR_INTE_ANVANDAS: &str =
    "  Åtgärden får inte användas förrän varje steg ovan är gjort och dokumenterat.";

pub(crate) const SAMTYCKET_GALLER_BARA_SA: &str = "  Samtycket gäller bara så länge den enskilde står fast vid det; följ upp enligt rutinen och genast om det återkallas.";

pub(crate) fn vad_som_skulle_andra(section: impl Display) -> String {
    format!("\nVad som skulle ändra utfallet\n{section}")
}

pub(crate) fn ansokan_om(insats_name: impl Display) -> String {
    format!(" (ansökan om {insats_name})")
}

pub(crate) fn beslut_om(insats_name: impl Display) -> String {
    format!(" (beslut om {insats_name})")
}

pub(crate) fn ar_flyttad_enligt_lagen(nominal: impl Display, kind: impl Display) -> String {
    format!(" ({nominal} är {kind}; flyttad enligt 2 § lagen (1930:173))")
}

pub(crate) const RIKTLINJEN_AR_VAGLEDANDE_ANSOKAN: &str =
    "  Riktlinjen är vägledande: ansökan ska ändå prövas individuellt.";

pub(crate) const LAGENS_REGEL: &str = "lagens regel ";

pub(crate) fn beraknad_omfattning_enligt_schablonen(
    decimal_text: impl Display,
    enhet_label: impl Display,
) -> String {
    format!("  Beräknad omfattning enligt schablonen: {decimal_text} {enhet_label}")
}

pub(crate) const ARENDET_INNEHALLER_INGEN_ANSOKAN: &str =
    "\nÄrendet innehåller ingen ansökan att pröva.";

pub(crate) fn nationell_grund_innehallshash(id: impl Display, hash_hex: impl Display) -> String {
    format!(
        "Nationell grund: {id}, lagen som den lyder på prövningsdagen (innehållshash {hash_hex})"
    )
}

pub(crate) fn innehallshash(hash_hex: impl Display) -> String {
    format!("Innehållshash: {hash_hex}")
}

pub(crate) const SKYDDADE_PERSONUPPGIFTER_UPPGIFTER_SOM: &str = "Skyddade personuppgifter: uppgifter som kan röja den enskildes identitet eller adress visas inte (21 kap. 3 § och 26 kap. 1 § OSL).";

pub(crate) fn arende(id: impl Display) -> String {
    format!("Ärende: {id}")
}

pub(crate) fn provning_enligt_giltig_fran(
    as_of: impl Display,
    titel: impl Display,
    riktlinje_id: impl Display,
    giltig_fran: impl Display,
    status_label: impl Display,
) -> String {
    format!(
        "Prövning {as_of} enligt {titel} ({riktlinje_id}, giltig från {giltig_fran}, {status_label})"
    )
}

pub(crate) fn riktlinjen_hanvisar_till_som(
    lagrum: impl Display,
    written: impl Display,
    fran: impl Display,
) -> String {
    format!("{lagrum}; riktlinjen hänvisar till {written}, som upphävdes {fran}")
}

pub(crate) const OKAND_ATGARD: &str = "okänd åtgärd";

// The texts of `scaffold.rs`.

pub(crate) const INLEDNING_RIKTLINJENS_SYFTE_OCH: &str = r#"## 1 Inledning

### 1.1 Riktlinjens syfte och ställning

Riktlinjen är ett stöd för handläggarna när de prövar ansökningar om insatser enligt
socialtjänstlagen (2025:400) och lagen (1993:387) om stöd och service till vissa
funktionshindrade (LSS). Den är vägledande: varje ansökan prövas individuellt, och den som
behöver mer än riktlinjen anger ska få det prövat.

Detta är ett utkast. Normerna och siffrorna nedan är platshållare som visar hur en riktlinje
skrivs; skriv kommunens egna innan nämnden antar riktlinjen, och ändra då `status` till
`antagen` och ange beslutsdatum, paragraf och diarienummer i huvudet.

### 1.2 Hur riktlinjen är uppbyggd

Riktlinjen bygger på den nationella grunden (`bygger_på: sverige`). Därifrån kommer uppgifterna
som reglerna läser och lagens egna regler, till exempel personkretsen i 1 § LSS; de prövas först
för varje insats, och bara de kan ge utfallet *lagen hindrar*. Därefter prövas riktlinjens egna
regler i den ordning de står. Den första som passar avgör. Passar ingen gäller insatsens
`annars`. Saknas en uppgift kräver ärendet individuell bedömning.

## 2 Insatser enligt LSS

### 2.1 Ledsagarservice (9 § 3 LSS)

Lagens regler om personkretsen och om barn under 15 år gäller insatsen utan att stå här. Nämndens
egen norm nedan är ett exempel.

```insats
id: ledsagarservice
namn: Ledsagarservice
lag: LSS
lagrum: 9 § 3 LSS
enhet: timmar_per_månad
annars: individuell_bedömning
```

```regel
id: LS-1
insats: ledsagarservice
när: behov_tillgodoses_på_annat_sätt
utfall: uppfyller_inte
lagrum: 7 § LSS
skäl: Behovet av ledsagning tillgodoses på annat sätt.
```

```regeltest
fall: Behovet tillgodoses på annat sätt
insats: ledsagarservice
datum: 2026-02-01
fakta: personkrets = 1, ålder = 30, behov_tillgodoses_på_annat_sätt = ja
väntat: uppfyller_inte
skäl: LS-1

fall: Funktionsnedsättningen beror på normalt åldrande (lagens regel, ur grunden)
insats: ledsagarservice
datum: 2026-02-01
fakta: personkrets = 3, normalt_åldrande = ja, ålder = 88
väntat: lagen_hindrar
skäl: LSS-1-3
```

## 3 Insatser enligt socialtjänstlagen

### 3.1 Trygghetslarm

Ett exempel på en egen uppgift, en egenskap och regler. Svarstiden är en platshållare.
`slag` säger vilket slag av insats lagen ser den som, så att den nationella grundens regler
för det slaget (samtycke för barn, insatser utan behovsprövning) prövas först.

```fakta
namn: larmet_kan_installeras
typ: ja/nej
gäller: ansökan
beskrivning: Bostaden har det som krävs för att larmet ska kunna installeras.
grupp: trygghet
```

```insats
id: trygghetslarm
namn: Trygghetslarm
lag: SoL
slag: personligt_stod
lagrum: 11 kap. 1 § SoL
enhet: larm
annars: individuell_bedömning
```

```egenskap
insats: trygghetslarm
namn: Svarstid
text: Larmet besvaras inom 30 minuter (platshållare).
```

```regel
id: TL-1
insats: trygghetslarm
när: inte kan_använda_larm
utfall: uppfyller_inte
lagrum: 11 kap. 1 § SoL
skäl: Trygghetslarm förutsätter att den enskilde kan förstå och använda larmet.

id: TL-2
insats: trygghetslarm
när: bor_ensam och behov innehåller trygghet och larmet_kan_installeras
utfall: uppfyller
omfattning: 1
lagrum: 11 kap. 1 § SoL
skäl: Den enskilde bor ensam, känner otrygghet och kan använda larmet.
```

```regeltest
fall: Bor ensam och otrygg
insats: trygghetslarm
datum: 2026-02-01
fakta: ålder = 80, kan_använda_larm = ja, bor_ensam = ja, behov = [trygghet], larmet_kan_installeras = ja
väntat: uppfyller
skäl: TL-2

fall: Kan inte använda larmet
insats: trygghetslarm
datum: 2026-02-01
fakta: ålder = 80, kan_använda_larm = nej
väntat: uppfyller_inte
skäl: TL-1
```

### 3.2 Hemtjänst – serviceinsatser

Omfattningen räknas ur en schablon: tid per tillfälle gånger hur ofta, omräknat till timmar per
månad. Tiden och taket är platshållare.

```fakta
namn: inköp_per_vecka
typ: heltal
saknas: 0
enhet: gånger per vecka
gäller: ansökan
ändras_av_ansökan: ja
beskrivning: Hur många gånger i veckan hjälp med inköp söks.
grupp: hemliv
```

```parameter
namn: tak_service
värde: 8 från 2019-01-01
lagrum: 11 kap. 1 § SoL
```

```insats
id: hemtjanst_service
namn: Hemtjänst – serviceinsatser
lag: SoL
slag: hemtjanst
lagrum: 11 kap. 1 § SoL
enhet: timmar_per_månad
annars: uppfyller
```

```schablon
insats: hemtjanst_service
id: inköp
namn: Inköp
när: inköp_per_vecka > 0
tid: 45 minuter
antal: inköp_per_vecka
```

```regel
id: HT-1
insats: hemtjanst_service
när: sökt_omfattning > tak_service
utfall: uppfyller_inte
lagrum: 11 kap. 1 § SoL
skäl: Serviceinsatser beviljas normalt med högst det antal timmar per månad som nämnden har
  angett; pröva om det finns särskilda skäl.
```

```regeltest
fall: Inköp en gång i veckan
insats: hemtjanst_service
datum: 2026-02-01
fakta: ålder = 80, inköp_per_vecka = 1, sökt_omfattning = 3
väntat: uppfyller

fall: Mer än taket
insats: hemtjanst_service
datum: 2026-02-01
fakta: ålder = 80, inköp_per_vecka = 1, sökt_omfattning = 10
väntat: uppfyller_inte
skäl: HT-1
```

## 4 Beslut, uppföljning och omprövning

Beslut fattas av handläggaren efter en individuell prövning och motiveras enligt 32 §
förvaltningslagen (2017:900). Skriv här kommunens rutiner för uppföljning och omprövning.
"#;

pub(crate) const NAMNET_FAR_BARA_HA: &str =
    "namnet får bara ha bokstäver, siffror, mellanslag, bindestreck och punkt";

pub(crate) fn namnet_ar_langre_an() -> String {
    format!("namnet är längre än {MAX_NAME} tecken")
}

pub(crate) const NAMNET_AR_TOMT: &str = "namnet är tomt";

pub(crate) fn id_kommun_namnd_giltig(
    id: impl Display,
    kommun: impl Display,
    namnd: impl Display,
    giltig_fran: impl Display,
) -> String {
    format!(
        "---\nid: {id}\nkommun: {kommun}\nnämnd: {namnd}\ngiltig_från: {giltig_fran}\nstatus: förslag\nbygger_på: sverige\ntitel: Riktlinjer för myndighetsutövning enligt SoL och LSS\n---\n\n# Riktlinjer för myndighetsutövning enligt SoL och LSS\n\n{kommun}, {namnd}.\n\n"
    )
}

pub(crate) const NAMNET_HAR_INGA_BOKSTAVER: &str = "namnet har inga bokstäver att göra ett id av";

// The texts of `store.rs`.

pub(crate) fn och_ar_bada_antagna(
    first: impl Display,
    second: impl Display,
    giltig_fran: impl Display,
) -> String {
    format!(
        "{first} och {second} är båda antagna och giltiga från {giltig_fran}; bara en version kan gälla från en dag (en ersatt version tas bort eller får status förslag)"
    )
}

pub(crate) fn och_har_samma_id(
    first: impl Display,
    second: impl Display,
    id: impl Display,
) -> String {
    format!("{first} och {second} har samma id `{id}`; varje version behöver ett eget id")
}

pub(crate) fn mappen_innehaller_ingen_riktlinje(path: impl Display) -> String {
    format!("{path}: mappen innehåller ingen riktlinje (.md) eller regeltabell (.bin)")
}

pub(crate) fn riktlinjen_har_fel_och(
    path: impl Display,
    count: impl Display,
    rendered: impl Display,
) -> String {
    format!("{path}: riktlinjen har {count} fel och kan inte användas\n{rendered}")
}

// The texts of `case/dates.rs`.

pub(crate) const UTREDNINGENS_AVSLUT: &str = "utredningens avslut";

pub(crate) const UTREDNINGEN_INLEDDES: &str = "utredningen inleddes";

pub(crate) const SAMTYCKET_GAVS: &str = "samtycket gavs";

pub(crate) const PLACERINGENS_SLUT: &str = "placeringens slut";

pub(crate) const DET_OMEDELBARA_BESLUTET: &str = "det omedelbara beslutet";

pub(crate) const PLACERINGEN_PABORJADES: &str = "placeringen påbörjades";

pub(crate) const ANMALAN_INKOM: &str = "anmälan inkom";

pub(crate) fn ligger_fore_vilket_inte(field: impl Display, other: impl Display) -> String {
    format!("{field} ligger före {other}, vilket inte kan stämma")
}

// The texts of `case/fields.rs`.

pub(crate) fn ett_arende_kan_ha() -> String {
    format!("ett ärende kan ha högst {MAX_SKYDDSATGARDER} skyddsåtgärder")
}

pub(crate) fn ett_arende_kan_ha_hogst() -> String {
    format!("ett ärende kan ha högst {MAX_BESLUT} beslut")
}

pub(crate) fn ett_arende_kan_ha_hogst_ansokningar() -> String {
    format!("ett ärende kan ha högst {MAX_ANSOKNINGAR} ansökningar")
}

pub(crate) const ETT_BESLUT_KAN_INTE: &str =
    "ett beslut kan inte både gälla tills vidare och ha ett slutdatum";

pub(crate) fn ska_ha_tecken(what: impl Display, n: impl Display) -> String {
    format!("{what} ska ha 1–{n} tecken")
}

pub(crate) const ATGARDENS_TYP: &str = "åtgärdens typ";

pub(crate) const SAKNAS_ANGE_ATGARDENS_TYP: &str =
    "saknas; ange åtgärdens typ som riktlinjen skriver den, till exempel `sanggrind`";

pub(crate) const SAKNAS_ANGE_INSATSENS_ID: &str =
    "saknas; ange insatsens id, till exempel `hemtjanst_service`";

pub(crate) const SAKNAS_ANGE: &str = "saknas; ange 1";

// The texts of `case/loose.rs`.

pub(crate) fn uppgiften_i_riktlinjens_faktakatalog(name: impl Display) -> String {
    format!(" Uppgiften `{name}` i riktlinjens faktakatalog.")
}

pub(crate) fn har_ett_varde_som(alternatives: impl Display) -> String {
    format!("har ett värde som inte är tillåtet; skriv {alternatives}")
}

pub(crate) fn ska_vara_en_lista(alternatives: impl Display) -> String {
    format!("ska vara en lista av {alternatives}")
}

pub(crate) fn ska_vara_en_text(alternatives: impl Display) -> String {
    format!("ska vara en text, {alternatives}")
}

pub(crate) fn ar_inget_tillatet_varde(alternatives: impl Display) -> String {
    format!("är inget tillåtet värde; skriv {alternatives}")
}

pub(crate) const SKA_VARA_ETT_DATUM: &str = "ska vara ett datum (ÅÅÅÅ-MM-DD)";

pub(crate) const SKA_VARA_ETT_TAL: &str = "ska vara ett tal med högst tre decimaler";

pub(crate) const SKA_VARA_ETT_HELTAL: &str = "ska vara ett heltal";

pub(crate) const SKA_VARA_TRUE_ELLER: &str = "ska vara true eller false";

pub(crate) const ARENDET_HAR_FLER_UPPGIFTER: &str =
    "ärendet har fler uppgifter än motorn rymmer för denna del";

pub(crate) const ARENDET_LASTES_MED_EN_ANNAN: &str =
    "ärendet lästes mot en annan versions faktakatalog och kan inte bindas till denna";

pub(crate) const GALLER_EN_SKYDDSATGARD_OCH: &str =
    "gäller en skyddsåtgärd och hämtas ur dess beskrivning";

pub(crate) const GALLER_EN_ANSOKAN_ANGE: &str = "gäller en ansökan; ange uppgiften under ansökan";

pub(crate) const GALLER_PERSONEN_ANGE_UPPGIFTEN: &str =
    "gäller personen; ange uppgiften under `person`";

pub(crate) const RAKNAS_FRAM_AV_MOTORN: &str =
    "räknas fram av motorn ur ärendets övriga uppgifter och anges inte";

pub(crate) fn riktlinjen_har_ingen_uppgift(key: impl Display) -> String {
    format!("riktlinjen har ingen uppgift `{key}`")
}

pub(crate) const FALTET_FOREKOMMER_TVA_GANGER: &str = "fältet förekommer två gånger";

pub(crate) fn arendet_har_fler_uppgifter() -> String {
    format!("ärendet har fler uppgifter än motorn tar emot (högst {MAX_LOOSE})")
}

// The texts of `case/mod.rs`.

pub(crate) const ARENDE_FOR_PROVNING_MOT: &str = "Ärende för prövning mot en riktlinje";

// The texts of `case/stream.rs`.

pub(crate) const RADEN_HAR_FLER_UPPGIFTER: &str = "raden har fler uppgifter än motorn tar emot";

pub(crate) fn raden_har_falt_men(n_row: impl Display, n_header: impl Display) -> String {
    format!("raden har {n_row} fält men rubrikraden {n_header}")
}

pub(crate) const KOLUMNEN_INSATS_SAKNAS: &str = "kolumnen `insats` saknas";

pub(crate) const KOLUMNNAMNET_SKRIVS_MED_A: &str = "kolumnnamnet skrivs med a–z, siffror och `_`";

pub(crate) fn kolumnen_star_tva_ganger(
    first: impl Display,
    second: impl Display,
    name: impl Display,
) -> String {
    format!("kolumnen `{name}` står två gånger i rubrikraden, som kolumn {first} och {second}")
}

pub(crate) fn citattecknet_i_falt_oppnas(field: impl Display) -> String {
    format!("citattecknet i fält {field} öppnas men stängs aldrig på raden")
}

pub(crate) fn raden_ar_inte_giltig(byte: impl Display) -> String {
    format!("raden är inte giltig UTF-8 (fel vid byte {byte})")
}

pub(crate) fn rubrikraden_kan_inte_lasas(io_text: impl Display) -> String {
    format!("rubrikraden kan inte läsas: {io_text}")
}

pub(crate) fn ogiltig_json(error: impl Display) -> String {
    format!("ogiltig JSON: {error}")
}

pub(crate) const OKAND_FILTYP_ANVAND_JSONL: &str =
    "okänd filtyp; använd .jsonl (JSON Lines), .csv eller .json";

// The texts of `contract/csv.rs`.

pub(crate) const KAN_INTE_SKRIVAS_I: &str = "kan inte skrivas i en cell";

pub(crate) const SKA_VARA_ETT_TAL_FRAN: &str =
    "ska vara ett tal från 0 med högst tre decimaler (`7,3`)";

pub(crate) const DENNA_SCHEMAVERSION_STODS_INTE: &str = "denna schemaversion stöds inte";

pub(crate) fn ska_vara_ett_heltal(min: impl Display, max: impl Display) -> String {
    format!("ska vara ett heltal från {min} till {max}")
}

pub(crate) const SKA_VARA_JA_ELLER: &str = "ska vara ja eller nej (eller true, false, 1, 0, x)";

// The texts of `contract/json.rs`.

pub(crate) const ETT_JSON_VARDE: &str = "ett JSON-värde";

pub(crate) const ETT_OBJEKT: &str = "ett objekt";

pub(crate) const EN_LISTA: &str = "en lista";

pub(crate) const ETT_TAL: &str = "ett tal";

pub(crate) const ETT_SANNINGSVARDE: &str = "ett sanningsvärde";

pub(crate) const EN_TEXT: &str = "en text";

pub(crate) fn ska_vara_en_text_men(kind: impl Display) -> String {
    format!("ska vara en text, men är {kind}")
}

pub(crate) fn ska_vara_men_ar(expected: impl Display, unexpected_kind: impl Display) -> String {
    format!("ska vara {expected}, men är {unexpected_kind}")
}

pub(crate) const SKA_VARA_ETT_TAL_FRAN_MED: &str =
    "ska vara ett tal från 0 med högst tre decimaler";

pub(crate) const ETT_FALTNAMN: &str = "ett fältnamn";

pub(crate) const SKA_VARA_ETT_SANNINGSVARDE: &str =
    "ska vara ett sanningsvärde, ett tal, en text eller en lista av texter, men är ett objekt";

pub(crate) fn ska_vara_en_lista_av(kind: impl Display) -> String {
    format!("ska vara en lista av texter, men har {kind}")
}

pub(crate) const ETT_SANNINGSVARDE_ETT_TAL: &str =
    "ett sanningsvärde, ett tal, en text eller en lista av texter";

pub(crate) const SKA_VARA_ETT_SANNINGSVARDE_ETT: &str =
    "ska vara ett sanningsvärde, ett tal, en text eller en lista av texter";

pub(crate) const TALET_AR_FOR_STORT: &str = "talet är för stort";

pub(crate) fn ska_vara_ett_objekt(unexpected_kind: impl Display) -> String {
    format!("ska vara ett objekt, men är {unexpected_kind}")
}

pub(crate) const ETT_ANNAT_SLAGS_VARDE: &str = "ett annat slags värde";

pub(crate) fn ogiltig_json_pa_rad(
    line: impl Display,
    column: impl Display,
    what: impl Display,
) -> String {
    format!("ogiltig JSON på rad {line}, kolumn {column}: {what}")
}

pub(crate) const FEL_TYP_AV_VARDE: &str = "fel typ av värde";

pub(crate) const FILEN_TAR_SLUT_MITT: &str = "filen tar slut mitt i ett värde";

// The texts of `contract/mod.rs`.

pub(crate) fn en_text(alternatives: impl Display) -> String {
    format!("en text, {alternatives}")
}

pub(crate) const ETT_TAL_MED_HOGST: &str = "ett tal med högst tre decimaler";

pub(crate) const ETT_DATUM_AAAA_MM: &str = "ett datum (ÅÅÅÅ-MM-DD)";

pub(crate) const ETT_HELTAL: &str = "ett heltal";

pub(crate) const TRUE_ELLER_FALSE: &str = "true eller false";

pub(crate) fn okant_falt(key: impl Display) -> String {
    format!("okänt fält `{key}`")
}

pub(crate) fn faltet(pointer: impl Display, message: impl Display) -> String {
    format!("fältet {pointer}: {message}")
}

pub(crate) fn kolumn(message: impl Display, column: impl Display) -> String {
    format!("kolumn {column}: {message}")
}

// The texts of `report/ivo.rs`.

pub(crate) const SKYDDADE_PERSONUPPGIFTER: &str = "Skyddade personuppgifter";

pub(crate) const INSATSENS_NAMN: &str = "Insatsens namn";

pub(crate) const RAPPORTERAD_TIDIGARE: &str = "Rapporterad tidigare";

pub(crate) const VARAV_SKYDDADE_PERSONUPPGIFTER: &str = "Varav skyddade personuppgifter";

pub(crate) const EJ_VERKSTALLDA_TOTALT: &str = "Ej verkställda totalt";

pub(crate) const MER_AN_MANADER: &str = "Mer än 12 månader";

pub(crate) const MANADER: &str = "6–12 månader";

pub(crate) const MANADER_3_6: &str = "3–6 månader";

pub(crate) fn statistik_till_fullmaktige(statistik_lagrum: impl Display) -> String {
    format!("Statistik till fullmäktige ({statistik_lagrum})")
}

pub(crate) fn ej_verkstallda_gynnande_beslut(
    kvartal: impl Display,
    rapportdag: impl Display,
    riktlinje_id: impl Display,
) -> String {
    format!(
        "Ej verkställda gynnande beslut, {kvartal} (rapportdag {rapportdag}); riktlinje {riktlinje_id}"
    )
}

pub(crate) const RAPPORTERAD_I_ETT_TIDIGARE: &str = "     Rapporterad i ett tidigare kvartal.";

pub(crate) const DATUM_SAKNAS: &str = "datum saknas";

pub(crate) const ANLEDNING_UPPGIFT_SAKNAS_I: &str = "     Anledning: uppgift saknas i ärendet";

pub(crate) fn ej_verkstallt_efter_dagar(dagar: impl Display, tid: impl Display) -> String {
    format!("Ej verkställt efter {dagar} dagar ({tid})")
}

pub(crate) fn verkstallt_dagar_efter_beslutet(
    dagar: impl Display,
    tid: impl Display,
    verkstalld: impl Display,
) -> String {
    format!("Verkställt {verkstalld}, {dagar} dagar efter beslutet ({tid})")
}

pub(crate) fn avbrott_ej_verkstallt_igen(
    dagar: impl Display,
    tid: impl Display,
    avbrott: impl Display,
) -> String {
    format!("Avbrott {avbrott}; ej verkställt igen efter {dagar} dagar ({tid})")
}

pub(crate) fn finns_inte_i_riktlinjen(insats: impl Display) -> String {
    format!("{insats} (finns inte i riktlinjen)")
}

pub(crate) fn fodd(year: impl Display) -> String {
    format!(", född {year}")
}

pub(crate) const UTAN_IDENTITETSKOD: &str = "utan identitetskod";

pub(crate) fn varav_personer_med_skyddade(count: impl Display) -> String {
    format!("  Varav personer med skyddade personuppgifter: {count}.")
}

pub(crate) const MAN: &str = ">12 mån";

pub(crate) const MAN_6_12: &str = "6–12 mån";

pub(crate) const MAN_3_6: &str = "3–6 mån";

pub(crate) const VERKSAMHETSOMRADE_INSATS: &str = "Verksamhetsområde: insats";

pub(crate) const INGA_EJ_VERKSTALLDA_BESLUT: &str = "  Inga ej verkställda beslut under kvartalet.";

pub(crate) fn statistik_till_fullmaktige_efter_tom_rad(statistik_lagrum: impl Display) -> String {
    format!("\nStatistik till fullmäktige ({statistik_lagrum})")
}

pub(crate) const VERKSTALLDA_EFTER_MER_AN: &str =
    "Verkställda efter mer än tre månader (rapporteras som verkställda)";

pub(crate) const EJ_VERKSTALLDA_EFTER_AVBROTT: &str = "Ej verkställda efter avbrott";

pub(crate) const EJ_VERKSTALLDA_BESLUT: &str = "Ej verkställda beslut";

pub(crate) fn riktlinje_innehallshash(
    riktlinje_id: impl Display,
    hash_hex: impl Display,
) -> String {
    format!("Riktlinje: {riktlinje_id} (innehållshash {hash_hex}).")
}

pub(crate) fn till_kommunfullmaktige_och_revisorerna(rapport_lagrum: impl Display) -> String {
    format!(
        "Till kommunfullmäktige och revisorerna, avidentifierad: födelseår och kön men ingen identitetskod eller fritext; antal under 3 i statistiken visas som <3 ({rapport_lagrum})."
    )
}

pub(crate) fn till_ivo_och_revisorerna(rapport_lagrum: impl Display) -> String {
    format!("Till IVO och revisorerna enligt {rapport_lagrum}.")
}

pub(crate) fn ej_verkstallda_gynnande_beslut_rapportdag(
    kvartal: impl Display,
    rapportdag: impl Display,
) -> String {
    format!("Ej verkställda gynnande beslut, {kvartal} (rapportdag {rapportdag})")
}

pub(crate) const SKYDDADE_PERSONUPPGIFTER_UPPGIFTER_OM: &str = "Skyddade personuppgifter: uppgifter om personen redovisas inte \
     (21 kap. 3 § offentlighets- och sekretesslagen); rapporteras via IVO:s e-tjänst med \
     skyddet angivet i informationsfältet.";

pub(crate) fn obs_av_arenden_kunde(n_bad: impl Display, n_records: impl Display) -> String {
    format!(" Obs: {n_bad} av {n_records} ärenden kunde inte läsas, så rapporten är ofullständig.")
}

pub(crate) fn beslut_har_verkstallts_efter(n: impl Display) -> String {
    format!(" {n} beslut har verkställts efter mer än tre månader.")
}

pub(crate) const BESLUT_HAR_VERKSTALLTS_EFTER: &str =
    " 1 beslut har verkställts efter mer än tre månader.";

pub(crate) fn att_rapportera_for(
    n_ej: impl Display,
    beslut: impl Display,
    avbrott: impl Display,
    kvartal: impl Display,
) -> String {
    format!("{n_ej} {beslut}{avbrott} att rapportera för {kvartal}.")
}

pub(crate) fn varav_efter_avbrott(n: impl Display) -> String {
    format!(" (varav {n} efter avbrott)")
}

pub(crate) const EJ_VERKSTALLDA_BESLUT_I_TEXT: &str = "ej verkställda beslut";

pub(crate) const EJ_VERKSTALLT_BESLUT: &str = "ej verkställt beslut";

pub(crate) fn inga_ej_verkstallda_beslut_att(kvartal: impl Display) -> String {
    format!("Inga ej verkställda beslut att rapportera för {kvartal}.")
}

pub(crate) const KAP_SOCIALTJANSTLAGEN_OCH_H: &str =
    "34 kap. 3 § socialtjänstlagen (2025:400) och 28 h § LSS";

pub(crate) const KAP_H_SOCIALTJANSTLAGEN_OCH: &str =
    "16 kap. 6 h § socialtjänstlagen (2001:453) och 28 h § LSS";

pub(crate) const KAP_SOCIALTJANSTLAGEN_OCH_F: &str =
    "34 kap. 1–2 §§ socialtjänstlagen (2025:400) och 28 f–28 g §§ LSS";

pub(crate) const KAP_F_G_SOCIALTJANSTLAGEN: &str =
    "16 kap. 6 f–6 g §§ socialtjänstlagen (2001:453) och 28 f–28 g §§ LSS";

pub(crate) fn varning_arendena_pa_rad(
    lines: impl Display,
    name: impl Display,
    code: impl Display,
) -> String {
    format!(
        "varning: {name}: ärendena på rad {lines} får samma identitetskod {code}; \
                 ändra koden för alla utom ett i IVO:s e-tjänst"
    )
}

pub(crate) fn arenden_lasta_med_fel(
    n_records: impl Display,
    n_bad: impl Display,
    n_rows: impl Display,
    name: impl Display,
) -> String {
    format!("{name}: {n_records} ärenden lästa, {n_bad} med fel; {n_rows} rader i rapporten")
}

pub(crate) fn varning_arenden_i_rapporten(n_unknown_skydd: impl Display) -> String {
    format!(
        "varning: {n_unknown_skydd} ärenden i rapporten saknar uppgift om skyddade \
             personuppgifter och redovisas som utan skydd"
    )
}

pub(crate) fn fel(line: impl Display, name: impl Display, error: impl Display) -> String {
    format!("fel: {name}:{line}: {error}")
}

pub(crate) fn beslutet_om_fran_saknar(
    code_or_unknown: impl Display,
    beslutsdatum: impl Display,
) -> String {
    format!(
        "beslutet om {code_or_unknown} från {beslutsdatum} saknar uppgift om det är gynnande (`gynnande`); \
                 det kan inte bedömas och finns inte med i rapporten"
    )
}

pub(crate) const OKAND_KOD: &str = "(okänd kod)";

pub(crate) const FODELSEDATUM_ELLER_KON_SAKNAS: &str =
    "födelsedatum eller kön saknas, så raden får ingen identitetskod";

pub(crate) fn raden_raknas_under_det(avvikelse: impl Display) -> String {
    format!(
        "{avvikelse}; raden räknas under det angivna området, så kontrollera lag och insats innan rapporten skickas"
    )
}

pub(crate) const BESLUTET_ANGES_SOM_ETT: &str =
    "beslutet anges som ett område enligt SoL, men insatsen ges enligt LSS i riktlinjen";

pub(crate) const BESLUTET_ANGES_SOM_LSS: &str = "beslutet anges som LSS, men insatsen ges enligt SoL i riktlinjen och är inte en av insatserna i 9 § LSS";

pub(crate) fn insatsen_finns_inte_i(code_or_unknown: impl Display) -> String {
    format!(
        "insatsen {code_or_unknown} finns inte i riktlinjen; lag och verksamhetsområde är okända"
    )
}

pub(crate) const ANNAN_ANLEDNING: &str = "annan anledning";

pub(crate) const DEN_ENSKILDE_VILL_VANTA: &str = "den enskilde vill vänta";

pub(crate) const DEN_ENSKILDE_HAR_TACKAT: &str = "den enskilde har tackat nej till erbjudande";

pub(crate) const BRIST_PA_PERSONAL_UTFORARE: &str =
    "brist på personal, utförare, kontaktperson eller ledsagare";

pub(crate) const BRIST_PA_LAMPLIG_PLATS: &str = "brist på lämplig plats eller bostad";

pub(crate) const OKANT_VERKSAMHETSOMRADE: &str = "okänt verksamhetsområde";

pub(crate) const INDIVID_OCH_FAMILJEOMSORG: &str = "individ- och familjeomsorg";

pub(crate) const FUNKTIONSNEDSATTNING_LSS: &str = "funktionsnedsättning (LSS)";

pub(crate) const FUNKTIONSNEDSATTNING_SOL: &str = "funktionsnedsättning (SoL)";

pub(crate) const MER_AN_12_MANADER: &str = "mer än 12 månader";

pub(crate) const EJ_VERKSTALLT_EFTER_AVBROTT: &str = "ej verkställt efter avbrott";

pub(crate) const EJ_VERKSTALLT: &str = "ej verkställt";

pub(crate) fn kvartalets_ar(error: impl Display) -> String {
    format!("kvartalets år: {error}")
}

pub(crate) const KVARTALET_FINNS_INTE_DET: &str = "kvartalet finns inte; det ska vara 1–4";

pub(crate) const INGET_KVARTAL_SKRIV_TILL: &str = "inget kvartal; skriv till exempel 2025Q3";

pub(crate) fn ingen_antagen_version_av(rules: impl Display, rapportdag: impl Display) -> String {
    format!("{rules}: ingen antagen version av riktlinjen gäller {rapportdag}")
}

pub(crate) fn rapportdagen_ligger_fore_kvartalet(
    first_day: impl Display,
    rapportdag: impl Display,
    kvartal: impl Display,
) -> String {
    format!("rapportdagen {rapportdag} ligger före kvartalet {kvartal}, som börjar {first_day}")
}

pub(crate) const INGEN_VERSION_AV_RIKTLINJEN: &str = "Ingen version av riktlinjen gällde rapportdagen. Rapporten bygger på lagen: ett gynnande beslut rapporteras när det inte har verkställts inom tre månader från beslutet eller avbrottet, med det lagrum som gällde (varje rad anger sitt); insatsernas namn och lag är hämtade ur riktlinjens första version.";

// The texts of `report/omprovning.rs`.

pub(crate) const AVVISADE_FELAKTIGA_UPPGIFTER: &str = "Avvisade (felaktiga uppgifter)";

pub(crate) const STAPLAT_STAPELDIAGRAM_PER_INSATS: &str = "Staplat stapeldiagram per insats";

pub(crate) const UPPSKATTAD_FORANDRING_I_TIMMAR: &str = "Uppskattad förändring i timmar per månad";

pub(crate) const SA_HAR_PROVNINGEN_GJORTS: &str = "<h2>Så har prövningen gjorts</h2>\n<ul>\n\
<li>Varje gällande gynnande beslut har prövats som om det söktes på nytt, med den beviljade omfattningen som sökt omfattning, en gång enligt den tidigare och en gång enligt den nya riktlinjen, samma prövningsdag. Uppgifter om vad beslutet omfattar (till exempel städning var n:e vecka) hämtas från ärendets ansökan om samma insats.</li>\n\
<li>En ändring klassas efter vad lagen medger: ett tills vidare-beslut enligt socialtjänstlagen som fattades före den 1 juli 2025 får inte ändras till den enskildes nackdel (37 § förvaltningslagen; 14 kap. 9 § gäller inte sådana beslut enligt övergångsbestämmelse 3). Ett senare tills vidare-beslut får ändras till nackdel bara om den enskildes förhållanden har ändrats väsentligt (14 kap. 9 § socialtjänstlagen); en reviderad riktlinje är ingen sådan ändring. Ett tidsbegränsat beslut gäller till sitt slut.</li>\n\
<li>LSS saknar motsvarighet till 14 kap. 9 §; ändringar av LSS-beslut, ändringar där en uppgift saknas och ansökningar som inte är avgjorda kräver manuell bedömning.</li>\n\
<li>Riktlinjen är vägledande. Varje beslut fattas efter en individuell prövning av den enskildes behov.</li>\n</ul>";

pub(crate) fn de_forsta_50_av(number: impl Display) -> String {
    format!("<p class=\"small\">De första 50 av {number} visas; alla finns i arbetslistan.</p>")
}

pub(crate) const RAD_SKAL: &str =
    "<table><thead><tr><th class=\"num\">Rad</th><th>Skäl</th></tr></thead><tbody>";

pub(crate) const AVVISADE_ARENDEN: &str = "<h2>Avvisade ärenden</h2>";

pub(crate) const INGA_REGLER_HAR_ANDRATS: &str =
    "<p>Inga regler har ändrats på ett sätt som kan ändra en prövning.</p>";

pub(crate) const ANDRADE_REGLER: &str = "<h2>Ändrade regler och parametrar</h2>";

pub(crate) const REGEL_INSATS_ANDRING_FRAN: &str = "<table><thead><tr><th>Regel</th><th>Insats</th><th>Från</th><th>Ändring</th><th>Före</th><th>Efter</th></tr></thead><tbody>";

/// How many of the changes that can change a prövning the law makes and how many the nämnd.
pub(crate) fn ursprung_i_rapporten(lag: impl Display, namnd: impl Display) -> String {
    format!(
        "<p>Av ändringarna kommer {lag} från lagen (den nationella grunden, som gäller alla kommuner) och {namnd} från riktlinjen.</p>"
    )
}

pub(crate) const UPPSKATTNINGEN_AR_DEN_HOGSTA: &str = "<p class=\"small\">Uppskattningen är den högsta omfattning under den beviljade som uppfyller den nya riktlinjen, minus den beviljade. Där en lägre omfattning ensam inte räcker (till exempel när städning beviljats oftare än riktlinjen anger) görs ingen uppskattning; sådana ändringar räknas som ej uppskattade.</p>";

pub(crate) const INSATS_UPPSKATTAD_FORANDRING_ENHET: &str = "<table><thead><tr><th>Insats</th><th class=\"num\">Uppskattad förändring</th><th>Enhet</th><th class=\"num\">Uppskattade</th><th class=\"num\">Ej uppskattade</th></tr></thead><tbody>";

pub(crate) const UPPSKATTAD_FORANDRING_I_TIMMAR_PER: &str =
    "Uppskattad förändring i timmar per månad per insats (timmar per vecka omräknat med 52/12).";

pub(crate) const INGEN_ANDRING_MINSKAR_EN: &str =
    "<p>Ingen ändring minskar en beviljad omfattning.</p>";

pub(crate) const UPPSKATTAD_FORANDRING_AV_BEVILJAD: &str =
    "<h2>Uppskattad förändring av beviljad omfattning</h2>";

pub(crate) const ANDRADE_PROVNINGAR_EFTER_DEN: &str =
    "Ändrade prövningar efter den enskildes ålder på prövningsdagen.";

pub(crate) const ANDRINGAR_PER_ALDERSGRUPP: &str = "<h2>Ändringar per åldersgrupp</h2>";

pub(crate) const INSATS_PROVNINGAR: &str =
    "<table class=\"wide\"><thead><tr><th>Insats</th><th class=\"num\">Prövningar</th>";

pub(crate) const ANDRADE_PROVNINGAR_PER_INSATS: &str =
    "Ändrade prövningar per insats, efter slag av ändring.";

pub(crate) const INGEN_INSATS_FICK_ETT: &str = "<p>Ingen insats fick ett annat utfall.</p>";

pub(crate) const ANDRINGAR_PER_INSATS: &str = "<h2>Ändringar per insats</h2>";

pub(crate) const SLAG_AV_ANDRING_PROVNINGAR: &str = "<table><thead><tr><th>Slag av ändring</th><th class=\"num\">Prövningar</th></tr></thead><tbody>";

pub(crate) const ANDRADE_PROVNINGAR_PER_SLAG: &str = "Ändrade prövningar per slag av ändring.";

pub(crate) const ANDRINGAR_EFTER_VAD_LAGEN: &str = "<h2>Ändringar efter vad lagen medger</h2>";

pub(crate) fn av_de_oforandrade_hade(number: impl Display) -> String {
    format!(
        "<p class=\"small\">Av de oförändrade hade {number} ärenden inget gällande beslut eller ansökan att pröva.</p>"
    )
}

pub(crate) fn summa_lasta(number: impl Display, percent: impl Display) -> String {
    format!(
        "<tr class=\"sum\"><td>Summa lästa</td><td class=\"num\">{number}</td><td class=\"num\">{percent}</td></tr></tbody></table>"
    )
}

pub(crate) const ANDRAT_UTFALL: &str = "Ändrat utfall";

pub(crate) const OFORANDRAT_UTFALL: &str = "Oförändrat utfall";

pub(crate) const ARENDEN_ANTAL_ANDEL: &str = "<table><thead><tr><th>Ärenden</th><th class=\"num\">Antal</th><th class=\"num\">Andel</th></tr></thead><tbody>";

pub(crate) const LASTA_ARENDEN: &str = "<h2>Lästa ärenden</h2>";

pub(crate) fn arenden_kunde_inte_provas(number: impl Display) -> String {
    format!(
        "<p>{number} ärenden kunde inte prövas eftersom uppgifterna i verksamhetssystemet var felaktiga; de finns i arbetslistan med radnummer och skäl.</p>"
    )
}

pub(crate) fn och_dygn_per_manad(decimal: impl Display) -> String {
    format!(" och {decimal} dygn per månad för korttidsvistelse")
}

pub(crate) fn den_uppskattade_forandringen_av(
    decimal: impl Display,
    and_dygn: impl Display,
) -> String {
    format!(
        "<p>Den uppskattade förändringen av beviljad tid, för de mindre förmånliga ändringar där en lägre omfattning ensam uppfyller den nya riktlinjen, är <strong>{decimal} timmar per månad</strong>{and_dygn}. \
         Förändringen inträffar först när respektive beslut får ändras enligt ovan, och aldrig utan en individuell prövning.</p>"
    )
}

pub(crate) fn provningar_blir_mindre_formanliga(
    n_less_favourable: impl Display,
    n_kan_inte_andras: impl Display,
    n_vasentligt_andrade: impl Display,
    n_vid_utgang: impl Display,
    n_manuell: impl Display,
    n_more_favourable: impl Display,
) -> String {
    format!(
        "<p>{n_less_favourable} prövningar blir <strong>mindre förmånliga</strong> för den enskilde. Av dem gäller {n_kan_inte_andras} tills vidare-beslut som fattades före den 1 juli 2025 och som <strong>inte kan ändras</strong> till den enskildes nackdel (37 § förvaltningslagen), \
         {n_vasentligt_andrade} tills vidare-beslut som får ändras <strong>endast om den enskildes förhållanden ändras väsentligt</strong> (14 kap. 9 § socialtjänstlagen), och {n_vid_utgang} tidsbegränsade beslut där den nya riktlinjen tillämpas <strong>när beslutet löper ut</strong>. \
         {n_manuell} prövningar <strong>kräver manuell bedömning</strong> (bland annat insatser enligt LSS och ärenden där en uppgift saknas). {n_more_favourable} prövningar blir <strong>förmånligare</strong>.</p>"
    )
}

pub(crate) fn forvaltningen_har_provat_arenden(
    n_read: impl Display,
    n_provningar: impl Display,
    from: impl Display,
    to: impl Display,
    n_changed: impl Display,
    changed_share: impl Display,
    n_changes: impl Display,
) -> String {
    format!(
        "<p class=\"lead\">Förvaltningen har prövat {n_read} ärenden med {n_provningar} gällande beslut och ansökningar mot både {from} och {to}. \
         {n_changed} ärenden ({changed_share}) skulle få ett annat utfall enligt den nya riktlinjen, sammanlagt {n_changes} prövningar.</p>"
    )
}

pub(crate) fn giltig_fran(
    escape: impl Display,
    giltig_fran: impl Display,
    status_label: impl Display,
) -> String {
    format!("<strong>{escape}</strong> (giltig från {giltig_fran}, {status_label}")
}

pub(crate) fn framstalld_med_riktlinjer_mot(
    from: impl Display,
    from_hash: impl Display,
    to: impl Display,
    to_hash: impl Display,
) -> String {
    format!(
        "<footer>Framställd med riktlinjer: {from} ({from_hash}) mot {to} ({to_hash}).</footer>\n</main>\n</body>\n</html>"
    )
}

pub(crate) fn jamforelse_mellan_och_provningsdag(
    version_text: impl Display,
    version_text_2: impl Display,
    as_of: impl Display,
) -> String {
    format!(
        "<p class=\"meta\">Jämförelse mellan {version_text} och {version_text_2}. Prövningsdag {as_of}.</p></header>"
    )
}

pub(crate) fn konsekvenser_av_reviderad_riktlinje(kommun: impl Display) -> String {
    format!("Konsekvenser av reviderad riktlinje för befintliga beslut – {kommun}")
}

/// The heading of a riktlinje's `slag` blocks in its published page.
pub(crate) const SLAG_AV_INSATS: &str = "Slag av insats";

/// A riktlinje to be made larger (`scaled`) that does not compile.
pub(crate) const FORSTORAD_KOMPILERAR_INTE: &str = "riktlinjen kan inte förstoras eftersom den inte går att kompilera: rätta den först (riktlinjer check)";

/// A riktlinje to be made larger (`scaled`) without front matter.
pub(crate) const FORSTORAD_SAKNAR_HUVUD: &str =
    "riktlinjen kan inte förstoras eftersom den saknar huvud (--- … ---) överst";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_code_is_shown() {
        assert_eq!(
            shown_code("hemtjanst_omvardnad"),
            Some("hemtjanst_omvardnad")
        );
        for value in [
            "19470815-9882",
            "194708159882",
            "Siv Skyddad",
            "Hemliga gatan 12",
            "",
            "å",
        ] {
            assert_eq!(shown_code(value), None, "{value}");
        }
        assert_eq!(code_or_unknown("x"), "`x`");
    }

    /// A figure of exactly one takes the unit in the singular, every other figure the plural.
    #[test]
    fn one_hour_one_time_and_one_minute_are_singular() {
        assert_eq!(enhet_after(1_000, Enhet::TimmarPerManad), "timme per månad");
        assert_eq!(enhet_after(1_000, Enhet::GangerPerVecka), "gång per vecka");
        assert_eq!(
            enhet_after(1_500, Enhet::TimmarPerManad),
            "timmar per månad"
        );
        assert_eq!(enhet_after(0, Enhet::TimmarPerVecka), "timmar per vecka");
        assert_eq!(enhet_after(1_000, Enhet::DygnPerManad), "dygn per månad");
        assert_eq!(
            over_schablon_text(1_000, 1_500, Enhet::TimmarPerManad),
            "Sökt omfattning är 1 timme per månad; riktlinjens schablon ger 1,5 timmar per månad för fallet. Pröva om det finns särskilda skäl för mer."
        );
        let line = |minuter: f64, tillfallen: f64, delsumma: f64| crate::answer::BerakningRad {
            schablon: "hemtjanst".to_owned(),
            namn: "Tvätt".to_owned(),
            status: "raknas".to_owned(),
            tid: String::new(),
            antal: String::new(),
            minuter: Some(minuter),
            tillfallen_per_ar: Some(tillfallen),
            minuter_per_ar: Some(minuter * tillfallen),
            delsumma: Some(delsumma),
            begransad: false,
            delad: false,
        };
        assert_eq!(
            breakdown_line(&line(30.0, 24.0, 1.0), Some(Enhet::TimmarPerManad)),
            "Tvätt: 30 minuter × 2 gånger per månad = 1 timme per månad"
        );
        // Said in the longest period that holds a whole number: a day before a week.
        assert_eq!(
            breakdown_line(&line(15.0, 1_092.0, 22.75), Some(Enhet::TimmarPerManad)),
            "Tvätt: 15 minuter × 3 gånger per dag = 22,75 timmar per månad"
        );
        assert_eq!(
            breakdown_line(&line(40.0, 104.0, 5.78), Some(Enhet::TimmarPerManad)),
            "Tvätt: 40 minuter × 2 gånger per vecka = 5,78 timmar per månad"
        );
        assert_eq!(
            breakdown_line(&line(90.0, 17.33, 2.17), Some(Enhet::TimmarPerManad)),
            "Tvätt: 90 minuter × 17,33 gånger per år = 2,17 timmar per månad"
        );
        assert_eq!(
            breakdown_line(&line(15.0, 364.0, 7.58), Some(Enhet::TimmarPerManad)),
            "Tvätt: 15 minuter × 1 gång per dag = 7,58 timmar per månad"
        );
        // A line that could not be computed shows the component as written and why.
        let mut unknown = line(15.0, 0.0, 0.0);
        unknown.tid = "15 minuter".to_owned();
        unknown.antal = "omsorgsbesök_per_dag".to_owned();
        unknown.minuter = Some(15.0);
        unknown.tillfallen_per_ar = None;
        unknown.delsumma = None;
        unknown.status = "uppgift_saknas".to_owned();
        assert_eq!(
            breakdown_line(&unknown, Some(Enhet::TimmarPerManad)),
            "Tvätt: 15 minuter × omsorgsbesök_per_dag (en uppgift saknas)"
        );
        assert_eq!(
            breakdown_line(&line(1.0, 1.0, 0.0014), Some(Enhet::TimmarPerManad)),
            "Tvätt: 1 minut × 1 gång per år = 0 timmar per månad"
        );
    }
}
