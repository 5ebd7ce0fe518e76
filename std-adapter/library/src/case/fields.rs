//! The case contract, declared once: every field of a case with its key, type, Swedish
//! description and where its value goes in a [`CaseInput`].
//!
//! The JSON reader, the CSV columns and the schema are made from these declarations; a field
//! added here is read from JSON and CSV and published in the schema at once.
//! Values land in the core's `Case`, in the identity fields kept apart from it, or in the IVO
//! report's fields of each beslut. Nothing here reads or checks by itself beyond one field: the
//! few checks between fields are the objects' `finish` functions at the end.

use riktlinjer_core::limits::{MAX_ANSOKNINGAR, MAX_BESLUT, MAX_INSATS_ID_LEN, MAX_SKYDDSATGARDER};
use riktlinjer_core::{
    Ansokan, Barnarende, Beslut, Boendeform, Date, EnumKind, Giltighet, Kon, Roll, SamtyckeAv,
    Samtyckesform, SkyddadePersonuppgifter, SkyddatBoende, Skyddsatgard, Syfte,
};

use super::{
    AnledningKod, BeslutRapport, CaseInput, Erbjudande, SCHEMA_VERSION, Verksamhetsomrade,
};
use crate::contract::{Fault, Field, Object, Ty, Value, Words, no_finish, no_open};

/// The bounds of the core's number types, as the contract's `Int` takes them.
const U16_MAX: i64 = u16::MAX as i64;

/// The core's values of each enumeration, in the order of the rule language's words.
const SYFTEN: [Syfte; 6] = [
    Syfte::Fallprevention,
    Syfte::Trygghet,
    Syfte::Stod,
    Syfte::Aktivering,
    Syfte::BegransaRorelse,
    Syfte::Annat,
];
const ROLLER: [Roll; 7] = [
    Roll::Enhetschef,
    Roll::Arbetsterapeut,
    Roll::Fysioterapeut,
    Roll::Sjukskoterska,
    Roll::Lakare,
    Roll::Bistandshandlaggare,
    Roll::Annan,
];
const BOENDEFORMER: [Boendeform; 4] = [
    Boendeform::Hemtjanst,
    Boendeform::SarskildBoendeform,
    Boendeform::LssBostad,
    Boendeform::Annan,
];
const SAMTYCKE_AV: [SamtyckeAv; 5] = [
    SamtyckeAv::DenEnskilde,
    SamtyckeAv::GodMan,
    SamtyckeAv::Forvaltare,
    SamtyckeAv::Anhorig,
    SamtyckeAv::Ingen,
];
const SAMTYCKESFORMER: [Samtyckesform; 3] = [
    Samtyckesform::Skriftligt,
    Samtyckesform::Muntligt,
    Samtyckesform::Tolkat,
];

