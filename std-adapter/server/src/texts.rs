//! Every Swedish text the HTTP service shows a person: problem details, log and startup
//! messages, the audit log's verification report and `loggkontroll`'s words.
//!
//! The words of outcomes, units and frister are the library's (`riktlinjer_library::texts`);
//! this module holds the service's own prose, so a reviewer finds it in one place.
//! The descriptions in the OpenAPI document stay beside the routes and types they describe,
//! as doc comments and attributes do.
//! Messages with parameters are functions that format them; the rest are constants.
//! The sections follow the module that raises each text.

use std::fmt::Display;

use crate::auth::{HANDLAGGARE_HEADER, MAX_HANDLAGGARE_LEN};
use crate::error::PROBLEM_TYPE_PREFIX;
use crate::omprovning::MAX_ARENDEN;

// The texts of `audit.rs`.

pub(crate) const FALTET_UTFALL_SKA_VARA: &str = "fältet `utfall` ska vara en lista";

pub(crate) const FALTET_UTFALL_SAKNAS: &str = "fältet `utfall` saknas";

pub(crate) fn okant_falt_utfall(index: impl Display, key: impl Display) -> String {
    format!("okänt fält `utfall[{index}].{key}`")
}

pub(crate) fn faltet_utfall_ska_vara(index: impl Display) -> String {
    format!("fältet `utfall[{index}]` ska vara ett objekt med insats och utfall")
}

pub(crate) fn faltet_utfall_ska_vara_en(index: impl Display, key: impl Display) -> String {
    format!("fältet `utfall[{index}].{key}` ska vara en text")
}

pub(crate) fn faltet_utfall_saknas(index: impl Display, key: impl Display) -> String {
    format!("fältet `utfall[{index}].{key}` saknas")
}

pub(crate) fn faltet_ska_vara_true(key: impl Display) -> String {
    format!("fältet `{key}` ska vara true eller false")
}

pub(crate) fn faltet_saknas(key: impl Display) -> String {
    format!("fältet `{key}` saknas")
}

pub(crate) fn faltet_ska_vara_en(key: impl Display) -> String {
    format!("fältet `{key}` ska vara en text eller null")
}

pub(crate) fn faltet_ska_vara_en_text(key: impl Display) -> String {
    format!("fältet `{key}` ska vara en text")
}

pub(crate) fn okant_falt(key: impl Display) -> String {
    format!("okänt fält `{key}`")
}

pub(crate) fn raden_ar_ingen_giltig(message: impl Display) -> String {
    format!("raden är ingen giltig loggpost: {message}")
}

pub(crate) const RADEN_AR_JSON_MEN: &str = "raden är JSON men inget objekt, så ingen loggpost";

pub(crate) fn raden_ar_inte_json(column: impl Display) -> String {
    format!("raden är inte JSON (kolumn {column})")
}

pub(crate) fn arendet_loggraden_stammer_inte(
    fields: impl Display,
    arende_id: impl Display,
) -> String {
    format!("ärendet `{arende_id}`: loggraden stämmer inte med prövningen i {fields}")
}

pub(crate) fn arendet_provningen_ger_inte(
    utvarderingshash: impl Display,
    or_none: impl Display,
    or_none_2: impl Display,
    arende_id: impl Display,
    now: impl Display,
) -> String {
    format!(
        "ärendet `{arende_id}`: prövningen ger inte samma svar (utvärderingshash i loggen {utvarderingshash}, nu {now}; utfall i loggen: {or_none}; utfall nu: {or_none_2})"
    )
}

pub(crate) fn arendet(arende_id: impl Display, error: impl Display) -> String {
    format!("ärendet `{arende_id}`: {error}")
}

pub(crate) fn arendet_riktlinjen_har_andrats(
    riktlinje_id: impl Display,
    riktlinje_hash: impl Display,
    arende_id: impl Display,
    hash: impl Display,
) -> String {
    format!(
        "ärendet `{arende_id}`: riktlinjen `{riktlinje_id}` har ändrats sedan prövningen (innehållshash i loggen {riktlinje_hash}, nu {hash})"
    )
}

pub(crate) fn arendet_provningsdagen_i_faltet(arende_id: impl Display) -> String {
    format!("ärendet `{arende_id}`: prövningsdagen i fältet `as_of` är inget datum")
}

