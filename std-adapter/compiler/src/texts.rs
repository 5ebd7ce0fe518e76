//! Every Swedish text the compiler shows a person: the messages and notes of its diagnostics,
//! and the words it puts around them (what a field or a rule is called in a message).
//!
//! The rule language's own words (keywords, units, outcomes) are in `compile/names.rs`; this
//! module holds the prose, so a reviewer finds it in one place and a change of wording touches
//! no check.
//! Messages with parameters are functions that format them; the rest are constants.
//! The sections follow the module that raises each text.

use std::fmt::Display;

use riktlinjer_core::case_frister::UPPFOLJNING_SKYDDSATGARD_PARAM;
use riktlinjer_core::limits::{
    MAX_ATGARD_RULES, MAX_ATGARDER, MAX_CODE_BYTES, MAX_COMPONENTS, MAX_COMPONENTS_PER_INSATS,
    MAX_FACTS, MAX_INSATS_ID_LEN, MAX_INSATSER, MAX_NUMBERS, MAX_PARAM_VALUES, MAX_PARAMS,
    MAX_PROPERTIES, MAX_PROPERTIES_PER_INSATS, MAX_REASONS_PER_ATGARD, MAX_RULE_OPS, MAX_RULES,
    MAX_SET_WORDS, MAX_STACK, MAX_TEXT_LEN, MAX_WORDS,
};

// The texts of `diagnostic.rs`.

pub(crate) fn fel(
    code: impl Display,
    message: impl Display,
    name: impl Display,
    line: impl Display,
    column: impl Display,
) -> String {
    format!("fel[{code}]: {message}\n  --> {name}:{line}:{column}\n")
}

// The texts of `source.rs`.

pub(crate) fn raden_ska_ha_formen(line: impl Display) -> String {
    format!("raden ska ha formen `nyckel: värde`, men saknar kolon: `{line}`")
}

pub(crate) const HUVUDET_BORJAR_MED_MEN: &str =
    "huvudet börjar med `---` men avslutas aldrig med en rad `---`";

// The texts of `compile/atgard.rs`.

pub(crate) fn riktlinjen_har_regler_for(n_alla: impl Display) -> String {
    format!(
        "riktlinjen har {n_alla} regler för `alla` åtgärder som kan ge skäl; en prövning rymmer {MAX_REASONS_PER_ATGARD} skäl"
    )
}

pub(crate) fn atgarden_har_regler_som(id: impl Display, n_listing: impl Display) -> String {
    format!(
        "åtgärden `{id}` har {n_listing} regler som kan ge skäl; en prövning rymmer {MAX_REASONS_PER_ATGARD} skäl"
    )
}

pub(crate) fn riktlinjen_har_regler_om(n_rules: impl Display) -> String {
    format!("riktlinjen har {n_rules} regler om skyddsåtgärder; kärnan rymmer {MAX_ATGARD_RULES}")
}

pub(crate) fn riktlinjen_har_atgarder_karnan(n_atgarder: impl Display) -> String {
    format!("riktlinjen har {n_atgarder} åtgärder; kärnan rymmer {MAX_ATGARDER}")
}

pub(crate) const UPPFOLJNINGSINTERVALLET_SKA_VARA_MINST: &str =
    "uppföljningsintervallet ska vara minst 1 månad";

pub(crate) fn lagg_till_en_parameter() -> String {
    format!(
        "lägg till en parameter `{UPPFOLJNING_SKYDDSATGARD_PARAM}` med antalet månader, till exempel `värde: 3`"
    )
}

pub(crate) fn regel_laser_uppfoljning_forsenad(id: impl Display) -> String {
    format!(
        "regel `{id}` läser `uppföljning_försenad`, men riktlinjen anger inget uppföljningsintervall"
    )
}

pub(crate) const VARJE_ATGARD_BEHOVER_MINST: &str =
    "varje åtgärd behöver minst en regel, egen eller för `alla`";

pub(crate) fn atgarden_har_ingen_regel(id: impl Display) -> String {
    format!("åtgärden `{id}` har ingen regel")
}

