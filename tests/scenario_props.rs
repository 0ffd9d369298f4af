//! Property test: the loader survives any mutation of the bundled files (truncation, deleted
//! ranges, swapped bytes, inserted characters) with diagnostics, never a panic or a hang.

use chipcast::scenario::{self, bundled};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Swap(usize, usize),
    Insert(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (
            any::<usize>(),
            prop_oneof![
                Just('('),
                Just(')'),
                Just('['),
                Just(']'),
                Just('{'),
                Just('}'),
                Just('"'),
                Just(','),
                Just(':'),
                Just('/'),
                Just('*'),
                Just('\u{1b}'),
                Just('\u{0}'),
                Just('é'),
                Just('9'),
                Just('-'),
                Just('e'),
                Just('#'),
                Just('r'),
                any::<char>()
            ]
        )
            .prop_map(|(a, c)| Mutation::Insert(a, c)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match *m {
        Mutation::Truncate(a) => bytes.truncate(a % len),
        Mutation::Delete(a, n) => {
            let a = a % len;
            bytes.drain(a..(a + n).min(len));
        }
        Mutation::Swap(a, b) => bytes.swap(a % len, b % len),
        Mutation::Insert(a, c) => {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let at = a % len;
            bytes.splice(at..at, s.bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn mutated_bundled_files_never_panic(file in 0usize..bundled::NAMES.len(), muts in prop::collection::vec(mutation(), 1..6)) {
        let name = bundled::NAMES[file];
        let mut bytes = bundled::text(name).unwrap().as_bytes().to_vec();
        for m in &muts {
            apply(&mut bytes, m);
        }
        // Bytes that are no longer UTF-8 take the decoding path; the rest are parsed.
        match chipcast::diag::read::decode_utf8("mutated.ron", bytes) {
            Err(d) => prop_assert_eq!(d.code, "not-utf8"),
            Ok(source) => {
                if let Err(diags) = scenario::load_text("mutated.ron", &source.text, None) {
                    prop_assert!(!diags.is_empty());
                    for d in &diags {
                        prop_assert!(d.line >= 1 && d.column >= 1);
                        let shown = d.render(false) + &d.one_line();
                        prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "control character in {:?}", shown);
                    }
                }
            }
        }
    }
}