pub(crate) fn arendet_riktlinjeversionen_finns_inte(
    riktlinje_id: impl Display,
    arende_id: impl Display,
) -> String {
    format!("ärendet `{arende_id}`: riktlinjeversionen `{riktlinje_id}` finns inte längre")
}

pub(crate) fn arendet_finns_inte_i(arende_id: impl Display) -> String {
    format!("ärendet `{arende_id}` finns inte i ärendefilen")
}

pub(crate) const POSTEN_SAKNAR_ARENDE_ID: &str =
    "posten saknar ärende-id och kan inte kontrolleras";

pub(crate) const INGET_ARENDE_I_ARENDEFILEN: &str =
    "inget ärende i ärendefilen har radens ärendereferens";

pub(crate) fn raden_ar_nycklad_med(nyckel_id: impl Display) -> String {
    format!("raden är nycklad med nyckeln `{nyckel_id}`, som inte angavs med --nyckel")
}

pub(crate) const RADEN_AR_INTE_SKRIVEN: &str = "raden är inte skriven i kanonisk form (nycklar i ordning, inga mellanrum), så den har ändrats efter att tjänsten skrev den";

pub(crate) const RADEN_AR_TOM_TJANSTEN: &str = "raden är tom; tjänsten skriver aldrig en tom rad";

pub(crate) fn raden_ar_inte_giltig(byte: impl Display) -> String {
    format!("raden är inte giltig UTF-8 (fel vid byte {byte} i raden)")
}

pub(crate) fn sista_radens_hash(hash: impl Display) -> String {
    format!("sista radens hash: {hash}")
}

pub(crate) fn forsta_felet_rad(file: impl Display, line: impl Display) -> String {
    format!("första felet: {file}rad {line}")
}

pub(crate) fn rader_kontrollerade_hashkedja_och(
    checked: impl Display,
    same: impl Display,
    problems: impl Display,
) -> String {
    format!(
        "{checked} rader kontrollerade (hashkedja och form; ange --rules och --cases för att också göra om prövningarna): {same} stämmer, {problems} avviker"
    )
}

pub(crate) fn rader_kontrollerade_stammer_avviker(
    checked: impl Display,
    same: impl Display,
    problems: impl Display,
    skyddade: impl Display,
) -> String {
    format!(
        "{checked} rader kontrollerade: {same} stämmer, {problems} avviker, {skyddade} gäller skyddade personer och kan inte kontrolleras"
    )
}

pub(crate) fn fortsatter_hashkedjan_fran_en(
    place: impl Display,
    foregaende: impl Display,
) -> String {
    format!(
        "{place}: fortsätter hashkedjan från en tidigare logg (`foregaende` {foregaende}); ange den loggens sista hash med --foregaende för att kontrollera länken"
    )
}

pub(crate) const HASHKEDJAN_BRYTS_FOREGAENDE_AR: &str = "hashkedjan bryts: `foregaende` är inte hashen av raden före (en rad före denna har tagits bort, flyttats, kopierats eller ändrats)";

pub(crate) fn en_ny_hashkedja_borjar(place: impl Display) -> String {
    format!("{place}: en ny hashkedja börjar här (tjänsten startade med en ny loggfil)")
}

pub(crate) const RADEN_SLUTAR_UTAN_RADBRYTNING: &str = "raden slutar utan radbrytning: skrivningen avbröts (tjänsten flyttar undan resten när den öppnar loggen)";

pub(crate) const OKAND_KOD: &str = "(okänd kod)";

pub(crate) const GRANSKNINGSLOGGEN_SLUTADE_MITT_I: &str = "granskningsloggen slutade mitt i en rad (en skrivning avbröts); resten flyttades till en egen fil och loggen fortsätter efter den sista hela raden";

pub(crate) fn arendet_finns_tva_ganger(
    first_line: impl Display,
    second_line: impl Display,
    arende_id: impl Display,
) -> String {
    format!(
        "ärendet `{arende_id}` finns två gånger i ärendefilen (rad {first_line} och {second_line})"
    )
}

pub(crate) fn granskningsloggen_kan_inte_langre(path: impl Display) -> String {
    format!("granskningsloggen {path} kan inte längre skrivas")
}

// The texts of `auth.rs`.

pub(crate) fn kunde_inte_hamta_slumptal(message: impl Display) -> String {
    format!("kunde inte hämta slumptal från systemet: {message}")
}