pub(crate) fn menade_du(suggestion: impl Display) -> String {
    format!("menade du `{suggestion}`?")
}

pub(crate) fn riktlinjen_beskriver_ingen_atgard(name: impl Display) -> String {
    format!("riktlinjen beskriver ingen åtgärd `{name}`")
}

pub(crate) const ALLA_STAR_ENSAMT_DET: &str = "`alla` står ensamt; det gäller redan varje åtgärd";

pub(crate) const EN_REGEL_OM_SKYDDSATGARDER: &str = "en regel om skyddsåtgärder";

pub(crate) fn gar_inte_att_anvanda(id: impl Display) -> String {
    format!("`{id}` går inte att använda som åtgärds-id; använd a–z, siffror och `_` (inga åäö)")
}

pub(crate) const EN_ATGARD: &str = "en åtgärd";

// The texts of `compile/catalogue.rs`.

pub(crate) const SAKNAS_ANGES_FOR_JA: &str =
    "`saknas` anges för ja/nej, tal och val, aldrig för motorns egna uppgifter";

pub(crate) fn saknas_ska_vara_ett(word_of: impl Display) -> String {
    format!("`saknas` ska vara ett värde av uppgiftens typ ({word_of})")
}

pub(crate) const BARA_ETT_VAL_ELLER: &str = "bara ett val eller en mängd har `värden`";

pub(crate) fn en_mangd_kan_ha(n_words: impl Display) -> String {
    format!("en mängd kan ha högst {MAX_SET_WORDS} värden; denna har {n_words}")
}

pub(crate) const VARDENA_SKRIVS_MED_SMA: &str = "värdena skrivs med små bokstäver, siffror och `_`, åtskilda av komma, och vart och ett en gång";

pub(crate) fn uppgiften_ar_ett_val(name: impl Display) -> String {
    format!("uppgiften `{name}` är ett val eller en mängd och behöver `värden`")
}

pub(crate) fn motorns_uppgift_ar_och(
    word_of: impl Display,
    word_of_2: impl Display,
    name: impl Display,
) -> String {
    format!("motorns uppgift `{name}` är {word_of} och gäller {word_of_2}")
}

pub(crate) const KALLA_MOTORN_GALLER_BARA: &str =
    "`källa: motorn` gäller bara de uppgifter som motorn själv räknar fram";

pub(crate) fn motorn_beraknar_ingen_uppgift(name: impl Display) -> String {
    format!("motorn beräknar ingen uppgift `{name}`")
}

pub(crate) const BARA_ETT_HELTAL_ELLER: &str =
    "bara ett heltal eller ett decimaltal kan ha en enhet";

pub(crate) const ETT_UPPGIFTSNAMN_SKRIVS_MED: &str =
    "ett uppgiftsnamn skrivs med små bokstäver, siffror och `_`";

pub(crate) const EN_UPPGIFT: &str = "en uppgift";

pub(crate) fn faktakatalogens_val_och_mangder(words: impl Display) -> String {
    format!("faktakatalogens val och mängder har {words} värden; kärnan rymmer {MAX_WORDS}")
}

pub(crate) fn faktakatalogen_har_uppgifter_karnan(n_facts: impl Display) -> String {
    format!("faktakatalogen har {n_facts} uppgifter; kärnan rymmer {MAX_FACTS}")
}

pub(crate) fn motorns_uppgift_deklareras_redan(name: impl Display) -> String {
    format!("motorns uppgift deklareras redan som `{name}`")
}

pub(crate) const ETT_ARENDE_SKRIVER_NAMNEN: &str =
    "ett ärende skriver namnen utan å, ä och ö; välj ett annat namn";

pub(crate) fn uppgiften_far_samma_nyckel(
    name: impl Display,
    other: impl Display,
    key: impl Display,
) -> String {
    format!("uppgiften `{name}` får samma nyckel i ärendet som `{other}` (`{key}`)")
}

pub(crate) fn uppgiften_finns_redan(name: impl Display) -> String {
    format!("uppgiften `{name}` finns redan")
}

