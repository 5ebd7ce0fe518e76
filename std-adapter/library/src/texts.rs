//! The Swedish texts of the engine's own words: outcomes (of insatser and of skyddsåtgärder),
//! units, laws, message ids and frister.
//!
//! Rule reasons come from the riktlinje itself (each rule's `skäl`); this module holds the words
//! the engine adds around them, and the stable ASCII codes that JSON output uses for the same
//! values.
//! It is the only place with such prose.

use riktlinjer_core::evaluation::FristKind;
use riktlinjer_core::{AtgardOutcome, Enhet, FristStatus, Lag, MessageId, Outcome, Role, Status};

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
    let enhet = enhet_label(enhet);
    format!(
        "Sökt omfattning är {} {enhet}; riktlinjens schablon ger {} {enhet} för fallet. Pröva om det finns särskilda skäl för mer.",
        decimal_text(sokt),
        decimal_text(beraknad)
    )
}

/// One line of a computed omfattning as a handläggare reads it:
/// "Städning: 70 minuter × 26 gånger per år = 2,53 timmar per månad".
pub fn breakdown_line(line: &crate::answer::BerakningRad, enhet: Option<Enhet>) -> String {
    // Two decimals: enough to see each line's share of a total given with one.
    let figure = |value: Option<f64>| {
        value.map_or_else(
            || "okänt".to_owned(),
            |value| decimal_text((value * 100.0).round() as i64 * 10),
        )
    };
    let how = match (line.minuter, line.tillfallen_per_ar) {
        (Some(_), Some(_)) => format!(
            "{} minuter × {} gånger per år",
            figure(line.minuter),
            figure(line.tillfallen_per_ar)
        ),
        (Some(_), None) if line.antal.is_empty() => {
            format!("{} minuter per år", figure(line.minuter))
        }
        _ => format!("{}, {}", line.tid, line.antal),
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
    let unit = enhet.map_or("", enhet_label);
    format!(
        "{}: {how} = {} {unit}{status}{notes}",
        line.namn,
        figure(line.delsumma)
    )
}

/// Thousandths as a Swedish decimal: 7 300 is `7,3`, 6 000 is `6`.
pub fn decimal_text(thousandths: i64) -> String {
    riktlinjer_compiler::compile::decimal_text(thousandths)
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
}