pub(super) static CASE: Object<CaseInput> = Object {
    description: "Ett ärende som ett verksamhetssystem skickar till riktlinjer. Alla uppgifter utom schema_version och insats är valfria: en uppgift som saknas (eller är null) är okänd, och en regel som behöver den kan då inte avgöra ansökan (utfallet blir kräver individuell bedömning). Okända fält avvisas, så att ett felstavat fält inte tyst blir en okänd uppgift.",
    fields: &[
        Field {
            key: "schema_version",
            ty: Ty::Const(SCHEMA_VERSION),
            description: "Schemats version. Denna version är 1.",
            required: Some("saknas; ange 1"),
            set: |_, _| Ok(()),
        },
        Field {
            key: "arende_id",
            ty: Ty::Text,
            description: "Verksamhetssystemets id för ärendet. Följer med i svaret.",
            required: None,
            set: |c, v| {
                let id = match &v {
                    Value::Short(id) => Some(c.spare.text(id)),
                    _ => text(v),
                };
                set(&mut c.arende_id, id)
            },
        },
        Field {
            key: "person",
            ty: Ty::Object(&PERSON),
            description: "Uppgifter om den enskilde.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "ansokningar",
            ty: Ty::List(&ANSOKAN, Some(MAX_ANSOKNINGAR)),
            description: "Ansökningar att pröva, var och en om en insats.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "beslut",
            ty: Ty::List(&BESLUT, Some(MAX_BESLUT)),
            description: "Befintliga beslut: ger frister och uppgifter som har_gällande_beslut.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "barnarende",
            ty: Ty::Object(&BARNARENDE),
            description: "Ett ärende om ett barn efter en anmälan (20 kap. SoL): ger fristerna för skyddsbedömning, förhandsbedömning och utredning.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "skyddsatgarder",
            ty: Ty::List(&SKYDDSATGARD, Some(MAX_SKYDDSATGARDER)),
            description: "Skyddsåtgärder som används kring den enskilde; var och en prövas för sig och får sina uppföljningsfrister.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "skyddat_boende",
            ty: Ty::Object(&SKYDDAT_BOENDE),
            description: "Ett barns placering i skyddat boende (9 kap. 5–6 §§ SoL; lagen (2024:79)): ger fristerna för övervägande, underställning, placering inom fyra veckor och ansökan inom sex veckor.",
            required: None,
            set: |_, _| Ok(()),
        },
    ],
    open: no_open,
    finish: finish_case,
    extra: None,
};

pub(super) static PERSON: Object<CaseInput> = Object {
    description: "Uppgifter om den enskilde.",
    fields: &[
        Field {
            key: "fodelsedatum",
            ty: Ty::Date,
            description: "Födelsedatum. Ålder räknas fram på prövningsdagen och på ansökningsdagen; den som är född 29 februari fyller år 1 mars ett vanligt år.",
            required: None,
            set: |c, v| set(&mut c.case.person.fodelsedatum, date(v)),
        },
        Field {
            key: "kon",
            ty: Ty::Choice(Words::Core(EnumKind::Kon)),
            description: "Kön.",
            required: None,
            set: |c, v| set(&mut c.case.person.kon, pick(v, &[Kon::Kvinna, Kon::Man])),
        },
        Field {
            key: "skyddade_personuppgifter",
            ty: Ty::Choice(Words::Core(EnumKind::SkyddadePersonuppgifter)),
            description: "Skydd av personuppgifter (Skatteverket).",
            required: None,
            set: |c, v| {
                let levels = [
                    SkyddadePersonuppgifter::Ingen,
                    SkyddadePersonuppgifter::Sekretessmarkering,
                    SkyddadePersonuppgifter::SkyddadFolkbokforing,
                    SkyddadePersonuppgifter::FingeradePersonuppgifter,
                ];
                set(
                    &mut c.case.person.skyddade_personuppgifter,
                    pick(v, &levels),
                )
            },
        },
        Field {
            key: "namn",
            ty: Ty::Text,
            description: "Namn. Används aldrig i prövningen och visas aldrig i svaret.",
            required: None,
            set: |c, v| set(&mut c.identitet.namn, text(v)),
        },
        Field {
            key: "personnummer",
            ty: Ty::Text,
            description: "Personnummer. Används aldrig i prövningen och visas aldrig i svaret.",
            required: None,
            set: |c, v| set(&mut c.identitet.personnummer, text(v)),
        },
        Field {
            key: "adress",
            ty: Ty::Text,
            description: "Adress. Används aldrig i prövningen och visas aldrig i svaret.",
            required: None,
            set: |c, v| set(&mut c.identitet.adress, text(v)),
        },
    ],
    open: no_open,
    finish: no_finish,
    extra: Some(|c, key, value| super::loose::keep(c, super::loose::Place::Person, key, value)),
};