pub(crate) const DEN_DEKLARERAS_REDAN_TIDIGARE: &str = "den deklareras redan tidigare i riktlinjen";

pub(crate) const DEN_FINNS_REDAN_I: &str = "den finns redan i den nationella faktakatalogen";

// The texts of `compile/check.rs`.

pub(crate) const EN_MANGD_JAMFORS_MED: &str = "en mängd jämförs med `innehåller`, inte med `=`";

pub(crate) fn och_galler_tal_och(found: impl Display) -> String {
    format!("`<`, `<=`, `>` och `>=` gäller tal och datum, inte {found}")
}

pub(crate) fn kan_inte_jamfora_med(left: impl Display, right: impl Display) -> String {
    format!("kan inte jämföra {left} med {right}")
}

pub(crate) const ETT_DECIMALTAL_HAR_HOGST: &str =
    "ett decimaltal har högst tre decimaler och får inte vara för stort";

pub(crate) fn talet_ar_for_stort(value: impl Display) -> String {
    format!("talet {value} är för stort")
}

pub(crate) fn okant_varde_har_gar(one_of: impl Display, name: impl Display) -> String {
    format!("okänt värde `{name}`; här går {one_of} att använda")
}

pub(crate) fn vantade(want: impl Display) -> String {
    format!("väntade {want}")
}

pub(crate) fn kraver_men_detta_ar(
    want: impl Display,
    found: impl Display,
    context: impl Display,
) -> String {
    format!("{context} kräver {want}, men detta är {found}")
}

pub(crate) fn vantade_ett_tal_men(found: impl Display) -> String {
    format!("väntade ett tal, men detta är {found}")
}

pub(crate) fn sa_ger_men_annars(then: impl Display, otherwise: impl Display) -> String {
    format!("`så` ger {then} men `annars` {otherwise}")
}

pub(crate) fn kan_inte_lagga_ihop(left: impl Display, right: impl Display) -> String {
    format!("kan inte lägga ihop {left} med {right}")
}

pub(crate) fn bara_tal_gar_att(name: impl Display, found: impl Display) -> String {
    format!("bara tal går att räkna med, men `{name}` är {found}")
}

pub(crate) fn star_efter_ett_tal(found: impl Display, unit: impl Display) -> String {
    format!("`{unit}` står efter ett tal, men detta är {found}")
}

pub(crate) const TALET_HAR_FOR_MANGA: &str = "talet har för många decimaler";

pub(crate) fn innehaller_kraver_en_mangd(found: impl Display) -> String {
    format!("`innehåller` kräver en mängd, men detta är {found}")
}

pub(crate) const EN_UPPGIFT_DEKLARERAS_I: &str =
    "en uppgift deklareras i ett `fakta`-block, i riktlinjen eller i den nationella faktakatalogen";

pub(crate) fn okand_uppgift(name: impl Display) -> String {
    format!("okänd uppgift `{name}`")
}

pub(crate) const TALET_AR_FOR_STORT: &str = "talet är för stort";

pub(crate) fn en_mangd_av(words: impl Display) -> String {
    format!("en mängd av {words}")
}

pub(crate) fn ett_av_vardena(words: impl Display) -> String {
    format!("ett av värdena {words}")
}

pub(crate) const ETT_DATUM: &str = "ett datum";

pub(crate) const ETT_DECIMALTAL: &str = "ett decimaltal";

pub(crate) const ETT_HELTAL: &str = "ett heltal";

pub(crate) fn uppgiften_galler_och_finns(
    name: impl Display,
    belongs: impl Display,
    what: impl Display,
) -> String {
    format!("uppgiften `{name}` gäller {belongs} och finns aldrig i {what}")
}

pub(crate) const EN_REGEL_OM_SKYDDSATGARDER_KAN: &str =
    "en regel om skyddsåtgärder kan läsa personens och åtgärdens uppgifter";

pub(crate) const EN_ANSOKAN: &str = "en ansökan";

pub(crate) const SKRIV_REGELN_MED_ATGARD: &str =
    "skriv regeln med `åtgärd:` i stället för `insats:`";

