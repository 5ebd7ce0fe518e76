//! The one place where the words of the rule language meet the core's types.
//!
//! The names of the engine's own facts (`ålder`, `samtycke_av`), the words of their
//! enumerations (`kvinna`), outcomes, units and laws, each mapped to its core value.
//! The facts a riktlinje declares itself live in its catalogue (`catalogue`).
//! Nothing else in the adapter spells these words.

use crate::texts;
use riktlinjer_core::{
    AtgardOutcome, AtgardRuleKind, Builtin, Enhet, EnumKind, Lag, Outcome, RuleKind,
};

/// The engine's own facts with the names a catalogue declares them by (`källa: motorn`).
pub const BUILTINS: [(&str, Builtin); 26] = [
    ("ålder", Builtin::Alder),
    ("ålder_vid_ansökan", Builtin::AlderVidAnsokan),
    ("kön", Builtin::Kon),
    ("skyddade_personuppgifter", Builtin::SkyddadePersonuppgifter),
    ("ansökningsdatum", Builtin::Ansokningsdatum),
    ("sökt_omfattning", Builtin::SoktOmfattning),
    ("har_gällande_beslut", Builtin::HarGallandeBeslut),
    ("beviljad_omfattning", Builtin::BeviljadOmfattning),
    ("syfte", Builtin::Syfte),
    ("samtycke_av", Builtin::SamtyckeAv),
    ("samtyckesform", Builtin::Samtyckesform),
    ("samtyckesdatum", Builtin::Samtyckesdatum),
    ("accepterar_fortfarande", Builtin::AccepterarFortfarande),
    ("samtycke_återkallat", Builtin::SamtyckeAterkallat),
    ("beslutad_av", Builtin::BeslutadAv),
    ("riskbedömning_gjord", Builtin::RiskbedomningGjord),
    ("alternativ_prövade", Builtin::AlternativProvade),
    ("dokumenterad_i_journal", Builtin::DokumenteradIJournal),
    ("mas_informerad", Builtin::MasInformerad),
    ("uppföljning_försenad", Builtin::UppfoljningForsenad),
    ("generell", Builtin::Generell),
    ("nödsituation", Builtin::Nodsituation),
    ("antal_tillfällen", Builtin::AntalTillfallen),
    ("inuti_kroppen", Builtin::InutiKroppen),
    ("boendeform", Builtin::Boendeform),
    ("digital_teknik", Builtin::DigitalTeknik),
];

/// The builtin a catalogue declares as `name`.
pub fn builtin(name: &str) -> Option<Builtin> {
    lookup(&BUILTINS, name)
}

/// The values of an enumeration as a riktlinje writes them, in the core's order.
pub fn enum_values(kind: EnumKind) -> &'static [&'static str] {
    match kind {
        EnumKind::Kon => &["kvinna", "man"],
        EnumKind::SkyddadePersonuppgifter => &[
            "ingen",
            "sekretessmarkering",
            "skyddad_folkbokföring",
            "fingerade_personuppgifter",
        ],
        EnumKind::Syfte => &[
            "fallprevention",
            "trygghet",
            "stöd",
            "aktivering",
            "begränsa_rörelse",
            "annat",
        ],
        EnumKind::SamtyckeAv => &["den_enskilde", "god_man", "förvaltare", "anhörig", "ingen"],
        EnumKind::Samtyckesform => &["skriftligt", "muntligt", "tolkat"],
        EnumKind::Roll => &[
            "enhetschef",
            "arbetsterapeut",
            "fysioterapeut",
            "sjuksköterska",
            "läkare",
            "biståndshandläggare",
            "annan",
        ],
        EnumKind::Boendeform => &["hemtjänst", "särskild_boendeform", "lss_bostad", "annan"],
    }
}

/// Every enumeration, for checks that walk them all.
pub const ENUM_KINDS: [EnumKind; 7] = [
    EnumKind::Kon,
    EnumKind::SkyddadePersonuppgifter,
    EnumKind::Syfte,
    EnumKind::SamtyckeAv,
    EnumKind::Samtyckesform,
    EnumKind::Roll,
    EnumKind::Boendeform,
];

/// The index of value `name` in enumeration `kind`.
pub fn enum_value(kind: EnumKind, name: &str) -> Option<u8> {
    enum_values(kind)
        .iter()
        .position(|value| *value == name)
        .and_then(|index| u8::try_from(index).ok())
}

/// The words for a rule's `utfall`.
pub const RULE_KINDS: [(&str, RuleKind); 5] = [
    ("uppfyller", RuleKind::Uppfyller),
    ("uppfyller_inte", RuleKind::UppfyllerInte),
    ("lagen_hindrar", RuleKind::LagenHindrar),
    ("individuell_bedömning", RuleKind::IndividuellBedomning),
    ("upplysning", RuleKind::Upplysning),
];

