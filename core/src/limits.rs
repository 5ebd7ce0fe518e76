//! Every capacity of the core, as one documented constant each.
//!
//! The core never allocates, so every collection is a `heapless::Vec` of one of these sizes.
//! The compiler in the std adapter checks a riktlinje against them and reports a diagnostic
//! before a table that does not fit is ever written, so "capacity exceeded" errors in the core
//! are reachable only with hand-made or corrupted tables.
//! This module holds numbers only; what they bound is documented where each is used.
//!
//! **The size of a riktlinje follows the machine.** The capacities that grow with a
//! riktlinje's size (insatser, rules, their conditions, schablon components and properties)
//! are set by the target's pointer width. A 64-bit host (a server, a case system, the CLI)
//! holds ten times the example kommun's riktlinje, some 600 KiB of decoded table; a 32-bit
//! target (a microcontroller, a WebAssembly module) holds four times it, in some 170 KiB, so
//! that the table and an evaluation fit a device of 256 KiB. A table too large for a target
//! is refused when it is decoded there, naming the capacity, as any table past them is.

/// Insatser one riktlinje can describe (LSS has ten, a full SoL riktlinje some twenty more):
/// ten times the example kommun's 23 on a 64-bit host, four times on a 32-bit target.
#[cfg(target_pointer_width = "64")]
pub const MAX_INSATSER: usize = 240;
/// Insatser one riktlinje can describe: four times the example kommun's 23.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_INSATSER: usize = 96;

/// Rules in one riktlinje, over all insatser, the national baseline's included: ten times the
/// example kommun's 227 on a 64-bit host (a rule costs a decoded table some 200 bytes there),
/// four times on a 32-bit target.
#[cfg(target_pointer_width = "64")]
pub const MAX_RULES: usize = 2_560;
/// Rules in one riktlinje: four times the example kommun's 227. A rule costs a decoded table
/// some 80 bytes on a 32-bit device, with its place among the flat tests.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_RULES: usize = 960;

/// Named parameters (such as `riktålder`) in one riktlinje.
pub const MAX_PARAMS: usize = 16;

/// Dated values of one parameter (`66 från 2023-01-01, 67 från 2026-01-01` is two).
pub const MAX_PARAM_VALUES: usize = 8;

/// Bytes of condition code in one table (one instruction is [`crate::table::OP_SIZE`] bytes);
/// the example kommun's riktlinje has some 10 000. The code is read where it lies in the
/// table's bytes, so this bounds the table, not the memory of a decoded one.
#[cfg(target_pointer_width = "64")]
pub const MAX_CODE_BYTES: usize = 131_072;
/// Bytes of condition code in one table.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_CODE_BYTES: usize = 32_768;

/// Tests of the rules' conditions in their flat form, over all rules (a rule tests some one to
/// three facts; the example kommun's 227 rules have 507); a rule whose tests do not fit runs
/// on the stack machine instead, with the same result.
#[cfg(target_pointer_width = "64")]
pub const MAX_FLAT_TESTS: usize = 6_144;
/// Tests of the rules' conditions in their flat form, over all rules.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_FLAT_TESTS: usize = 2_048;

/// Instructions in one rule's condition.
pub const MAX_RULE_OPS: usize = 256;

/// Depth of the evaluation stack a condition may need.
pub const MAX_STACK: usize = 16;

/// Applications (ansökningar) prövade in one case.
pub const MAX_ANSOKNINGAR: usize = 8;

/// Existing decisions (beslut) carried by one case.
pub const MAX_BESLUT: usize = 16;

/// Reasons given for one insats: every `lagen_hindrar` and `upplysning` rule that can hold,
/// plus the deciding reason and one for a missing fact.
pub const MAX_REASONS_PER_INSATS: usize = 16;

/// Further reasons a prövning of an insats names beyond those [`MAX_REASONS_PER_INSATS`]
/// bounds: every further norm the ansökan does not meet and every further missing fact, for a
/// full motivering.
/// They are added last, so they never crowd out a reason the outcome rests on; those that do
/// not fit are counted in [`crate::InsatsEvaluation::omitted`].
pub const MAX_FURTHER_REASONS: usize = 8;

/// Room for reasons in one prövning of an insats: [`MAX_REASONS_PER_INSATS`] and
/// [`MAX_FURTHER_REASONS`].
pub const MAX_PROVNING_REASONS: usize = MAX_REASONS_PER_INSATS + MAX_FURTHER_REASONS;

/// Facts of one insats a search for what would change the outcome may change (those the
/// riktlinje marks `ändras_av_ansökan`, in the order its code reads them; a riktlinje's insats
/// reads some four).
pub const MAX_CHANGEABLE_FACTS: usize = 8;

/// Values a search for what would change the outcome tries for one fact: the figures the
/// rules compare it with, a step either side, zero and the schablon's figure.
pub const MAX_CANDIDATES: usize = 12;

/// Facts changed at once in a search for what would change the outcome; with the two bounds
/// above, at most 8 · 12 + 28 · 12² + 56 · 12³ (some 100 000) prövningar, and far fewer in
/// practice, since the search stops at the first count of changed facts that works.
pub const MAX_CHANGED_FACTS: usize = 3;

/// Frister one beslut can give: överklagande, ej verkställt or (once verkställt late)
/// rapportera verkställt, ej verkställt efter avbrott, individuell plan and tidsbegränsat.
pub const FRISTER_PER_BESLUT: usize = 5;

/// Frister one ansökan can give: the six months of FL 12 §.
pub const FRISTER_PER_ANSOKAN: usize = 1;