pub(crate) const EN_SKYDDSATGARD: &str = "en skyddsåtgärd";

pub(crate) const EN_SCHABLON: &str = "en schablon";

pub(crate) fn ett_villkor_maste_vara(describe: impl Display) -> String {
    format!("ett villkor måste vara ja eller nej, men detta är {describe}")
}

// The texts of `compile/expr.rs`.

pub(crate) const ETT_VARDE_ELLER_EN: &str = "ett värde eller en uppgift";

pub(crate) const KOMMA_ELLER_PARENTES: &str = "`,` eller `)`";

pub(crate) const KOMMA_ELLER_HAKPARENTES: &str = "`,` eller `]`";

pub(crate) const EFTER_I: &str = "`[` efter `i`";

pub(crate) fn uttrycket_tar_slut_vantade(expected: impl Display) -> String {
    format!("uttrycket tar slut; väntade {expected}")
}

pub(crate) fn vantade_men_fann(describe: impl Display, expected: impl Display) -> String {
    format!("väntade {expected}, men fann {describe}")
}

pub(crate) const ETT_RAKNETECKEN: &str = "ett räknetecken";

pub(crate) const EN_JAMFORELSE: &str = "en jämförelse";

pub(crate) fn skrivet_tal_ar_for_stort(word: impl Display) -> String {
    format!("talet `{word}` är för stort")
}

pub(crate) fn ar_varken_ett_tal(word: impl Display) -> String {
    format!(
        "`{word}` är varken ett tal, ett datum (ÅÅÅÅ-MM-DD) eller ett namn; ett namn börjar med en bokstav"
    )
}

pub(crate) const TALET_HAR_FOR_MANGA_SIFFROR: &str = "talet har för många siffror";

pub(crate) fn ar_inget_giltigt_datum(word: impl Display, error: impl Display) -> String {
    format!("`{word}` är inget giltigt datum: {error}")
}

pub(crate) fn tecknet_hor_inte_hemma(c: impl Display) -> String {
    format!("tecknet `{c}` hör inte hemma i ett uttryck")
}

pub(crate) const KAN_BARA_STA_I: &str =
    "`!` kan bara stå i `!=`; skriv `inte` för att vända ett villkor";

pub(crate) fn ovantat_efter_ett_fullstandigt(describe: impl Display) -> String {
    format!("oväntat {describe} efter ett fullständigt uttryck")
}

// The texts of `compile/mod.rs`.

pub(crate) const VARDEN_FOR_VAL_OCH: &str = "värden för val och mängder";

pub(crate) const REGLER_OM_SKYDDSATGARDER: &str = "regler om skyddsåtgärder";

pub(crate) fn riktlinjen_har_fler_an(what: impl Display) -> String {
    format!("riktlinjen har fler {what} än kärnan rymmer")
}

pub(crate) fn en_text_i_ar(n_text: impl Display, id: impl Display) -> String {
    format!("en text i `{id}` är {n_text} byte; högst {MAX_TEXT_LEN} ryms")
}

pub(crate) fn villkoret_i_ar_for(max_depth: impl Display, id: impl Display) -> String {
    format!(
        "villkoret i `{id}` är för djupt nästlat ({max_depth} nivåer; kärnan rymmer {MAX_STACK})"
    )
}

pub(crate) fn villkoret_i_ar_for_langt(id: impl Display, ops: impl Display) -> String {
    format!("villkoret i `{id}` är för långt ({ops} steg; kärnan rymmer {MAX_RULE_OPS})")
}

pub(crate) const RIKTLINJEN_HAR_FLER_VILLKOR: &str =
    "riktlinjen har fler villkor eller tal än kärnan rymmer";

pub(crate) fn riktlinjens_tal_och_omrakningar(numbers: impl Display) -> String {
    format!("riktlinjens tal och omräkningar är {numbers}; kärnan rymmer {MAX_NUMBERS}")
}

pub(crate) fn insatsen_har_schabloner_karnan(id: impl Display, count: impl Display) -> String {
    format!(
        "insatsen `{id}` har {count} schabloner; kärnan rymmer {MAX_COMPONENTS_PER_INSATS} per insats"
    )
}

