//! SHA-256 (FIPS 180-4), written out by hand: no heap, no panic, no dependency.
//!
//! This module holds the streaming hasher [`Sha256`] and the one-shot [`sha256`], used to name a
//! compiled table by its content.
//! It does not hold HMAC, other hash functions or any hex formatting, and it makes no claim of
//! constant-time behaviour: the inputs it hashes are public tables, not secrets.

/// A streaming SHA-256 hasher: feed bytes with [`Sha256::update`], then call
/// [`Sha256::finalize`].
///
/// ```
/// use riktlinjer_core::hash::{sha256, Sha256};
/// let mut hasher = Sha256::new();
/// hasher.update(b"a");
/// hasher.update(b"bc");
/// assert_eq!(hasher.finalize(), sha256(b"abc"));
/// ```
#[derive(Clone, Debug)]
pub struct Sha256 {
    /// The intermediate hash value H(i).
    state: [u32; 8],
    /// Bytes of the current, incomplete block.
    buffer: [u8; BLOCK_LEN],
    /// How many bytes of `buffer` are filled; always below `BLOCK_LEN` between calls.
    buffer_len: usize,
    /// The message length so far in bytes, modulo 2^64.
    n_bytes: u64,
}

/// The SHA-256 digest of `bytes`.
///
/// ```
/// let digest = riktlinjer_core::hash::sha256(b"abc");
/// assert_eq!(digest[..4], [0xba, 0x78, 0x16, 0xbf]);
/// ```
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    hasher.finalize()
}

impl Sha256 {
    /// A hasher that has seen no bytes.
    pub fn new() -> Sha256 {
        Sha256 {
            state: INITIAL_STATE,
            buffer: [0; BLOCK_LEN],
            buffer_len: 0,
            n_bytes: 0,
        }
    }