pub(super) static ANSOKAN: Object<CaseInput> = Object {
    description: "",
    fields: &[
        Field {
            key: "insats",
            ty: Ty::Id {
                max_len: MAX_INSATS_ID_LEN,
            },
            description: "Insatsens id som riktlinjen namnger den, till exempel `trygghetslarm` eller `personlig_assistans`.",
            required: Some("saknas; ange insatsens id, till exempel `hemtjanst_service`"),
            set: |c, v| {
                set_id(
                    c.case.ansokningar.last_mut().map(|a| &mut a.insats),
                    v,
                    "insats-id",
                )
            },
        },
        Field {
            key: "ansokningsdatum",
            ty: Ty::Date,
            description: "Dagen ansökan kom in.",
            required: None,
            set: |c, v| on_ansokan(c, |a| a.ansokningsdatum = date(v)),
        },
        Field {
            key: "sokt_omfattning",
            ty: Ty::Decimal,
            description: "Sökt omfattning i insatsens enhet (riktlinjen anger enheten), med högst tre decimaler: ett tal (7.5) eller en text med decimalkomma (\"7,5\").",
            required: None,
            set: |c, v| on_ansokan(c, |a| a.sokt_omfattning = decimal(v)),
        },
    ],
    open: open_ansokan,
    finish: no_finish,
    extra: Some(|c, key, value| {
        let index = c.case.ansokningar.len().saturating_sub(1);
        super::loose::keep(c, super::loose::Place::Ansokan(index), key, value)
    }),
};

pub(super) static BESLUT: Object<CaseInput> = Object {
    description: "",
    fields: &[
        Field {
            key: "insats",
            ty: Ty::Id {
                max_len: MAX_INSATS_ID_LEN,
            },
            description: "Insatsens id som riktlinjen namnger den, till exempel `trygghetslarm` eller `personlig_assistans`.",
            required: Some("saknas; ange insatsens id, till exempel `hemtjanst_service`"),
            set: |c, v| {
                set_id(
                    c.case.beslut.last_mut().map(|b| &mut b.insats),
                    v,
                    "insats-id",
                )
            },
        },
        Field {
            key: "beslutsdatum",
            ty: Ty::Date,
            description: "Beslutsdatum.",
            required: None,
            set: |c, v| on_beslut(c, |b| b.beslutsdatum = date(v)),
        },
        Field {
            key: "delgiven",
            ty: Ty::Date,
            description: "Dagen den enskilde fick del av beslutet.",
            required: None,
            set: |c, v| on_beslut(c, |b| b.delgiven = date(v)),
        },
        Field {
            key: "gynnande",
            ty: Ty::Bool,
            description: "Beslutet är gynnande (helt eller delvis bifall).",
            required: None,
            set: |c, v| on_beslut(c, |b| b.gynnande = boolean(v)),
        },
        Field {
            key: "tills_vidare",
            ty: Ty::Bool,
            description: "Beslutet gäller tills vidare.",
            required: None,
            set: |c, v| on_rapport(c, |r| r.tills_vidare = boolean(v)),
        },
        Field {
            key: "giltig_till",
            ty: Ty::Date,
            description: "Sista dagen ett tidsbegränsat beslut gäller.",
            required: None,
            set: |c, v| on_beslut(c, |b| b.giltighet = date(v).map(Giltighet::Till)),
        },
        Field {
            key: "omfattning",
            ty: Ty::Decimal,
            description: "Beviljad omfattning i insatsens enhet, med högst tre decimaler.",
            required: None,
            set: |c, v| on_beslut(c, |b| b.omfattning = decimal(v)),
        },
        Field {
            key: "verkstalld",
            ty: Ty::Date,
            description: "Dagen beslutet verkställdes.",
            required: None,
            set: |c, v| on_beslut(c, |b| b.verkstalld = date(v)),
        },
        Field {
            key: "avbrott",
            ty: Ty::Date,
            description: "Dagen verkställigheten avbröts, om den inte har återupptagits.",
            required: None,
            set: |c, v| on_beslut(c, |b| b.avbrott = date(v)),
        },
        Field {
            key: "anledning_kod",
            ty: Ty::Choice(Words::Fixed(&AnledningKod::WORDS)),
            description: "Rapport om ej verkställt beslut: anledningen som kod. brist_pa_plats = ingen lämplig plats eller bostad; brist_pa_personal = ingen personal, utförare, kontaktperson eller ledsagare; den_enskilde_tackat_nej = den enskilde har tackat nej till erbjudande; den_enskilde_vill_vanta = den enskilde vill vänta eller skjuta upp verkställigheten; ovrigt = annan anledning, beskriven i anledning_text. Listan kan utökas.",
            required: None,
            set: |c, v| on_rapport(c, |r| r.anledning_kod = pick(v, &AnledningKod::ALL)),
        },
        Field {
            key: "anledning_text",
            ty: Ty::Text,
            description: "Rapport om ej verkställt beslut: anledningen med handläggarens ord. Visas inte i rapporten för en person med skyddade personuppgifter.",
            required: None,
            set: |c, v| on_rapport(c, |r| r.anledning_text = text(v)),
        },
        Field {
            key: "erbjudanden",
            ty: Ty::List(&ERBJUDANDE, None),
            description: "Rapport om ej verkställt beslut: erbjudanden om verkställighet som lämnats, med datum.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "rapporterad_tidigare",
            ty: Ty::Bool,
            description: "Beslutet fanns med i ett tidigare kvartals rapport till IVO.",
            required: None,
            set: |c, v| on_rapport(c, |r| r.rapporterad_tidigare = boolean(v)),
        },
        Field {
            key: "verksamhetsomrade",
            ty: Ty::Choice(Words::Fixed(&Verksamhetsomrade::WORDS)),
            description: "Rapportens verksamhetsområde, när verksamhetssystemet anger det. Utan det härleds området ur insatsens lag i riktlinjen och den enskildes ålder på beslutsdagen: LSS ger lss, SoL och 65 år eller äldre ger aldreomsorg, SoL och yngre ger funktionsnedsattning_sol.",
            required: None,
            set: |c, v| {
                on_rapport(c, |r| {
                    r.verksamhetsomrade = pick(v, &Verksamhetsomrade::ALL)
                })
            },
        },
    ],
    open: open_beslut,
    finish: finish_beslut,
    extra: None,
};