pub(crate) fn riktlinjen_har_schabloner_karnan(n_components: impl Display) -> String {
    format!("riktlinjen har {n_components} schabloner; kärnan rymmer {MAX_COMPONENTS}")
}

pub(crate) fn insatsen_har_regler_om(
    id: impl Display,
    max_reasons: impl Display,
    listing: impl Display,
) -> String {
    format!(
        "insatsen `{id}` har {listing} regler om lagen hindrar eller upplysningar; en prövning rymmer {max_reasons} skäl"
    )
}

pub(crate) fn parametern_har_varden_karnan(namn: impl Display, n_values: impl Display) -> String {
    format!("parametern `{namn}` har {n_values} värden; kärnan rymmer {MAX_PARAM_VALUES}")
}

pub(crate) fn riktlinjen_har_parametrar_karnan(n_params: impl Display) -> String {
    format!("riktlinjen har {n_params} parametrar; kärnan rymmer {MAX_PARAMS}")
}

pub(crate) fn riktlinjen_har_regler_karnan(n_table_rules: impl Display) -> String {
    format!("riktlinjen har {n_table_rules} regler; kärnan rymmer {MAX_RULES}")
}

pub(crate) fn riktlinjen_har_insatser_karnan(n_insatser: impl Display) -> String {
    format!("riktlinjen har {n_insatser} insatser; kärnan rymmer {MAX_INSATSER}")
}

pub(crate) const EN_REGEL_OM_EN: &str = "en regel om en insats";

pub(crate) const OMFATTNINGEN_SKA_VARA_ETT: &str =
    "omfattningen ska vara ett tal i insatsens enhet, med högst tre decimaler (`7,5`)";

pub(crate) const EN_REGEL: &str = "en regel";

pub(crate) fn gar_inte_att_anvanda_som(id: impl Display) -> String {
    format!(
        "`{id}` går inte att använda som insats-id; använd a–z, siffror och `_` (högst {MAX_INSATS_ID_LEN} tecken, inga åäö)"
    )
}

pub(crate) const EN_INSATS: &str = "en insats";

pub(crate) const VARDENA_SKA_STA_I: &str = "värdena ska stå i datumordning, det tidigaste först";

pub(crate) fn gar_inte_att_lasa(part: impl Display) -> String {
    format!(
        "`{part}` går inte att läsa som värde; skriv till exempel `67` eller `66 från 2023-01-01, 67 från 2026-01-01`"
    )
}

pub(crate) const EN_PARAMETER: &str = "en parameter";

pub(crate) fn riktlinjen_beskriver_ingen_insats(name: impl Display) -> String {
    format!("riktlinjen beskriver ingen insats `{name}`")
}

pub(crate) fn gar_inte_att_anvanda_som_id(id: impl Display) -> String {
    format!("`{id}` går inte att använda som id; använd a–z, siffror, `-` och `_`")
}

pub(crate) const RIKTLINJEN_SAKNAR_HUVUD_DEN: &str = "riktlinjen saknar huvud; den ska börja med `---`, fälten id, kommun, nämnd, giltig_från och status, och `---`";

pub(crate) fn gar_inte_att_anvanda_som_skriv(
    word: impl Display,
    key: impl Display,
    alternatives: impl Display,
) -> String {
    format!("`{word}` går inte att använda som `{key}`; skriv {alternatives}")
}

pub(crate) fn saknar(what: impl Display, key: impl Display) -> String {
    format!("{what} saknar `{key}`")
}

pub(crate) fn nyckeln_star_tva_ganger(key: impl Display) -> String {
    format!("nyckeln `{key}` står två gånger")
}

pub(crate) fn nycklarna_ar(one_of: impl Display) -> String {
    format!("nycklarna är {one_of}")
}

pub(crate) fn har_ingen_nyckel(key: impl Display, what: impl Display) -> String {
    format!("{what} har ingen nyckel `{key}`")
}