/// Frister one barnärende can give: skyddsbedömning, förhandsbedömning and barnutredning (the
/// first two end when the utredning is inledd, so at most two run at once; three is the bound
/// by kind).
pub const FRISTER_PER_BARNARENDE: usize = 3;

/// Skyddsåtgärder one case can carry (a sänggrind, a larmmatta and a GPS-larm are three).
pub const MAX_SKYDDSATGARDER: usize = 8;

/// Kinds of skyddsåtgärd (`åtgärd` blocks) one riktlinje can declare.
///
/// A rule names the kinds it applies to as the bits of a `u32`, so this can be at most 32; a
/// riktlinje declares some ten (the exempelkommun nine), and every slot costs table size.
pub const MAX_ATGARDER: usize = 16;

/// Rules about skyddsåtgärder in one riktlinje; a rule for several kinds (or for all) is one
/// rule.
pub const MAX_ATGARD_RULES: usize = 48;

/// Reasons given for one skyddsåtgärd: every `ej_tillåten`, `juridisk_bedömning`,
/// `rutin_ej_följd` and `upplysning` rule that can hold, plus four of the engine's own (an
/// unknown kind, a missing fact, the deciding rule and the check of the person's own samtycke).
pub const MAX_REASONS_PER_ATGARD: usize = 32;

/// Frister one skyddsåtgärd can give: the regular uppföljning, and the uppföljning owed at once
/// when the samtycke is withdrawn.
pub const FRISTER_PER_SKYDDSATGARD: usize = 2;

/// Frister one placement in skyddat boende can give: the övervägande every six months, the
/// underställning of an omedelbart beslut, the four weeks to start the placement and the six
/// weeks to apply after fastställelse (lag (2024:79)).
pub const FRISTER_PER_SKYDDAT_BOENDE: usize = 4;

/// Frister reported in one evaluation: room for every frist of every beslut, every ansökan,
/// the barnärende, every skyddsåtgärd and the skyddat boende of the fullest case, so the
/// evaluator never runs out (see the assertion below).
pub const MAX_FRISTER: usize = 128;

/// Days before a frist's last day from which its status is "går ut inom" rather than "löper".
///
/// A week gives a handläggare one working week to act; the last day itself counts as 0 days
/// left.
/// It is also longer than the longest move under lag (1930:173) 2 § (julafton on a Wednesday
/// to the Monday after: five days), so a frist whose calendar day has passed but whose moved
/// last day has not is always shown as going out, never as running.
pub const FRIST_WARNING_DAYS: u16 = 7;

/// Facts in one table's catalogue: the national baseline's, the kommun's own and the engine's
/// builtins (the national baseline declares some fifty).
pub const MAX_FACTS: usize = 256;

/// Values of the catalogue's facts about the person that one case can give.
pub const MAX_PERSON_FACT_VALUES: usize = 64;

/// Values of the catalogue's facts about one ansökan that one case can give.
pub const MAX_ANSOKAN_FACT_VALUES: usize = 24;

/// Words of every choice and set in one catalogue.
pub const MAX_WORDS: usize = 384;

/// Words of one set: a set is a bit per word in an `i64`'s 64 bits.
pub const MAX_SET_WORDS: usize = 64;

/// Exact numbers (schablon times, conversion factors) one table's code pushes: Kristianstad's
/// schablon has 32, and ten times it 320.
#[cfg(target_pointer_width = "64")]
pub const MAX_NUMBERS: usize = 512;
/// Exact numbers (schablon times, conversion factors) one table's code pushes.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_NUMBERS: usize = 192;

/// Schablon components in one table, over all insatser: ten times Kristianstad's 15 on a
/// 64-bit host.
#[cfg(target_pointer_width = "64")]
pub const MAX_COMPONENTS: usize = 160;
/// Schablon components in one table, over all insatser: four times Kristianstad's 15.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_COMPONENTS: usize = 64;

/// Schablon components of one insats (a full hemtjänst table has some twenty).
pub const MAX_COMPONENTS_PER_INSATS: usize = 24;

/// Properties (what an insats includes) in one table.
#[cfg(target_pointer_width = "64")]
pub const MAX_PROPERTIES: usize = 64;
/// Properties (what an insats includes) in one table.
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_PROPERTIES: usize = 32;

/// Properties of one insats: an evaluation marks those that hold as bits of a `u16`.
pub const MAX_PROPERTIES_PER_INSATS: usize = 16;

/// Bytes in an insats id such as `bostad_sarskild_service_vuxna`.
pub const MAX_INSATS_ID_LEN: usize = 40;

/// Bytes in any text of a table (names, lagrum, reason texts).
pub const MAX_TEXT_LEN: usize = 2_000;

// A set's words are the bits of an `i64`; a component's index fits a `u8` within its insats.
const _: () = assert!(MAX_SET_WORDS <= 64 && MAX_COMPONENTS_PER_INSATS <= 255);
const _: () = assert!(MAX_PROPERTIES_PER_INSATS <= 16 && MAX_FACTS <= u16::MAX as usize);

// A rule names its kinds of skyddsåtgärd as the bits of a `u32`.
const _: () = assert!(MAX_ATGARDER <= 32);

// The fullest case fits: an evaluation can never run out of room for frister.
const _: () = assert!(
    MAX_BESLUT * FRISTER_PER_BESLUT
        + MAX_ANSOKNINGAR * FRISTER_PER_ANSOKAN
        + FRISTER_PER_BARNARENDE
        + MAX_SKYDDSATGARDER * FRISTER_PER_SKYDDSATGARD
        + FRISTER_PER_SKYDDAT_BOENDE
        <= MAX_FRISTER
);