pub(super) static ERBJUDANDE: Object<CaseInput> = Object {
    description: "",
    fields: &[
        Field {
            key: "datum",
            ty: Ty::Date,
            description: "Dagen erbjudandet lämnades.",
            required: None,
            set: |c, v| on_erbjudande(c, |e| e.datum = date(v)),
        },
        Field {
            key: "text",
            ty: Ty::Text,
            description: "Vad som erbjöds och svaret. Visas inte i rapporten för en person med skyddade personuppgifter.",
            required: None,
            set: |c, v| on_erbjudande(c, |e| e.text = text(v)),
        },
    ],
    open: open_erbjudande,
    finish: no_finish,
    extra: None,
};

pub(super) static BARNARENDE: Object<CaseInput> = Object {
    description: "Ett ärende om ett barn efter en anmälan (20 kap. SoL): ger fristerna för skyddsbedömning, förhandsbedömning och utredning.",
    fields: &[
        Field {
            key: "anmalan_inkom",
            ty: Ty::Date,
            description: "Dagen anmälan kom in.",
            required: None,
            set: |c, v| on_barnarende(c, |b| b.anmalan_inkom = date(v)),
        },
        Field {
            key: "skyddsbedomning_gjord",
            ty: Ty::Date,
            description: "Dagen den omedelbara skyddsbedömningen gjordes och dokumenterades.",
            required: None,
            set: |c, v| on_barnarende(c, |b| b.skyddsbedomning_gjord = date(v)),
        },
        Field {
            key: "forhandsbedomning_klar",
            ty: Ty::Date,
            description: "Dagen förhandsbedömningen avslutades med beslut om att inleda eller inte inleda utredning.",
            required: None,
            set: |c, v| on_barnarende(c, |b| b.forhandsbedomning_klar = date(v)),
        },
        Field {
            key: "utredning_inledd",
            ty: Ty::Date,
            description: "Dagen utredningen inleddes.",
            required: None,
            set: |c, v| on_barnarende(c, |b| b.utredning_inledd = date(v)),
        },
        Field {
            key: "utredning_avslutad",
            ty: Ty::Date,
            description: "Dagen utredningen avslutades.",
            required: None,
            set: |c, v| on_barnarende(c, |b| b.utredning_avslutad = date(v)),
        },
    ],
    open: open_barnarende,
    finish: no_finish,
    extra: None,
};