pub(crate) fn den_kompilerade_tabellen_avvisades(error: impl Display) -> String {
    format!("den kompilerade tabellen avvisades av kärnan: {error}")
}

pub(crate) fn villkoren_upptar_byte_karnan(code_bytes: impl Display) -> String {
    format!("villkoren upptar {code_bytes} byte; kärnan rymmer {MAX_CODE_BYTES}")
}

pub(crate) const EN_KARTA_OVER_UPPHAVDA: &str =
    "en karta över upphävda paragrafer hör till den nationella grunden, inte till en riktlinje";

pub(crate) fn i_den_nationella_grunden(avsnitt: impl Display) -> String {
    format!("{avsnitt} i den nationella grunden")
}

pub(crate) fn forsta_regeln_med_samma(line: impl Display) -> String {
    format!("första regeln med samma id står på rad {line}")
}

pub(crate) fn regel_id_anvands_redan(id: impl Display) -> String {
    format!("regel-id `{id}` används redan")
}

pub(crate) fn riktlinjen_har_egenskaper_karnan(n_properties: impl Display) -> String {
    format!("riktlinjen har {n_properties} egenskaper; kärnan rymmer {MAX_PROPERTIES}")
}

pub(crate) fn insatsen_har_egenskaper_karnan(id: impl Display, count: impl Display) -> String {
    format!(
        "insatsen `{id}` har {count} egenskaper; kärnan rymmer {MAX_PROPERTIES_PER_INSATS} per insats"
    )
}

pub(crate) fn atgarden_beskrivs_redan(id: impl Display) -> String {
    format!("åtgärden `{id}` beskrivs redan")
}

pub(crate) fn insatsen_beskrivs_redan(id: impl Display) -> String {
    format!("insatsen `{id}` beskrivs redan")
}

pub(crate) fn parametern_finns_redan(namn: impl Display) -> String {
    format!("parametern `{namn}` finns redan")
}

pub(crate) fn parametern_ar_lagens_och(namn: impl Display) -> String {
    format!("parametern `{namn}` är lagens och finns redan i den nationella grunden")
}

pub(crate) fn ar_redan_namnet_pa(namn: impl Display) -> String {
    format!("`{namn}` är redan namnet på en uppgift")
}

// The texts of `compile/names.rs`.

pub(crate) fn eller(rest: impl Display, last: impl Display) -> String {
    format!("{rest} eller {last}")
}

// The texts of `compile/paragrafer.rs`.

pub(crate) const EN_UPPHAVD_PARAGRAF: &str = "en upphävd paragraf";

// The texts of `compile/ruletest.rs`.

pub(crate) fn uppgiften_saknades_i_fallet(fact: impl Display) -> String {
    format!("uppgiften `{fact}` saknades i fallet")
}

pub(crate) const EN_MANGD_INOM_HAKPARENTESER: &str = "en mängd inom hakparenteser";

pub(crate) fn nagot_av(one_of: impl Display) -> String {
    format!("något av {one_of}")
}

pub(crate) const ETT_TAL_MED_HOGST: &str = "ett tal med högst tre decimaler";

pub(crate) const JA_ELLER_NEJ: &str = "ja eller nej";

pub(crate) fn ar_inte_som_kraver(
    value: impl Display,
    what: impl Display,
    name: impl Display,
) -> String {
    format!("`{value}` är inte {what}, som `{name}` kräver")
}

pub(crate) fn ska_skrivas_uppgift_varde(part: impl Display) -> String {
    format!("`{part}` ska skrivas `uppgift = värde`")
}

pub(crate) fn ar_inget_utfall_for(word: impl Display, alternatives: impl Display) -> String {
    format!("`{word}` är inget utfall för en skyddsåtgärd; skriv {alternatives}")
}

pub(crate) const ETT_REGELTEST_OM_EN: &str = "ett regeltest om en skyddsåtgärd";

pub(crate) fn regeltestet_vantade_talet(
    fall: impl Display,
    decimal_text: impl Display,
    what: impl Display,
    got: impl Display,
) -> String {
    format!("regeltestet «{fall}» väntade {what} {decimal_text} men fick {got}")
}