pub(crate) fn namnet_far_bara_innehalla(namn: impl Display) -> String {
    format!("namnet `{namn}` får bara innehålla bokstäver, siffror, `-`, `_` och `.`")
}

pub(crate) const NAMNET_FORE_SAKNAS: &str = "namnet före `:` saknas";

pub(crate) fn rubriken_ska_vara_en() -> String {
    format!(
        "rubriken `{HANDLAGGARE_HEADER}` ska vara en identitet på 1–{MAX_HANDLAGGARE_LEN} tecken: bokstäver, siffror, `-`, `_`, `.` eller `@` (UTF-8)"
    )
}

pub(crate) fn tokenet_far_inte_ange() -> String {
    format!(
        "tokenet får inte ange handläggare i rubriken `{HANDLAGGARE_HEADER}`; bara ett token med rollen `intygar-handlaggare` i tokenfilen får det"
    )
}

pub(crate) fn rad_har_samma_token(
    namn: impl Display,
    line_no: impl Display,
    other: impl Display,
    other_line: impl Display,
) -> String {
    format!(
        "`{namn}` (rad {line_no}) har samma token som `{other}` (rad {other_line}); varje anropare ska ha ett eget token, skapat med `riktlinjer token`"
    )
}

pub(crate) fn namnet_finns_redan_pa(namn: impl Display) -> String {
    format!("namnet `{namn}` finns redan på en tidigare rad")
}

pub(crate) const EFTER_SKA_TOKENETS_SHA: &str =
    "efter `:` ska tokenets SHA-256 stå som 64 hexadecimala tecken";

pub(crate) const RADEN_SKA_VARA_NAMN: &str = "raden ska vara `namn:sha256hex`, men saknar `:`";

pub(crate) const EFTER_TOKENETS_HASH_FAR: &str =
    "efter tokenets hash får bara rollen `handlaggare` eller `intygar-handlaggare` stå";

pub(crate) fn tokenfilen_innehaller_inga_anropare(path: impl Display) -> String {
    format!(
        "tokenfilen {path} innehåller inga anropare; skapa en rad med `riktlinjer token --namn <namn>`"
    )
}

// The texts of `chain.rs`.

pub(crate) const DEN_SISTA_RADEN_AR: &str =
    "den sista raden är längre än 16 MiB och kan inte vara en loggrad";

// The texts of `contract.rs`.

pub(crate) const FELTYPENS_STABILA_URI: &str = "Feltypens stabila URI.";

pub(crate) const POINTER_ELLER_PARAMETER_ANNARS: &str =
    "`pointer` eller `parameter`, annars null (som före problem details).";

pub(crate) const SAMMA_SOM_DETAIL_SOM: &str = "Samma som `detail` (som före problem details).";

pub(crate) const FELTYPENS_KOD_SOM_FORE: &str = "Feltypens kod (som före problem details).";

pub(crate) const NAMNET_PA_DEN_FELAKTIGA: &str = "Namnet på den felaktiga parametern i frågesträngen eller sökvägen. Finns bara när felet sitter i en parameter.";

pub(crate) const JSON_PEKARE_RFC_TILL: &str = "JSON-pekare (RFC 6901) till det felaktiga fältet i kroppen; `\"\"` är hela kroppen. Finns bara när felet sitter i kroppen.";

pub(crate) const VAD_SOM_AR_FEL: &str = "Vad som är fel den här gången, på svenska.";

pub(crate) const FELTYPENS_RUBRIK_PA_SVENSKA: &str =
    "Feltypens rubrik på svenska; densamma varje gång.";

pub(crate) fn ett_fel_som_problem(types: impl Display) -> String {
    format!(
        "Ett fel som problem details enligt RFC 9457 (`application/problem+json`). Varje feltyp har en stabil URI som börjar med `{PROBLEM_TYPE_PREFIX}`: {types}. `kod`, `meddelande` och `falt` är kvar från felobjektet före problem details."
    )
}

pub(crate) const SKA_VARA_EN_RIKTLINJEVERSIONS: &str =
    "ska vara en riktlinjeversions id, till exempel exempelkommun-2025-11-01";

pub(crate) const SKA_VARA_EN_LISTA: &str = "ska vara en lista med ärenden";

