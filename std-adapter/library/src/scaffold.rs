//! A new riktlinje to start from: what `riktlinjer ny <kommun>` writes.
//!
//! The text builds on the national baseline (`bygger_på: sverige`), so the law's own rules and
//! the fact catalogue come with it; it has the sections a riktlinje has and one example of each
//! kind of block (fakta, parameter, insats, regel, schablon, egenskap, regeltest), and `check`
//! passes it as it stands. Its status is `förslag`: nothing in it is a norm until the authors
//! have written their own and the nämnd has adopted them. The figures in it are placeholders,
//! each marked so.
//! This module does not know the CLI or the file system: it gives the text and the path it
//! belongs at.

use std::fmt::Write as _;
use std::path::PathBuf;

use riktlinjer_core::Date;

/// What a new riktlinje is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ny {
    /// The kommun's name as people write it (`Ödeshögs kommun`).
    pub kommun: String,
    /// The nämnd that adopts it.
    pub namnd: String,
    /// The first day it is meant to apply.
    pub giltig_fran: Date,
}

/// A fault in what the new riktlinje is to be made from, naming the flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NyError {
    /// The input at fault (`kommun`, `--namnd`).
    pub field: &'static str,
    /// What is wrong, in Swedish.
    pub message: String,
}

impl std::fmt::Display for NyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for NyError {}

impl Ny {
    /// Checks the names: a name is written by a person and shown in every evaluation, so it
    /// must be a plain line of text.
    ///
    /// # Errors
    /// A [`NyError`] naming the input when a name is empty, too long, or has a character that
    /// is no letter, digit, space, hyphen or period.
    pub fn new(kommun: &str, namnd: &str, giltig_fran: Date) -> Result<Ny, NyError> {
        let kommun = checked_name("kommun", kommun)?;
        let namnd = checked_name("--namnd", namnd)?;
        if id_of(&kommun).is_empty() {
            return Err(NyError {
                field: "kommun",
                message: "namnet har inga bokstäver att göra ett id av".to_owned(),
            });
        }
        Ok(Ny {
            kommun,
            namnd,
            giltig_fran,
        })
    }

    /// The riktlinje's id: the kommun's folded name and the first day (`odeshogs-kommun-2026-01-01`).
    pub fn riktlinje_id(&self) -> String {
        format!("{}-{}", id_of(&self.kommun), self.giltig_fran)
    }

    /// Where the file belongs under a rules folder: `<kommun>/<giltig från>.md`.
    pub fn path_under(&self, rules: &std::path::Path) -> PathBuf {
        rules
            .join(id_of(&self.kommun))
            .join(format!("{}.md", self.giltig_fran))
    }

    /// The riktlinje's text.
    pub fn text(&self) -> String {
        let mut text = String::new();
        let id = self.riktlinje_id();
        let Ny {
            kommun,
            namnd,
            giltig_fran,
        } = self;
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "---\nid: {id}\nkommun: {kommun}\nnämnd: {namnd}\ngiltig_från: {giltig_fran}\nstatus: förslag\nbygger_på: sverige\ntitel: Riktlinjer för myndighetsutövning enligt SoL och LSS\n---\n\n# Riktlinjer för myndighetsutövning enligt SoL och LSS\n\n{kommun}, {namnd}.\n\n"
        );
        text.push_str(BODY);
        text
    }
}

/// The most characters a kommun or nämnd name may have.
const MAX_NAME: usize = 100;

fn checked_name(field: &'static str, name: &str) -> Result<String, NyError> {
    let name = name.trim();
    let fault = |message: &str| NyError {
        field,
        message: message.to_owned(),
    };
    if name.is_empty() {
        return Err(fault("namnet är tomt"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(fault(&format!("namnet är längre än {MAX_NAME} tecken")));
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.'))
    {
        return Err(fault(
            "namnet får bara ha bokstäver, siffror, mellanslag, bindestreck och punkt",
        ));
    }
    Ok(name.to_owned())
}

/// A kommun's name as an id and folder name: lower case ASCII, words joined by `-`
/// (`Ödeshögs kommun` → `odeshogs-kommun`).
pub fn id_of(kommun: &str) -> String {
    let folded = crate::contract::fold(&kommun.to_lowercase());
    let mut id = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    id
}

/// Everything after the head: the same for every kommun until its authors write their own.
const BODY: &str = r#"## 1 Inledning

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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|error| panic!("{text}: {error:?}"))
    }

    #[test]
    fn a_new_riktlinje_passes_check_as_it_stands() {
        let ny = Ny::new("Ödeshögs kommun", "Socialnämnden", day("2026-07-01"));
        let ny = ny.unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(ny.riktlinje_id(), "odeshogs-kommun-2026-07-01");
        let compiled = riktlinjer_compiler::compile::compile(&ny.text());
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics
        );
        assert!(compiled.bytes.is_some());
        assert!(!compiled.rule_tests.is_empty());
        assert!(compiled.rule_tests.iter().all(|test| test.godkant));
    }

    #[test]
    fn names_that_cannot_be_a_riktlinje_are_refused_naming_the_input() {
        let date = day("2026-07-01");
        for (kommun, namnd, field) in [
            ("", "Socialnämnden", "kommun"),
            ("Ale kommun", "  ", "--namnd"),
            ("Ale\nkommun", "Socialnämnden", "kommun"),
            ("Ale: kommun", "Socialnämnden", "kommun"),
            ("---", "Socialnämnden", "kommun"),
        ] {
            let error = Ny::new(kommun, namnd, date).err();
            assert_eq!(error.map(|error| error.field), Some(field), "{kommun:?}");
        }
        assert_eq!(id_of("Upplands Väsby kommun"), "upplands-vasby-kommun");
    }
}