pub(crate) const DEN_BERAKNADE_OMFATTNINGEN: &str = "den beräknade omfattningen";

pub(crate) fn ska_vara_ett_tal(key: impl Display) -> String {
    format!("`{key}` ska vara ett tal med högst tre decimaler (`7,5`)")
}

pub(crate) fn ar_inget_utfall_skriv(word: impl Display, alternatives: impl Display) -> String {
    format!("`{word}` är inget utfall; skriv {alternatives}")
}

pub(crate) const ETT_REGELTEST: &str = "ett regeltest";

pub(crate) fn skalen_kom_fran(from: impl Display) -> String {
    format!("skälen kom från {from}")
}

pub(crate) const INGA_REGLER_DET_RIKTLINJEN: &str = "inga regler (det riktlinjen anger i övrigt)";

pub(crate) fn regeltestet_vantade_skalet_men(fall: impl Display, id: impl Display) -> String {
    format!("regeltestet «{fall}» väntade skälet `{id}`, men det fanns inte bland skälen")
}

pub(crate) fn regeltestet_vantade_utfallet(
    outcome: impl Display,
    fall: impl Display,
    expected: impl Display,
) -> String {
    format!("regeltestet «{fall}» väntade `{expected}` men fick `{outcome}`")
}

pub(crate) fn riktlinjen_har_ingen_sadan(id: impl Display) -> String {
    format!("riktlinjen har ingen sådan regel `{id}`")
}

pub(crate) fn ogiltigt_datum(text: impl Display) -> String {
    format!("`{text}` är inget giltigt datum")
}

pub(crate) fn regeltestet_saknar(key: impl Display) -> String {
    format!("regeltestet saknar `{key}`")
}

// The texts of `compile/schablon.rs`.

pub(crate) fn insatsen_har_ingen_annan(insats: impl Display, includer: impl Display) -> String {
    format!("insatsen `{insats}` har ingen annan schablon `{includer}`")
}

pub(crate) fn insatsen_har_redan_en(insats: impl Display, id: impl Display) -> String {
    format!("insatsen `{insats}` har redan en schablon `{id}`")
}

pub(crate) const EN_EGENSKAP: &str = "en egenskap";

pub(crate) const SKRIV_ENHETEN_EFTER_TALET: &str = "skriv enheten efter talet, till exempel `40 minuter`, `2 gånger per vecka` eller `3 timmar per år`";

pub(crate) fn ska_vara_men_detta(
    key: impl Display,
    found: impl Display,
    what: impl Display,
) -> String {
    format!("`{key}` ska vara {what}, men detta är {found}")
}

pub(crate) const ETT_SCHABLON_ID_SKRIVS: &str =
    "ett schablon-id skrivs med små bokstäver, siffror och `_`";

pub(crate) const EN_TID_PER_PERIOD: &str = "en tid per period (till exempel `2 timmar per vecka`)";

pub(crate) const EN_TID_PER_PERIOD_TILL: &str =
    "en tid per period (till exempel `3 timmar per år`), eftersom `antal` saknas";

pub(crate) const EN_TID_PER_TILLFALLE: &str = "en tid per tillfälle (till exempel `40 minuter`)";

pub(crate) const ETT_ANTAL_PER_PERIOD: &str = "ett antal per period";

pub(crate) const EN_SCHABLON_KRAVER_ENHET: &str =
    "en schablon kräver `enhet: timmar_per_månad`, `timmar_per_vecka` eller `dygn_per_månad`";

pub(crate) fn insatsen_har_enheten_som(id: impl Display, word_of: impl Display) -> String {
    format!("insatsen `{id}` har enheten `{word_of}`, som inte kan räknas fram ur tider")
}

// The texts of `compile/shadow.rs`.

pub(crate) fn villkoret_i_regel_kan(id: impl Display) -> String {
    format!("villkoret i regel `{id}` kan aldrig vara uppfyllt")
}

pub(crate) const ETT_UNDANTAG_SKA_STA: &str =
    "ett undantag ska stå före den regel det gör undantag från";