pub(crate) const FALTET_SAKNAS_ANGE_EN: &str = "fältet saknas; ange en lista med ärenden";

pub(crate) const ARENDENA_VART_OCH_ETT: &str = "Ärendena, vart och ett enligt komponenten Arende.";

pub(crate) const PROVNINGSDAG_AAAA_MM_DD: &str =
    "Prövningsdag (ÅÅÅÅ-MM-DD); utan den den nya versionens giltig från.";

pub(crate) const ID_FOR_DEN_NYA: &str = "Id för den nya versionen, till exempel exempelkommun-2025-11-01; med `@` och en version av den nationella grunden (exempelkommun-2025-01-01@sverige-2025-07-01) prövas versionen mot lagen i den lydelsen, oavsett prövningsdag.";

pub(crate) const ID_FOR_VERSIONEN_SOM: &str = "Id för versionen som besluten fattades enligt, till exempel exempelkommun-2025-01-01; med `@` och en version av den nationella grunden (exempelkommun-2025-01-01@sverige-2023-07-01) prövas versionen mot lagen i den lydelsen, oavsett prövningsdag.";

pub(crate) const FRAGAN_TILL_POST_V: &str = "Frågan till `POST /v1/omprovning`: ärenden att pröva om under två riktlinjeversioner. Högst 1 000 ärenden per begäran, och kroppen högst 256 KiB.";

pub(crate) const SOL_ELLER_LSS_ELLER: &str =
    "`SoL` eller `LSS` (eller `sol`, `lss`); väljer lagrum. Utan den anges båda.";

pub(crate) const DAGEN_VERKSTALLIGHETEN_AVBROTS_OM: &str =
    "Dagen verkställigheten avbröts, om den gjorde det; fristen räknas då från avbrottet.";

pub(crate) const BESLUTSDATUM_FOR_DET_GYNNANDE: &str = "Beslutsdatum för det gynnande beslutet.";

pub(crate) const FRAGAN_TILL_POST_V_FRIST: &str = "Frågan till `POST /v1/frist/ivo`.";

pub(crate) const DAGEN_DEN_ENSKILDE_FICK: &str = "Dagen den enskilde fick del av beslutet.";

pub(crate) const FRAGAN_TILL_POST_V_FRIST_OVERKLAGANDE: &str =
    "Frågan till `POST /v1/frist/overklagande`.";

pub(crate) const FALTET_SAKNAS_ANGE_EN_RIKTLINJEVERSIONS: &str =
    "fältet saknas; ange en riktlinjeversions id, till exempel exempelkommun-2025-11-01";

pub(crate) const FALTET_SAKNAS_ANGE_ETT: &str = "fältet saknas; ange ett datum (ÅÅÅÅ-MM-DD)";

// The texts of `error.rs`.

pub(crate) const GILTIGT_TOKEN_SAKNAS_SKICKA: &str =
    "giltigt token saknas; skicka rubriken `Authorization: Bearer <token>`";

pub(crate) const GRANSKNINGSLOGGEN_KUNDE_INTE_SKRIVAS: &str =
    "Granskningsloggen kunde inte skrivas";

pub(crate) const INTERNT_FEL_I_TJANSTEN: &str = "Internt fel i tjänsten";

pub(crate) const INGEN_RIKTLINJEVERSION_GALLER_PROVNINGSDAGEN: &str =
    "Ingen riktlinjeversion gäller prövningsdagen";

pub(crate) const OGILTIGT_FALT: &str = "Ogiltigt fält";

pub(crate) const OGILTIGT_ARENDE: &str = "Ogiltigt ärende";

pub(crate) const KROPPEN_AR_FOR_STOR: &str = "Kroppen är för stor";

pub(crate) const FOR_MANGA_ARENDEN_I: &str = "För många ärenden i en begäran";

pub(crate) const BEGARAN_BLEV_INTE_KLAR: &str = "Begäran blev inte klar i tid";

pub(crate) const METODEN_STODS_INTE: &str = "Metoden stöds inte";

pub(crate) const SOKVAGEN_FINNS_INTE: &str = "Sökvägen finns inte";

pub(crate) const OKAND_RIKTLINJEVERSION: &str = "Okänd riktlinjeversion";

pub(crate) const GILTIGT_TOKEN_SAKNAS: &str = "Giltigt token saknas";

pub(crate) const OGILTIG_PARAMETER: &str = "Ogiltig parameter";