pub(super) static SKYDDSATGARD: Object<CaseInput> = Object {
    description: "En skyddsåtgärd (till exempel sänggrind, bälte, larmmatta, GPS-larm eller digital tillsyn) som prövas mot riktlinjens regler för sin typ. Varken SoL eller LSS ger stöd för tvång, så åtgärden bedöms aldrig som tillåten utan den enskildes eget samtycke. En uppgift som saknas är okänd; ett datum som saknas betyder att steget inte är taget.",
    fields: &[
        Field {
            key: "typ",
            ty: Ty::Id {
                max_len: MAX_INSATS_ID_LEN,
            },
            description: "Åtgärdens typ, som riktlinjens block `åtgärd` skriver den (till exempel `sanggrind`, `balte`, `larmmatta`, `gps_larm`, `digital_tillsyn`). En typ som riktlinjen inte känner till kräver en juridisk bedömning.",
            required: Some(
                "saknas; ange åtgärdens typ som riktlinjen skriver den, till exempel `sanggrind`",
            ),
            set: |c, v| {
                set_id(
                    c.case.skyddsatgarder.last_mut().map(|s| &mut s.typ),
                    v,
                    "åtgärdens typ",
                )
            },
        },
        Field {
            key: "syfte",
            ty: Ty::Choice(Words::Core(EnumKind::Syfte)),
            description: "Vad åtgärden ska uppnå. En åtgärd får aldrig syfta till att begränsa rörelsefriheten (`begransa_rorelse`).",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.syfte = pick(v, &SYFTEN)),
        },
        Field {
            key: "samtycke",
            ty: Ty::Object(&SAMTYCKE),
            description: "Samtycket till åtgärden.",
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "beslutad_av",
            ty: Ty::Choice(Words::Core(EnumKind::Roll)),
            description: "Vem som beslutade åtgärden.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.beslutad_av = pick(v, &ROLLER)),
        },
        Field {
            key: "beslutsdatum",
            ty: Ty::Date,
            description: "Dagen åtgärden beslutades; uppföljningen räknas från den tills åtgärden har följts upp.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.beslutsdatum = date(v)),
        },
        Field {
            key: "riskbedomning",
            ty: Ty::Date,
            description: "Dagen den individuella riskbedömningen gjordes.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.riskbedomning = date(v)),
        },
        Field {
            key: "alternativ_provade",
            ty: Ty::Bool,
            description: "Mindre ingripande alternativ har prövats först.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.alternativ_provade = boolean(v)),
        },
        Field {
            key: "dokumenterad_i_journal",
            ty: Ty::Bool,
            description: "Åtgärden, samtycket och bedömningen är dokumenterade i journalen.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.dokumenterad_i_journal = boolean(v)),
        },
        Field {
            key: "senast_uppfoljd",
            ty: Ty::Date,
            description: "Dagen åtgärden senast följdes upp.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.senast_uppfoljd = date(v)),
        },
        Field {
            key: "mas_informerad",
            ty: Ty::Bool,
            description: "Medicinskt ansvarig sjuksköterska (MAS) är informerad.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.mas_informerad = boolean(v)),
        },
        Field {
            key: "generell",
            ty: Ty::Bool,
            description: "Åtgärden gäller alla som bor i boendet. En generell begränsning är aldrig tillåten.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.generell = boolean(v)),
        },
        Field {
            key: "nodsituation",
            ty: Ty::Bool,
            description: "Åtgärden vidtogs i en akut nödsituation (24 kap. 4 § brottsbalken). Sätt false för en stående åtgärd: saknas uppgiften kan riktlinjen inte utesluta nödrätt när samtycke saknas.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.nodsituation = boolean(v)),
        },
        Field {
            key: "antal_tillfallen",
            ty: Ty::Int {
                min: 0,
                max: U16_MAX,
            },
            description: "Hur många gånger åtgärden har använts.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.antal_tillfallen = int(v)),
        },
        Field {
            key: "inuti_kroppen",
            ty: Ty::Bool,
            description: "För digital teknik: tekniken placeras inuti kroppen (10 kap. 6 § SoL tillåter den bara utanför).",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.inuti_kroppen = boolean(v)),
        },
        Field {
            key: "boendeform",
            ty: Ty::Choice(Words::Core(EnumKind::Boendeform)),
            description: "Var den enskilde bor och får hjälp: hemtjänst i eget boende, särskild boendeform för äldre, bostad med särskild service enligt LSS eller annat.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.boendeform = pick(v, &BOENDEFORMER)),
        },
    ],
    open: open_skyddsatgard,
    finish: no_finish,
    extra: None,
};