pub(crate) fn tacks_av(rules: impl Display) -> String {
    format!("täcks av {rules}")
}

pub(crate) fn regel_kan_aldrig_avgora(id: impl Display) -> String {
    format!(
        "regel `{id}` kan aldrig avgöra något: regler som prövas före den täcker alla fall där den är uppfylld"
    )
}

// The texts of `compile/unit.rs`.

pub(crate) const PER_VECKA: &str = "per vecka";

pub(crate) fn per_gar_inte_att(word: impl Display) -> String {
    format!("`per {word}` går inte att räkna med; skriv per tillfälle, dag, vecka, månad eller år")
}

pub(crate) const PER_SKA_FOLJAS_AV: &str =
    "`per` ska följas av tillfälle, dag, vecka, månad eller år";

pub(crate) fn ar_ingen_enhet_skriv(text: impl Display) -> String {
    format!(
        "`{text}` är ingen enhet; skriv till exempel `timmar per månad`, `minuter per tillfälle` eller `gånger per vecka`"
    )
}

pub(crate) const PER_AR: &str = "per år";

pub(crate) const PER_MANAD: &str = "per månad";

pub(crate) const PER_DAG: &str = "per dag";

pub(crate) const PER_TILLFALLE: &str = "per tillfälle";

pub(crate) const ETT_TAL: &str = "ett tal";

pub(crate) const ANTAL_TILLFALLEN: &str = "antal tillfällen";

/// What a `slag` block's item is, in a fault about its keys.
pub(crate) const ETT_SLAG_AV_INSATS: &str = "ett slag av insats";

/// A `slag` block in a kommun's riktlinje.
pub(crate) const SLAGEN_HOR_TILL_GRUNDEN: &str = "slagen av insats hör till den nationella grunden, inte till en riktlinje; en insats anger sitt slag med `slag:`";

/// An insats's `slag` in a riktlinje that does not build on the baseline.
pub(crate) const SLAG_KRAVER_GRUNDEN: &str = "`slag` säger vilka av lagens regler i den nationella grunden som gäller insatsen, och kräver `bygger_på: sverige` i huvudet";

/// A kind's id that is not a code name.
pub(crate) fn gar_inte_att_anvanda_som_slag(id: impl Display) -> String {
    format!("`{id}` går inte att använda som slag; använd a–z, siffror och `_` (inga åäö)")
}

/// An insats of one law naming a kind of the other.
pub(crate) fn slaget_ar_en_insats_enligt(
    slag: impl Display,
    slagets_lag: impl Display,
    insats: impl Display,
    insatsens_lag: impl Display,
) -> String {
    format!(
        "slaget `{slag}` är en insats enligt {slagets_lag}, men insatsen `{insats}` ges enligt {insatsens_lag}"
    )
}

/// An insats naming a kind the baseline does not declare.
pub(crate) fn grunden_har_inget_slag(slag: impl Display) -> String {
    format!("den nationella grunden har inget slag av insats `{slag}`")
}

/// The kinds there are, as a note.
pub(crate) fn slagen_ar(slag: impl Display) -> String {
    format!("slagen är {slag}")
}

/// A baseline rule naming a kind the baseline does not declare.
pub(crate) fn inget_slag_som_grunden_deklarerar(name: impl Display) -> String {
    format!("`{name}` är inget slag av insats som den nationella grunden deklarerar")
}

/// The message of R016.
pub const LAGEN_HINDRAR_I_RIKTLINJEN: &str = "bara den nationella grunden får säga att lagen hindrar en insats; en norm i riktlinjen kan som mest ge `uppfyller_inte`";

/// The notes of R016: where the law's rules are, and what a riktlinje writes instead.
pub const LAGEN_HINDRAR_I_RIKTLINJEN_NOTER: [&str; 2] = [
    "lagens egna regler står i den nationella grunden (rules/sverige/) och prövas före riktlinjens för varje insats av det slag de gäller",
    "skriv `utfall: uppfyller_inte`, eller `individuell_bedömning` där riktlinjen inte kan avgöra fallet",
];
