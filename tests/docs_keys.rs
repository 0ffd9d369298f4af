//! README's key table is generated from the one keymap table (`tui::keymap::KEYMAP`), so it
//! never drifts from what the keys do. `CHIPCAST_BLESS=1 cargo test --test docs_keys` rewrites
//! it after a keymap change.

mod common;

use chipcast::tui::keymap::{Scope, help_rows};

#[test]
fn the_readme_key_table_is_the_keymap() {
    let mut want = String::new();
    for scope in Scope::LISTED {
        want.push_str(&format!(
            "\n**{}**\n\n| keys | what they do |\n|---|---|\n",
            scope.title()
        ));
        for (keys, help) in help_rows(scope) {
            let keys = keys
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            want.push_str(&format!("| {keys} | {} |\n", help.replace('|', "\\|")));
        }
    }
    common::check_generated("README.md", Some("keys"), &want, "docs_keys");
}