    /// Adds `bytes` to the message.
    pub fn update(&mut self, bytes: &[u8]) {
        // On every target Rust supports, a slice length fits in a u64.
        let n_new = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        self.n_bytes = self.n_bytes.wrapping_add(n_new);
        let mut input = bytes;
        while !input.is_empty() {
            if self.buffer_len == 0 {
                // Whole blocks go straight from the input, without a copy.
                if let Some((block, rest)) = input.split_first_chunk::<BLOCK_LEN>() {
                    compress(&mut self.state, block);
                    input = rest;
                    continue;
                }
            }
            let Some(free) = self.buffer.get_mut(self.buffer_len..) else {
                // Unreachable: `buffer_len` stays below `BLOCK_LEN`. Start the block afresh
                // rather than loop forever.
                self.buffer_len = 0;
                continue;
            };
            let mut n_copied = 0usize;
            for (slot, &byte) in free.iter_mut().zip(input) {
                *slot = byte;
                n_copied = n_copied.saturating_add(1);
            }
            self.buffer_len = self.buffer_len.saturating_add(n_copied);
            input = input.get(n_copied..).unwrap_or_default();
            if self.buffer_len >= BLOCK_LEN {
                compress(&mut self.state, &self.buffer);
                self.buffer_len = 0;
            }
        }
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the digest.
    pub fn finalize(mut self) -> [u8; 32] {
        let n_bits = self.n_bytes.wrapping_mul(8);
        self.update(&[0x80]);
        while self.buffer_len != LENGTH_OFFSET {
            self.update(&[0]);
        }
        self.update(&n_bits.to_be_bytes());
        let mut digest = [0u8; 32];
        for (out, word) in digest.chunks_exact_mut(4).zip(self.state) {
            for (slot, byte) in out.iter_mut().zip(word.to_be_bytes()) {
                *slot = byte;
            }
        }
        digest
    }
}

impl Default for Sha256 {
    fn default() -> Sha256 {
        Sha256::new()
    }
}

/// The size of one SHA-256 message block in bytes.
const BLOCK_LEN: usize = 64;

/// The offset in a block where the 64-bit message length starts after padding.
const LENGTH_OFFSET: usize = BLOCK_LEN - 8;

/// The initial hash value H(0) (FIPS 180-4 §5.3.3).
const INITIAL_STATE: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// The round constants K (FIPS 180-4 §4.2.2).
const ROUND_CONSTANTS: [u32; 64] = [
    0x428a_2f98,
    0x7137_4491,
    0xb5c0_fbcf,
    0xe9b5_dba5,
    0x3956_c25b,
    0x59f1_11f1,
    0x923f_82a4,
    0xab1c_5ed5,
    0xd807_aa98,
    0x1283_5b01,
    0x2431_85be,
    0x550c_7dc3,
    0x72be_5d74,
    0x80de_b1fe,
    0x9bdc_06a7,
    0xc19b_f174,
    0xe49b_69c1,
    0xefbe_4786,
    0x0fc1_9dc6,
    0x240c_a1cc,
    0x2de9_2c6f,
    0x4a74_84aa,
    0x5cb0_a9dc,
    0x76f9_88da,
    0x983e_5152,
    0xa831_c66d,
    0xb003_27c8,
    0xbf59_7fc7,
    0xc6e0_0bf3,
    0xd5a7_9147,
    0x06ca_6351,
    0x1429_2967,
    0x27b7_0a85,
    0x2e1b_2138,
    0x4d2c_6dfc,
    0x5338_0d13,
    0x650a_7354,
    0x766a_0abb,
    0x81c2_c92e,
    0x9272_2c85,
    0xa2bf_e8a1,
    0xa81a_664b,
    0xc24b_8b70,
    0xc76c_51a3,
    0xd192_e819,
    0xd699_0624,
    0xf40e_3585,
    0x106a_a070,
    0x19a4_c116,
    0x1e37_6c08,
    0x2748_774c,
    0x34b0_bcb5,
    0x391c_0cb3,
    0x4ed8_aa4a,
    0x5b9c_ca4f,
    0x682e_6ff3,
    0x748f_82ee,
    0x78a5_636f,
    0x84c8_7814,
    0x8cc7_0208,
    0x90be_fffa,
    0xa450_6ceb,
    0xbef9_a3f7,
    0xc671_78f2,
];

/// Processes one 512-bit block (FIPS 180-4 §6.2.2).
fn compress(state: &mut [u32; 8], block: &[u8; BLOCK_LEN]) {
    // `window` is a ring of the message schedule: at round t it holds W(t) to W(t+15), with
    // W(t) at `t % 16`. The rounds run sixteen at a time, unrolled, so every access to the ring
    // and to the round constants uses a constant index (no bounds check, no shifting); the
    // last sixteen rounds use the words already in the ring and compute no more.
    let mut window = [0u32; 16];
    for (word, chunk) in window.iter_mut().zip(block.chunks_exact(4)) {
        if let &[b0, b1, b2, b3] = chunk {
            *word = u32::from_be_bytes([b0, b1, b2, b3]);
        }
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    // Maj(a, b, c) is b ^ ((a ^ b) & (b ^ c)), and the b ^ c of a round is the a ^ b of the
    // round before it (its b and c are that round's a and b): each round keeps its a ^ b.
    let mut b_xor_c = b ^ c;
    macro_rules! round {
        ($constants:ident, $i:literal) => {{
            let w = window[$i];
            // Σ1(e) = ROTR6(e) ^ ROTR11(e) ^ ROTR25(e), with the rotations nested so that each
            // works on the last one's result (fewer copies of e on a two-operand machine).
            let big_sigma1 = (e ^ (e ^ e.rotate_right(14)).rotate_right(5)).rotate_right(6);
            // Ch(e, f, g): f where e has a one, g where it has a zero.
            let choose = g ^ (e & (f ^ g));
            let t1 = h
                .wrapping_add(big_sigma1)
                .wrapping_add(choose)
                .wrapping_add($constants[$i])
                .wrapping_add(w);
            // Σ0(a) = ROTR2(a) ^ ROTR13(a) ^ ROTR22(a), nested in the same way.
            let big_sigma0 = (a ^ (a ^ a.rotate_right(9)).rotate_right(11)).rotate_right(2);
            let a_xor_b = a ^ b;
            let majority = b ^ (a_xor_b & b_xor_c);
            b_xor_c = a_xor_b;
            let t2 = big_sigma0.wrapping_add(majority);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }};
    }
    // W(t+16), into the place of W(t), which round t has read.
    macro_rules! schedule {
        ($i:literal) => {{
            window[$i] = small_sigma1(window[($i + 14) % 16])
                .wrapping_add(window[($i + 9) % 16])
                .wrapping_add(small_sigma0(window[($i + 1) % 16]))
                .wrapping_add(window[$i]);
        }};
    }
    macro_rules! sixteen_rounds {
        ($constants:ident $(, $schedule:ident)?) => {{
            round!($constants, 0); $($schedule!(0);)?
            round!($constants, 1); $($schedule!(1);)?
            round!($constants, 2); $($schedule!(2);)?
            round!($constants, 3); $($schedule!(3);)?
            round!($constants, 4); $($schedule!(4);)?
            round!($constants, 5); $($schedule!(5);)?
            round!($constants, 6); $($schedule!(6);)?
            round!($constants, 7); $($schedule!(7);)?
            round!($constants, 8); $($schedule!(8);)?
            round!($constants, 9); $($schedule!(9);)?
            round!($constants, 10); $($schedule!(10);)?
            round!($constants, 11); $($schedule!(11);)?
            round!($constants, 12); $($schedule!(12);)?
            round!($constants, 13); $($schedule!(13);)?
            round!($constants, 14); $($schedule!(14);)?
            round!($constants, 15); $($schedule!(15);)?
        }};
    }
    let (scheduled, last) = ROUND_CONSTANTS.split_at(48);
    for constants in scheduled.chunks_exact(16) {
        let Ok(constants) = <&[u32; 16]>::try_from(constants) else {
            continue;
        };
        sixteen_rounds!(constants, schedule);
    }
    if let Ok(constants) = <&[u32; 16]>::try_from(last) {
        sixteen_rounds!(constants);
    }
    // The last round's a ^ b has no round after it.
    let _ = b_xor_c;
    for (word, add) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *word = word.wrapping_add(add);
    }
}

/// σ0(x) = ROTR7(x) ^ ROTR18(x) ^ SHR3(x).
fn small_sigma0(x: u32) -> u32 {
    (x ^ x.rotate_right(11)).rotate_right(7) ^ (x >> 3)
}

/// σ1(x) = ROTR17(x) ^ ROTR19(x) ^ SHR10(x).
fn small_sigma1(x: u32) -> u32 {
    (x ^ x.rotate_right(2)).rotate_right(17) ^ (x >> 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(digest: [u8; 32]) -> String {
        digest.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn check(message: &[u8], want: &str) {
        assert_eq!(
            hex(sha256(message)),
            want,
            "{:?}",
            String::from_utf8_lossy(message)
        );
    }

    /// FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and the SHAVS short messages).
    #[test]
    fn nist_vectors() {
        check(
            b"",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        );
        check(
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        );
        check(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        );
        check(
            b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
        );
    }

    #[test]
    fn one_million_a_in_chunks() {
        let chunk = [b'a'; 1000];
        let mut hasher = Sha256::new();
        for _ in 0..1000 {
            hasher.update(&chunk);
        }
        assert_eq!(
            hex(hasher.finalize()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    /// Lengths around the padding boundaries (55, 56, 63, 64 and 65 bytes), checked against
    /// Python's `hashlib`.
    #[test]
    fn padding_boundaries() {
        check(
            &[b'a'; 55],
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
        );
        check(
            &[b'a'; 56],
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
        );
        check(
            &[b'a'; 63],
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
        );
        check(
            &[b'a'; 64],
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        );
        check(
            &[b'a'; 65],
            "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        );
    }

    proptest::proptest! {
        /// The digest is the `sha2` crate's, for messages of up to some thirty blocks.
        #[test]
        fn the_digest_is_the_sha2_crate_s(
            message in proptest::collection::vec(proptest::num::u8::ANY, 0..2_000),
        ) {
            use sha2::Digest;
            let reference: [u8; 32] = sha2::Sha256::digest(&message).into();
            proptest::prop_assert_eq!(sha256(&message), reference);
        }

        #[test]
        fn chunked_updates_equal_one_shot(
            message in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
            cuts in proptest::collection::vec(0usize..600, 0..8),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|cut| cut.min(message.len())).collect();
            cuts.sort_unstable();
            let mut hasher = Sha256::new();
            let mut from = 0;
            for cut in cuts.into_iter().chain([message.len()]) {
                hasher.update(message.get(from..cut).unwrap_or_default());
                from = cut;
            }
            proptest::prop_assert_eq!(hasher.finalize(), sha256(&message));
        }
    }
}