pub(crate) const KROPPEN_KUNDE_INTE_LASAS: &str = "Kroppen kunde inte läsas";

pub(crate) const KROPPEN_AR_INGEN_GILTIG: &str = "Kroppen är ingen giltig JSON";

// The texts of `lib.rs`.

pub(crate) const OMLASNINGEN_AV_RIKTLINJERNA_AVBROTS: &str = "omläsningen av riktlinjerna avbröts";

pub(crate) const OMLASNINGEN_AVBROTS: &str = "omläsningen avbröts";

pub(crate) const RIKTLINJERNA_KUNDE_INTE_LASAS: &str =
    "riktlinjerna kunde inte läsas in på nytt; de tidigare versionerna gäller fortfarande";

pub(crate) const RIKTLINJERNA_LASTES_IN_PA: &str = "riktlinjerna lästes in på nytt";

pub(crate) const TOKENFILEN_KUNDE_INTE_LASAS: &str =
    "tokenfilen kunde inte läsas in på nytt; de tidigare tokenen gäller fortfarande";

pub(crate) const TOKENFILEN_LASTES_IN_PA: &str = "tokenfilen lästes in på nytt";

pub(crate) const TOKENFILEN_INNEHALLER_INGA_ANROPARE_INGA: &str = "tokenfilen innehåller inga anropare; inga anrop släpps in (alla får 401) förrän en rad läggs till";

pub(crate) const GRANSKNINGSLOGGEN_KUNDE_INTE_OPPNAS: &str =
    "granskningsloggen kunde inte öppnas på nytt; loggen skrivs till den tidigare filen";

pub(crate) const GRANSKNINGSLOGGEN_OPPNADES_PA_NYTT: &str = "granskningsloggen öppnades på nytt";

pub(crate) const EN_ANSLUTNING_KUNDE_INTE: &str = "en anslutning kunde inte tas emot";

pub(crate) const TJANSTEN_HAR_STANGTS: &str = "tjänsten har stängts";

pub(crate) const GRANSKNINGSLOGGEN_BLEV_INTE_SYNKAD: &str =
    "granskningsloggen blev inte synkad i tid när tjänsten stängdes";

pub(crate) const GRANSKNINGSLOGGEN_KUNDE_INTE_SYNKAS: &str =
    "granskningsloggen kunde inte synkas när tjänsten stängdes";

pub(crate) const GRANSKNINGSLOGGEN_AR_SYNKAD_OCH: &str = "granskningsloggen är synkad och stängd";

pub(crate) const PAGAENDE_ANROP_BLEV_INTE: &str =
    "pågående anrop blev inte klara i tid och avbryts utan svar";

pub(crate) const TJANSTEN_STANGS_TAR_INTE: &str =
    "tjänsten stängs: tar inte emot nya anslutningar och låter pågående anrop bli klara";

pub(crate) fn matvarden_pa_http_metrics(metrics_local: impl Display) -> String {
    format!("mätvärden på http://{metrics_local}/metrics")
}

pub(crate) const MATVARDENA_FINNS_UTAN_TOKEN: &str = "mätvärdena finns utan token på /metrics";

pub(crate) fn lyssnar_pa_http(local: impl Display) -> String {
    format!("lyssnar på http://{local}")
}

pub(crate) const TJANSTEN_LYSSNAR: &str = "tjänsten lyssnar";

pub(crate) const GRANSKNINGSLOGGEN_SKRIVER_ARENDE_ID: &str = "granskningsloggen skriver ärende-id i klartext; ange --audit-nyckel för pseudonyma ärendereferenser";

pub(crate) const TJANSTEN_KRAVER_INGET_TOKEN: &str =
    "tjänsten kräver inget token (--insecure-no-auth); den lyssnar bara på en loopback-adress";

pub(crate) const SIGNALEN_SIGHUP_KAN_INTE: &str = "signalen SIGHUP kan inte fångas";

pub(crate) const SIGNALEN_SIGINT_KAN_INTE: &str = "signalen SIGINT kan inte fångas";

pub(crate) const SIGNALEN_SIGTERM_KAN_INTE: &str = "signalen SIGTERM kan inte fångas";

pub(crate) const TOKIO_KUNDE_INTE_STARTAS: &str = "tokio kunde inte startas";