/// The words for an outcome (in `annars` and in rule tests).
pub const OUTCOMES: [(&str, Outcome); 4] = [
    ("uppfyller", Outcome::Uppfyller),
    ("uppfyller_inte", Outcome::UppfyllerInte),
    ("lagen_hindrar", Outcome::LagenHindrar),
    ("individuell_bedömning", Outcome::KraverIndividuellBedomning),
];

/// The words for the `utfall` of a rule about skyddsåtgärder.
pub const ATGARD_RULE_KINDS: [(&str, AtgardRuleKind); 5] = [
    ("ej_tillåten", AtgardRuleKind::EjTillaten),
    ("juridisk_bedömning", AtgardRuleKind::JuridiskBedomning),
    ("rutin_ej_följd", AtgardRuleKind::RutinEjFoljd),
    ("tillåten_med_samtycke", AtgardRuleKind::TillatenMedSamtycke),
    ("upplysning", AtgardRuleKind::Upplysning),
];

/// The words for the outcome of a skyddsåtgärd (in rule tests).
pub const ATGARD_OUTCOMES: [(&str, AtgardOutcome); 4] = [
    ("tillåten_med_samtycke", AtgardOutcome::TillatenMedSamtycke),
    ("ej_tillåten", AtgardOutcome::EjTillaten),
    ("rutin_ej_följd", AtgardOutcome::RutinEjFoljd),
    ("juridisk_bedömning", AtgardOutcome::KraverJuridiskBedomning),
];

/// The word a rule about skyddsåtgärder uses for every kind, declared or not.
pub const ALLA: &str = "alla";

/// The word for the outcome of a skyddsåtgärd.
pub fn atgard_outcome_word(outcome: AtgardOutcome) -> &'static str {
    ATGARD_OUTCOMES
        .iter()
        .find(|(_, candidate)| *candidate == outcome)
        .map_or("?", |(word, _)| word)
}

/// The word of `value` in `list`, the rule language's own spelling (`?` for a value the list
/// lacks, which no list here does).
pub fn word_of<T: PartialEq>(list: &[(&'static str, T)], value: T) -> &'static str {
    list.iter()
        .find(|(_, candidate)| *candidate == value)
        .map_or("?", |(word, _)| word)
}

/// The word for `outcome`.
pub fn outcome_word(outcome: Outcome) -> &'static str {
    OUTCOMES
        .iter()
        .find(|(_, candidate)| *candidate == outcome)
        .map_or("?", |(word, _)| word)
}

/// The words for units.
pub const ENHETER: [(&str, Enhet); 7] = [
    ("timmar_per_månad", Enhet::TimmarPerManad),
    ("timmar_per_vecka", Enhet::TimmarPerVecka),
    ("dygn_per_månad", Enhet::DygnPerManad),
    ("gånger_per_vecka", Enhet::GangerPerVecka),
    ("larm", Enhet::Larm),
    ("plats", Enhet::Plats),
    ("beslut", Enhet::Beslut),
];

/// The words for laws.
pub const LAGAR: [(&str, Lag); 2] = [("SoL", Lag::SoL), ("LSS", Lag::Lss)];

/// Looks `word` up in a word list.
pub fn lookup<T: Copy>(list: &[(&str, T)], word: &str) -> Option<T> {
    list.iter()
        .find(|(candidate, _)| *candidate == word)
        .map(|(_, value)| *value)
}

/// The words of a word list, for a message: "`a`, `b` eller `c`".
pub fn alternatives<T>(list: &[(&str, T)]) -> String {
    let words: Vec<&str> = list.iter().map(|(word, _)| *word).collect();
    one_of(&words)
}

/// "`a`, `b` eller `c`".
pub fn one_of(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => texts::eller(rest.join(", "), last),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The known name closest to `name`, when one is close enough to be a likely misspelling.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_one_name() {
        for builtin_fact in Builtin::ALL {
            let named = BUILTINS.iter().filter(|(_, b)| *b == builtin_fact).count();
            assert_eq!(named, 1, "{builtin_fact:?}");
            assert_eq!(
                builtin(word_of(&BUILTINS, builtin_fact)),
                Some(builtin_fact)
            );
        }
    }

    #[test]
    fn every_enum_kind_has_its_values() {
        for kind in ENUM_KINDS {
            assert_eq!(enum_values(kind).len(), usize::from(kind.len()));
        }
    }

    #[test]
    fn suggestions_for_misspellings() {
        let names = BUILTINS.iter().map(|(name, _)| *name).chain(["bor_ensam"]);
        assert_eq!(suggest("bor_ensm", names.clone()), Some("bor_ensam"));
        assert_eq!(suggest("alder", names.clone()), Some("ålder"));
        assert_eq!(suggest("xyz", names), None);
    }
}