pub(super) static SAMTYCKE: Object<CaseInput> = Object {
    description: "Samtycket till åtgärden.",
    fields: &[
        Field {
            key: "av",
            ty: Ty::Choice(Words::Core(EnumKind::SamtyckeAv)),
            description: "Vem som har samtyckt. Bara den enskildes eget samtycke kan bära en skyddsåtgärd; en god man, förvaltare eller anhörig kan inte samtycka i den enskildes ställe.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.av = pick(v, &SAMTYCKE_AV)),
        },
        Field {
            key: "form",
            ty: Ty::Choice(Words::Core(EnumKind::Samtyckesform)),
            description: "Hur samtycket lämnades; `tolkat` när det utläses av den enskildes reaktioner.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.form = pick(v, &SAMTYCKESFORMER)),
        },
        Field {
            key: "datum",
            ty: Ty::Date,
            description: "Dagen samtycket lämnades.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.datum = date(v)),
        },
        Field {
            key: "accepterar_fortfarande",
            ty: Ty::Bool,
            description: "Den enskilde accepterar fortfarande åtgärden. false när den enskilde gör motstånd, visar obehag eller försöker ta sig förbi den.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.accepterar_fortfarande = boolean(v)),
        },
        Field {
            key: "aterkallat",
            ty: Ty::Date,
            description: "Dagen den enskilde återkallade samtycket; åtgärden ska då upphöra och följas upp genast.",
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.aterkallat = date(v)),
        },
    ],
    open: no_open,
    finish: no_finish,
    extra: None,
};

pub(super) static SKYDDAT_BOENDE: Object<CaseInput> = Object {
    description: "Ett barns placering i skyddat boende (9 kap. 5–6 §§ SoL; lagen (2024:79)): ger fristerna för övervägande, underställning, placering inom fyra veckor och ansökan inom sex veckor.",
    fields: &[
        Field {
            key: "utan_vardnadshavares_samtycke",
            ty: Ty::Bool,
            description: "Placeringen sker enligt lagen (2024:79) om placering av barn i skyddat boende, utan den andra vårdnadshavarens samtycke.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.utan_vardnadshavares_samtycke = boolean(v)),
        },
        Field {
            key: "placering_paborjad",
            ty: Ty::Date,
            description: "Dagen placeringen påbörjades.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.placering_paborjad = date(v)),
        },
        Field {
            key: "senaste_overvagande",
            ty: Ty::Date,
            description: "Dagen för det senaste övervägandet.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.senaste_overvagande = date(v)),
        },
        Field {
            key: "placering_avslutad",
            ty: Ty::Date,
            description: "Dagen placeringen avslutades.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.placering_avslutad = date(v)),
        },
        Field {
            key: "omedelbart_beslut",
            ty: Ty::Date,
            description: "Dagen för nämndens omedelbara beslut (4 kap. 1 § lagen (2024:79)).",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.omedelbart_beslut = date(v)),
        },
        Field {
            key: "understallt",
            ty: Ty::Date,
            description: "Dagen det omedelbara beslutet underställdes förvaltningsrätten.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.understallt = date(v)),
        },
        Field {
            key: "laga_kraft",
            ty: Ty::Date,
            description: "Dagen förvaltningsrättens beslut om placering fick laga kraft.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.laga_kraft = date(v)),
        },
        Field {
            key: "faststallt",
            ty: Ty::Date,
            description: "Dagen förvaltningsrätten fastställde det omedelbara beslutet.",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.faststallt = date(v)),
        },
        Field {
            key: "ansokan_forvaltningsratten",
            ty: Ty::Date,
            description: "Dagen nämnden ansökte hos förvaltningsrätten om placering (4 kap. 6 § lagen (2024:79)).",
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.ansokan_forvaltningsratten = date(v)),
        },
    ],
    open: open_skyddat_boende,
    finish: no_finish,
    extra: None,
};