pub(crate) fn begaran_blev_inte_klar(seconds: impl Display) -> String {
    format!("begäran blev inte klar inom {seconds} s; skicka hela kroppen utan uppehåll")
}

pub(crate) const INTERNT_FEL_I_TJANSTEN_URN: &str =
    "Internt fel i tjänsten (`urn:riktlinjer:problem:internt-fel`); rapportera det";

pub(crate) fn kan_inte_lyssna_pa(io_text: impl Display, addr: impl Display) -> String {
    format!("kan inte lyssna på {addr}: {io_text}")
}

pub(crate) fn behorighet_saknas_for_att(addr: impl Display) -> String {
    format!(
        "behörighet saknas för att lyssna på {addr}; portar under 1024 kräver särskild behörighet, välj en högre port med --addr"
    )
}

pub(crate) fn adressen_hor_inte_till(addr: impl Display) -> String {
    format!(
        "adressen {addr} hör inte till den här datorn; ange en av datorns egna adresser med --addr (127.0.0.1 för bara den här datorn, 0.0.0.0 för alla)"
    )
}

pub(crate) fn adressen_anvands_redan_av(addr: impl Display) -> String {
    format!(
        "adressen {addr} används redan av ett annat program; stoppa det eller välj en annan port med --addr"
    )
}

pub(crate) fn insecure_no_auth_tillats(addr: impl Display) -> String {
    format!(
        "--insecure-no-auth tillåts bara på en loopback-adress (127.0.0.1 eller ::1), inte {addr}"
    )
}

pub(crate) const ANGE_TOKENS_FIL_SKAPA: &str = "ange --tokens <fil> (skapa rader med `riktlinjer token --namn <namn>`), eller --insecure-no-auth för en tjänst som bara lyssnar på 127.0.0.1";

// The texts of `loggkontroll.rs`.

pub(crate) const LOGGENS_SLUT: &str = "loggens slut";

pub(crate) const SKYDDADE_PERSONUPPGIFTER_MARKERING: &str = "  [skyddade personuppgifter]";

pub(crate) const SKYDDADE_PERSONUPPGIFTER: &str = "skyddade personuppgifter";

pub(crate) const SKYDDADE_PERSONUPPGIFTER_FLAGGA: &str =
    " <span class=\"flagga\">skyddade personuppgifter</span>";

pub(crate) fn utan_arende(utan_arende: impl Display) -> String {
    format!("  utan ärende: {utan_arende}")
}

pub(crate) fn via_provningar_av_arenden(
    handlaggare: impl Display,
    anropare: impl Display,
    period: impl Display,
    provningar: impl Display,
    n_arenden: impl Display,
) -> String {
    format!(
        "\n{handlaggare} (via {anropare}), {period}: {provningar} prövningar av {n_arenden} ärenden"
    )
}

pub(crate) const ARENDENA_ANGES_MED_LOGGENS: &str = "Ärendena anges med loggens ärendereferens; den som har kommunens nyckel räknar fram referensen för ett ärende.";

pub(crate) fn flaggas_arenden_med_skyddade(
    skyddade_per_period: impl Display,
    provningar_per_dag: impl Display,
) -> String {
    format!(
        "Flaggas: ärenden med skyddade personuppgifter, fler än {skyddade_per_period} sådana ärenden per period, och fler än {provningar_per_dag} prövningar på en dag."
    )
}

pub(crate) fn provningar_rader_kunde_inte(
    provningar: impl Display,
    olasta: impl Display,
    chain: impl Display,
) -> String {
    format!("{provningar} prövningar; {olasta} rader kunde inte läsas; {chain}.")
}

pub(crate) const LOGGENS_BORJAN: &str = "loggens början";

pub(crate) const UTAN_TOKEN: &str = "(utan token)";

pub(crate) const INGEN_HANDLAGGARE_ANGIVEN: &str = "(ingen handläggare angiven)";

pub(crate) fn ovanligt_manga_provningar_den(
    provningar_per_dag: impl Display,
    count: impl Display,
    day: impl Display,
) -> String {
    format!("ovanligt många prövningar: {count} den {day} (fler än {provningar_per_dag} på en dag)")
}

pub(crate) fn ovanligt_manga_arenden_med(skyddade_per_period: impl Display) -> String {
    format!("ovanligt många ärenden med skyddade personuppgifter (fler än {skyddade_per_period})")
}

