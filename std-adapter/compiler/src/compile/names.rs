//! The one place where the words of the rule language meet the core's types.
//!
//! Fact names as a riktlinje writes them (`ålder`, `bor_ensam`), enumeration values
//! (`kvinna`, `hemliv`), outcomes, units and laws, each mapped to its core value.
//! Nothing else in the adapter spells these words.

use riktlinjer_core::{
    AtgardOutcome, AtgardRuleKind, Enhet, EnumKind, FactId, Lag, Outcome, RuleKind,
};

/// Every fact with the name a riktlinje uses for it.
pub const FACTS: [(&str, FactId); 48] = [
    ("ålder", FactId::Alder),
    ("ålder_vid_ansökan", FactId::AlderVidAnsokan),
    ("kön", FactId::Kon),
    ("personkrets", FactId::Personkrets),
    ("folkbokförd_i_kommunen", FactId::FolkbokfordIKommunen),
    ("bor_ensam", FactId::BorEnsam),
    ("har_make_eller_sambo", FactId::HarMakeEllerSambo),
    ("bor_med_make_eller_sambo", FactId::BorMedMakeEllerSambo),
    ("skyddade_personuppgifter", FactId::SkyddadePersonuppgifter),
    ("normalt_åldrande", FactId::NormaltAldrande),
    ("förvärvsarbetar", FactId::Forvarvsarbetar),
    ("studerar", FactId::Studerar),
    ("går_i_skolan", FactId::GarISkolan),
    ("kan_använda_larm", FactId::KanAnvandaLarm),
    (
        "behov_tillgodoses_på_annat_sätt",
        FactId::BehovTillgodosesPaAnnatSatt,
    ),
    ("behov_dygnet_runt", FactId::BehovDygnetRunt),
    ("behov", FactId::Behov),
    ("grundläggande_behov", FactId::GrundlaggandeBehov),
    ("ansökningsdatum", FactId::Ansokningsdatum),
    ("sökt_omfattning", FactId::SoktOmfattning),
    ("städning_var_n_vecka", FactId::StadningVarNVecka),
    ("inköp_per_vecka", FactId::InkopPerVecka),
    ("dusch_per_vecka", FactId::DuschPerVecka),
    ("tvätt_per_månad", FactId::TvattPerManad),
    ("vårdnadshavares_samtycke", FactId::VardnadshavaresSamtycke),
    ("eget_samtycke", FactId::EgetSamtycke),
    ("utan_behovsprövning", FactId::UtanBehovsprovning),
    ("parboende", FactId::Parboende),
    ("har_gällande_beslut", FactId::HarGallandeBeslut),
    ("beviljad_omfattning", FactId::BeviljadOmfattning),
    ("syfte", FactId::Syfte),
    ("samtycke_av", FactId::SamtyckeAv),
    ("samtyckesform", FactId::Samtyckesform),
    ("samtyckesdatum", FactId::Samtyckesdatum),
    ("accepterar_fortfarande", FactId::AccepterarFortfarande),
    ("samtycke_återkallat", FactId::SamtyckeAterkallat),
    ("beslutad_av", FactId::BeslutadAv),
    ("riskbedömning_gjord", FactId::RiskbedomningGjord),
    ("alternativ_prövade", FactId::AlternativProvade),
    ("dokumenterad_i_journal", FactId::DokumenteradIJournal),
    ("mas_informerad", FactId::MasInformerad),
    ("uppföljning_försenad", FactId::UppfoljningForsenad),
    ("generell", FactId::Generell),
    ("nödsituation", FactId::Nodsituation),
    ("antal_tillfällen", FactId::AntalTillfallen),
    ("inuti_kroppen", FactId::InutiKroppen),
    ("boendeform", FactId::Boendeform),
    ("digital_teknik", FactId::DigitalTeknik),
];

/// The fact a riktlinje calls `name`.
pub fn fact(name: &str) -> Option<FactId> {
    FACTS
        .iter()
        .find(|(fact_name, _)| *fact_name == name)
        .map(|(_, fact)| *fact)
}

/// The name a riktlinje uses for `fact`.
pub fn fact_name(fact: FactId) -> &'static str {
    FACTS
        .iter()
        .find(|(_, candidate)| *candidate == fact)
        .map_or("?", |(name, _)| name)
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
        EnumKind::Livsomrade => &[
            "lärande",
            "allmänna_uppgifter",
            "kommunikation",
            "förflyttning",
            "personlig_vård",
            "hemliv",
            "relationer",
            "sysselsättning",
            "samhällsgemenskap",
            "trygghet",
            "anhörigstöd",
        ],
        EnumKind::GrundlaggandeBehov => &[
            "andning",
            "personlig_hygien",
            "måltider",
            "av_och_påklädning",
            "kommunikation",
            "psykisk_funktionsnedsättning",
            "medicinsk_tillsyn",
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
pub const ENUM_KINDS: [EnumKind; 9] = [
    EnumKind::Kon,
    EnumKind::SkyddadePersonuppgifter,
    EnumKind::Livsomrade,
    EnumKind::GrundlaggandeBehov,
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
        Some((last, rest)) if !rest.is_empty() => format!("{} eller {last}", rest.join(", ")),
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
    fn every_fact_has_one_name() {
        for fact_id in FactId::ALL {
            assert_eq!(fact(fact_name(fact_id)), Some(fact_id));
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
        let names = FACTS.iter().map(|(name, _)| *name);
        assert_eq!(suggest("bor_ensm", names.clone()), Some("bor_ensam"));
        assert_eq!(suggest("alder", names.clone()), Some("ålder"));
        assert_eq!(suggest("xyz", names), None);
    }
}