fn set<V>(slot: &mut Option<V>, value: Option<V>) -> Result<(), String> {
    *slot = value;
    Ok(())
}

fn date(value: Value) -> Option<Date> {
    match value {
        Value::Date(date) => Some(date),
        _ => None,
    }
}

fn boolean(value: Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(flag),
        _ => None,
    }
}

/// A whole number in the core's type; the contract's bounds make it fit.
fn int<N: TryFrom<i64>>(value: Value) -> Option<N> {
    match value {
        Value::Int(number) => N::try_from(number).ok(),
        _ => None,
    }
}

/// A decimal in thousandths.
fn decimal(value: Value) -> Option<i64> {
    match value {
        Value::Decimal(thousandths) => Some(thousandths),
        _ => None,
    }
}

fn text(value: Value) -> Option<String> {
    match value {
        Value::Text(text) => Some(text),
        other => other.as_text().map(str::to_owned),
    }
}

/// The value of the word chosen, in the order of the words.
fn pick<T: Copy>(value: Value, values: &[T]) -> Option<T> {
    match value {
        Value::Word(index) => values.get(index).copied(),
        _ => None,
    }
}

/// An id of 1 to `N` bytes, for `what` (`insats-id`).
fn set_id<const N: usize>(
    slot: Option<&mut heapless::String<N>>,
    value: Value,
    what: &str,
) -> Result<(), String> {
    let Some(slot) = slot else {
        return Ok(());
    };
    let Some(text) = value.as_text() else {
        return Ok(());
    };
    slot.clear();
    if text.is_empty() || slot.push_str(text).is_err() {
        return Err(format!("{what} ska ha 1–{N} tecken"));
    }
    Ok(())
}

fn on_ansokan(input: &mut CaseInput, set: impl FnOnce(&mut Ansokan)) -> Result<(), String> {
    if let Some(ansokan) = input.case.ansokningar.last_mut() {
        set(ansokan);
    }
    Ok(())
}

fn on_beslut(input: &mut CaseInput, set: impl FnOnce(&mut Beslut)) -> Result<(), String> {
    if let Some(beslut) = input.case.beslut.last_mut() {
        set(beslut);
    }
    Ok(())
}

fn on_rapport(input: &mut CaseInput, set: impl FnOnce(&mut BeslutRapport)) -> Result<(), String> {
    if let Some(rapport) = input.rapportuppgifter.last_mut() {
        set(rapport);
    }
    Ok(())
}

fn on_erbjudande(input: &mut CaseInput, set: impl FnOnce(&mut Erbjudande)) -> Result<(), String> {
    if let Some(erbjudande) = input
        .rapportuppgifter
        .last_mut()
        .and_then(|rapport| rapport.erbjudanden.last_mut())
    {
        set(erbjudande);
    }
    Ok(())
}

fn on_barnarende(input: &mut CaseInput, set: impl FnOnce(&mut Barnarende)) -> Result<(), String> {
    set(input.case.barnarende.get_or_insert_default());
    Ok(())
}