pub(crate) fn arenden_med_skyddade_personuppgifter(n_skyddade: impl Display) -> String {
    format!("{n_skyddade} ärenden med skyddade personuppgifter")
}

pub(crate) const STANDARD_UT: &str = "standard ut";

pub(crate) fn hashkedjan_bryts_eller_en(file: impl Display, line: impl Display) -> String {
    format!(
        "hashkedjan bryts eller en rad är ändrad, första gången på rad {line}{file}; kontrollera med `riktlinjer verify-audit`"
    )
}

pub(crate) const HASHKEDJAN_KUNDE_INTE_KONTROLLERAS: &str = "hashkedjan kunde inte kontrolleras";

pub(crate) const HASHKEDJAN_AR_HEL: &str = "hashkedjan är hel";

// The texts of `metrics.rs`.

pub(crate) const SOKVAGEN_FINNS_INTE_MATVARDESADRESSEN: &str =
    "sökvägen finns inte; mätvärdesadressen har bara /metrics";

pub(crate) const TID_FOR_ATT_SKRIVA: &str =
    "Tid för att skriva och synka en grupp rader i granskningsloggen";

pub(crate) const RADER_SOM_SKRIVITS_OCH: &str =
    "Rader som skrivits och synkats till granskningsloggen";

pub(crate) const SKRIVNINGAR_ELLER_SYNKNINGAR_AV: &str =
    "Skrivningar eller synkningar av granskningsloggen som misslyckades (svaren blev 503)";

pub(crate) const SYNKNINGAR_AV_GRANSKNINGSLOGGEN_TILL: &str =
    "Synkningar av granskningsloggen till disk (en per grupp av rader)";

pub(crate) const INLASTA_RIKTLINJEVERSIONER: &str = "Inlästa riktlinjeversioner";

pub(crate) const NAR_DEN_SENASTE_OMLASNINGEN: &str = "1 när den senaste omläsningen misslyckades och det som lästes in tidigare fortfarande gäller, annars 0";

pub(crate) const OMLASNINGAR_AV_RIKTLINJERNA_KIND: &str = "Omläsningar av riktlinjerna (kind=riktlinjer) och tokenfilen (kind=tokens), lyckade (result=ok) och misslyckade (result=error)";

pub(crate) const ANROP_SOM_PAGAR_JUST: &str = "Anrop som pågår just nu";

pub(crate) const TID_FRAN_BEGARAN_TILL: &str = "Tid från begäran till svar per sökväg (mall)";

pub(crate) const BESVARADE_ANROP_PER_SOKVAG: &str = "Besvarade anrop per sökväg (mall) och status";

// The texts of `omprovning.rs`.

pub(crate) fn begaran_har_arenden_hogst(n_arenden: impl Display) -> String {
    format!(
        "begäran har {n_arenden} ärenden; högst {MAX_ARENDEN} prövas per begäran, dela upp dem eller använd `riktlinjer omprovning` på en fil"
    )
}

pub(crate) const PROVNINGSDAGEN_ANGES_I_KROPPENS: &str =
    "; prövningsdagen anges i kroppens fält `as_of`";

// The texts of `page.rs`.

pub(crate) const VERSIONEN_HAR_INGEN_TEXT: &str =
    "versionen har ingen text att visa (inläst som regeltabell, eller filen kan inte läsas)";

pub(crate) const VERSIONENS_ID_I_SOKVAGEN: &str =
    "versionens id i sökvägen kunde inte läsas (ogiltig procentkodning eller UTF-8)";

// The texts of `probe.rs`.

pub(crate) fn status_ar(status: impl Display) -> String {
    format!("status är `{status}`")
}

pub(crate) const KROPPEN_AR_INGET_HALSOSVAR: &str = "kroppen är inget hälsosvar";

pub(crate) fn statusraden_ar(status: impl Display) -> String {
    format!("statusraden är `{status}`")
}

pub(crate) const SVARET_AR_INGET_HTTP: &str = "svaret är inget HTTP-svar";

pub(crate) fn tjansten_pa_svarade_inte(addr: impl Display, message: impl Display) -> String {
    format!("tjänsten på {addr} svarade inte friskt: {message}")
}

pub(crate) fn tjansten_pa(io_text: impl Display, addr: impl Display) -> String {
    format!("tjänsten på {addr}: {io_text}")
}

pub(crate) fn tjansten_pa_svarade_inte_i(addr: impl Display) -> String {
    format!("tjänsten på {addr} svarade inte i tid")
}

pub(crate) fn ingen_tjanst_lyssnar_pa(addr: impl Display) -> String {
    format!("ingen tjänst lyssnar på {addr}")
}

// The texts of `pseudonym.rs`.

pub(crate) fn nyckel_for_granskningsloggens_arendereferenser(hex: impl Display) -> String {
    format!(
        "# Nyckel för granskningsloggens ärendereferenser (HMAC-SHA-256); håll den hemlig.\n{hex}\n"
    )
}

pub(crate) fn nyckelfilen_ska_innehalla_en(path: impl Display) -> String {
    format!(
        "nyckelfilen {path}: ska innehålla en rad med 64 hexadecimala tecken (32 slumpbyte); skapa den med `riktlinjer nyckel`"
    )
}

// The texts of `routes.rs`.

pub(crate) fn internt_fel(error: impl Display) -> String {
    format!("internt fel: {error}")
}

pub(crate) fn provningen_lamnas_inte_ut(error: impl Display) -> String {
    format!("prövningen lämnas inte ut eftersom {error}; försök igen")
}

pub(crate) const VERSIONENS_REGELTABELL_SAKNAS: &str = "versionens regeltabell saknas";

pub(crate) fn ingen_version_har_det(known: impl Display) -> String {
    format!("ingen version har det id som angavs; de som finns är {known}")
}

pub(crate) fn ingen_lagversion_har_det(known: impl Display) -> String {
    if known.to_string().is_empty() {
        return "riktlinjen bygger inte på någon nationell grund, så den kan inte prövas mot en version av lagen".to_owned();
    }
    format!(
        "den nationella grunden har ingen version av lagen med det id som angavs efter @; de som finns är {known}"
    )
}

pub(crate) fn ingen_antagen_version_av(as_of: impl Display) -> String {
    format!("ingen antagen version av riktlinjen gäller {as_of}")
}

pub(crate) fn kroppen_ar_inte_giltig(byte: impl Display) -> String {
    format!("kroppen är inte giltig UTF-8 (fel vid byte {byte})")
}

pub(crate) fn kroppen_ar_storre_an(kib: impl Display) -> String {
    format!("kroppen är större än {kib} KiB; ett ärende ryms med god marginal")
}

pub(crate) const KROPPEN_AR_TOM_SKICKA: &str = "kroppen är tom; skicka ett JSON-objekt";

pub(crate) const KROPPEN_KUNDE_INTE_LASAS_DETALJ: &str = "kroppen kunde inte läsas";

pub(crate) fn parametern_anges_mer_an(key: impl Display) -> String {
    format!("parametern `{key}` anges mer än en gång")
}

pub(crate) fn menade_du(suggestion: impl Display) -> String {
    format!("; menade du `{suggestion}`?")
}

pub(crate) fn tillatna_ar(one_of: impl Display, named: impl Display) -> String {
    format!("{named}; tillåtna är {one_of}")
}

pub(crate) fn anropet_tar_inga_parametrar(named: impl Display) -> String {
    format!("{named}; anropet tar inga parametrar i frågesträngen")
}

pub(crate) fn okand_parameter(key: impl Display) -> String {
    format!("okänd parameter `{key}`")
}

pub(crate) const OKAND_PARAMETER: &str = "okänd parameter";

pub(crate) const FRAGESTRANGEN_KUNDE_INTE_LASAS: &str =
    "frågesträngen kunde inte läsas (ogiltig procentkodning eller UTF-8)";

pub(crate) const SKA_VARA_JA_ELLER: &str = "ska vara `ja` eller `nej`";

pub(crate) const METODEN_STODS_INTE_FOR: &str =
    "metoden stöds inte för sökvägen; se /v1/openapi.json";

pub(crate) const SOKVAGEN_FINNS_INTE_SE: &str = "sökvägen finns inte; se /v1/openapi.json";

pub(crate) const VERSIONENS_FAKTAKATALOG_SAKNAS: &str = "versionens faktakatalog saknas";

pub(crate) const FALTET_AR_NULL_ANGE: &str = "fältet är null; ange ett datum (ÅÅÅÅ-MM-DD)";