fn on_skyddsatgard(
    input: &mut CaseInput,
    set: impl FnOnce(&mut Skyddsatgard),
) -> Result<(), String> {
    if let Some(skyddsatgard) = input.case.skyddsatgarder.last_mut() {
        set(skyddsatgard);
    }
    Ok(())
}

fn on_skyddat_boende(
    input: &mut CaseInput,
    set: impl FnOnce(&mut SkyddatBoende),
) -> Result<(), String> {
    set(input.case.skyddat_boende.get_or_insert_default());
    Ok(())
}

/// `tills_vidare` and `giltig_till` together: a beslut is tills vidare or ends on a day, not
/// both.
fn finish_beslut(input: &mut CaseInput) -> Result<(), Fault> {
    let (Some(beslut), Some(rapport)) =
        (input.case.beslut.last_mut(), input.rapportuppgifter.last())
    else {
        return Ok(());
    };
    match (rapport.tills_vidare, beslut.giltighet) {
        (Some(true), Some(Giltighet::Till(_))) => Err(Fault {
            pointer: "/giltig_till".to_owned(),
            message: "ett beslut kan inte både gälla tills vidare och ha ett slutdatum".to_owned(),
        }),
        (Some(true), None) => {
            beslut.giltighet = Some(Giltighet::TillsVidare);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn open_ansokan(input: &mut CaseInput) -> Result<(), String> {
    input
        .case
        .ansokningar
        .push(Ansokan::default())
        .map_err(|_| format!("ett ärende kan ha högst {MAX_ANSOKNINGAR} ansökningar"))
}

fn open_beslut(input: &mut CaseInput) -> Result<(), String> {
    input
        .case
        .beslut
        .push(Beslut::default())
        .map_err(|_| format!("ett ärende kan ha högst {MAX_BESLUT} beslut"))?;
    input.rapportuppgifter.push(BeslutRapport::default());
    Ok(())
}

fn open_erbjudande(input: &mut CaseInput) -> Result<(), String> {
    if let Some(rapport) = input.rapportuppgifter.last_mut() {
        rapport.erbjudanden.push(Erbjudande::default());
    }
    Ok(())
}

fn open_barnarende(input: &mut CaseInput) -> Result<(), String> {
    input.case.barnarende.get_or_insert_default();
    Ok(())
}

fn open_skyddsatgard(input: &mut CaseInput) -> Result<(), String> {
    input
        .case
        .skyddsatgarder
        .push(Skyddsatgard::default())
        .map_err(|_| format!("ett ärende kan ha högst {MAX_SKYDDSATGARDER} skyddsåtgärder"))
}

fn open_skyddat_boende(input: &mut CaseInput) -> Result<(), String> {
    input.case.skyddat_boende.get_or_insert_default();
    Ok(())
}

fn finish_case(input: &mut CaseInput) -> Result<(), Fault> {
    super::dates::check_dates(&input.case)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(object: &Object<CaseInput>, seen: &mut Vec<String>) {
        assert!(object.fields.len() <= 64, "{object:?}");
        for field in object.fields {
            seen.push(field.key.to_owned());
            match &field.ty {
                Ty::Object(inner) | Ty::List(inner, _) => walk(inner, seen),
                _ => {}
            }
        }
    }

    #[test]
    fn every_object_fits_the_readers_bitmask_and_has_unique_keys() {
        let mut keys = Vec::new();
        walk(&CASE, &mut keys);
        assert!(keys.len() > 60, "{keys:?}");
        for object in [
            &CASE,
            &PERSON,
            &ANSOKAN,
            &BESLUT,
            &SKYDDSATGARD,
            &SKYDDAT_BOENDE,
        ] {
            let mut own: Vec<&str> = object.fields.iter().map(|field| field.key).collect();
            own.sort_unstable();
            let n = own.len();
            own.dedup();
            assert_eq!(own.len(), n, "{object:?}");
        }
    }
}
