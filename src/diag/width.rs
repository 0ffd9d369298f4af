//! Display width of terminal text, and cutting it to a width: the one place text is measured
//! in terminal columns (with `unicode-width`, per grapheme as `unicode-segmentation` splits
//! them, the way ratatui's buffer draws them), so a wide CJK character counts 2 columns, a
//! combining mark 0, and a cut never separates a base character from its marks.
//!
//! Invariant: what [`fit`], [`pad`], [`clip_middle`] and [`shorten_path`] return is never
//! wider than the width asked for. They return text as drawn: a grapheme keeps at most
//! [`MAX_CLUSTER`] characters (a hostile name of one letter and a million accents draws as
//! the letter and its first accents), and graphemes of no width (which ratatui skips) are
//! left out.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What marks a cut.
pub const ELLIPSIS: char = '…';

/// Most characters of one grapheme that are drawn: a base character and its first marks.
/// Real clusters (an emoji family with skin tones, a Devanagari conjunct, stacked accents)
/// are shorter.
pub const MAX_CLUSTER: usize = 16;

/// The columns one grapheme takes, as ratatui counts them.
fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        return 1;
    }
    // Halfwidth (han)dakuten extend a grapheme, but terminals give each a column of its own.
    let sound_marks = g
        .chars()
        .skip(1)
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    UnicodeWidthStr::width(g) + sound_marks
}

/// The first [`MAX_CLUSTER`] characters of a grapheme.
fn capped(g: &str) -> &str {
    match g.char_indices().nth(MAX_CLUSTER) {
        Some((i, _)) => &g[..i],
        None => g,
    }
}

/// `text`'s graphemes as drawn, each with its width: capped, and without those of no width.
fn cells(text: &str) -> impl DoubleEndedIterator<Item = (&str, usize)> {
    text.graphemes(true)
        .map(|g| {
            let g = capped(g);
            (g, grapheme_width(g))
        })
        .filter(|(_, w)| *w > 0)
}

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// `text` as drawn, its graphemes capped (see [`MAX_CLUSTER`]).
fn drawn(text: &str) -> String {
    cells(text).map(|(g, _)| g).collect()
}

/// The longest run of `text`'s leading graphemes at most `max` columns wide, and its width.
fn head(text: &str, max: usize) -> (String, usize) {
    let mut out = String::new();
    let mut used = 0;
    for (g, w) in cells(text) {
        if used + w > max {
            break;
        }
        used += w;
        out.push_str(g);
    }
    (out, used)
}

/// The longest run of `text`'s trailing graphemes at most `max` columns wide, and its width.
fn tail(text: &str, max: usize) -> (String, usize) {
    let mut parts = Vec::new();
    let mut used = 0;
    for (g, w) in cells(text).rev() {
        if used + w > max {
            break;
        }
        used += w;
        parts.push(g);
    }
    parts.reverse();
    (parts.concat(), used)
}

/// `text` cut to at most `max` columns, ending in `…` when cut. A wide character that would
/// straddle the edge is left out, so the result may be a column narrower than `max`.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return drawn(text);
    }
    if max == 0 {
        return String::new();
    }
    let (mut out, _) = head(text, max - 1);
    out.push(ELLIPSIS);
    out
}

/// The end of `text` that fits in `max` columns, without an ellipsis: what a field shows of
/// a long entry while it is typed.
pub fn end(text: &str, max: usize) -> String {
    tail(text, max).0
}

/// `text` cut to at most `columns` columns (see [`fit`]), then padded with spaces to exactly
/// `columns`: a column of a table or list that lines up whatever the text holds.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = fit(text, columns);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// Like [`pad`], with the spaces before the text (for numbers).
pub fn pad_left(text: &str, columns: usize) -> String {
    let shown = fit(text, columns);
    let mut out: String = " ".repeat(columns.saturating_sub(width(&shown)));
    out.push_str(&shown);
    out
}

/// `text` cut to at most `max` columns by replacing its middle with `…`, keeping its start and
/// end.
pub fn clip_middle(text: &str, max: usize) -> String {
    if width(text) <= max {
        return drawn(text);
    }
    middle(text, max)
}

/// `text`'s start and end around `…`, at most `max` columns in all (cut even when it would fit).
fn middle(text: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let keep = max - 1;
    let (mut out, used) = head(text, keep.div_ceil(2));
    // A wide character left out of the start gives its column to the end.
    let (end, _) = tail(text, keep - used);
    out.push(ELLIPSIS);
    out.push_str(&end);
    out
}

/// A path cut to at most `max` columns from the middle: its start and its file name stay, the
/// folders between give way to `…` (`/home/ana/…/baseline-1.ron`). When even `…/NAME` is too
/// wide, `…NAME`, and failing that the file name itself cut from the middle (keeping its end).
pub fn shorten_path(path: &str, max: usize) -> String {
    if width(path) <= max {
        return drawn(path);
    }
    let is_sep = |c: char| c == '/' || c == std::path::MAIN_SEPARATOR;
    let Some(cut) = path.trim_end_matches(is_sep).rfind(is_sep) else {
        return clip_middle(path, max);
    };
    // The file name with the separator before it.
    let name = &path[cut..];
    let name_w = width(name);
    if name_w < max {
        let (mut out, _) = head(&path[..cut], max - name_w - 1);
        out.push(ELLIPSIS);
        out.push_str(&drawn(name));
        return out;
    }
    let bare = &path[cut + 1..];
    if name_w == max {
        // `…` in the separator's place.
        return format!("{ELLIPSIS}{}", drawn(bare));
    }
    middle(bare, max)
}

/// `text` cut from the middle to at most `max_columns` columns and `max_chars` characters
/// (one `…` among them) at grapheme boundaries: for capping the length of quoted text in
/// messages. Graphemes are kept whole, so a base character never loses its marks; one longer
/// than the whole budget is left out.
pub fn cap_middle(text: &str, max_columns: usize, max_chars: usize) -> String {
    let chars = text.chars().count();
    if chars <= max_chars && width(text) <= max_columns {
        return text.to_string();
    }
    if max_columns == 0 || max_chars == 0 {
        return String::new();
    }
    let (cols, count) = (max_columns - 1, max_chars - 1);
    let (front, w, n) = take_within(text.graphemes(true), cols.div_ceil(2), count.div_ceil(2));
    let (mut back, _, _) = take_within(text.graphemes(true).rev(), cols - w, count - n);
    back.reverse();
    let mut out = front.concat();
    out.push(ELLIPSIS);
    out.push_str(&back.concat());
    out
}

/// The graphemes `graphemes` yields until one would pass `cols` columns or `count`
/// characters, with their width and character count.
fn take_within<'a>(
    graphemes: impl Iterator<Item = &'a str>,
    cols: usize,
    count: usize,
) -> (Vec<&'a str>, usize, usize) {
    let mut kept = Vec::new();
    let (mut w, mut n) = (0, 0);
    for g in graphemes {
        let (gw, gn) = (grapheme_width(g), g.chars().count());
        if w + gw > cols || n + gn > count {
            break;
        }
        w += gw;
        n += gn;
        kept.push(g);
    }
    (kept, w, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hostile and ordinary texts: wide characters, stacked combining marks, a mark with no
    /// base, emoji sequences, a path.
    const TEXTS: &[&str] = &[
        "",
        "abcdef",
        "中文情景.ron",
        "e\u{301}\u{301}\u{301}x.ron",
        "\u{301}\u{301}abc",
        "a中b文c情d景e",
        "👨\u{200D}👩\u{200D}👧 family",
        "/tmp/.tmpXyZ/some folder/中文情景/e\u{301}\u{301}\u{301}x.ron",
        "ｶﾞｷﾞ half",
    ];

    #[test]
    fn widths_count_columns_not_characters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("中文"), 4);
        assert_eq!(width("e\u{301}\u{301}\u{301}x"), 2);
        assert_eq!(width("…"), 1);
    }

    #[test]
    fn cuts_are_never_wider_than_asked_and_say_so() {
        for text in TEXTS {
            let full = width(text);
            for max in 0..full + 3 {
                for (what, cut) in [
                    ("fit", fit(text, max)),
                    ("clip_middle", clip_middle(text, max)),
                    ("shorten_path", shorten_path(text, max)),
                ] {
                    assert!(width(&cut) <= max, "{what}({text:?}, {max}) = {cut:?}");
                    if full > max && max > 0 {
                        assert!(cut.contains(ELLIPSIS), "{what}({text:?}, {max}) = {cut:?}");
                    }
                    if full <= max {
                        assert!(!cut.contains(ELLIPSIS) || text.contains(ELLIPSIS));
                    }
                }
                assert!(width(&end(text, max)) <= max, "end({text:?}, {max})");
                assert_eq!(width(&pad(text, max)), max, "pad({text:?}, {max})");
                assert_eq!(
                    width(&pad_left(text, max)),
                    max,
                    "pad_left({text:?}, {max})"
                );
            }
        }
    }

    #[test]
    fn a_cut_keeps_a_base_character_with_its_marks() {
        let text = "e\u{301}\u{301}\u{301}xyz";
        assert_eq!(fit(text, 3), "e\u{301}\u{301}\u{301}x…");
        assert_eq!(fit(text, 2), "e\u{301}\u{301}\u{301}…");
        assert_eq!(clip_middle(text, 3), "e\u{301}\u{301}\u{301}…z");
        // A wide character that would straddle the edge is left out.
        assert_eq!(fit("中文情景", 4), "中…");
        assert_eq!(fit("中文情景", 5), "中文…");
        assert_eq!(pad("中文情景", 4), "中… ");
    }

    #[test]
    fn a_hostile_cluster_is_capped() {
        let text = format!("e{}x", "\u{301}".repeat(100_000));
        let shown = fit(&text, 10);
        assert_eq!(width(&shown), 2);
        assert_eq!(shown.chars().count(), MAX_CLUSTER + 1);
    }

    #[test]
    fn paths_keep_their_start_and_file_name() {
        let path = "/tmp/.tmpAbCdEf/exports/2026/s-output.csv";
        assert_eq!(shorten_path(path, 80), path);
        assert_eq!(shorten_path(path, 24), "/tmp/.tmpA…/s-output.csv");
        assert_eq!(shorten_path(path, 14), "…/s-output.csv");
        assert_eq!(shorten_path(path, 13), "…s-output.csv");
        assert_eq!(shorten_path(path, 8), "s-ou…csv");
        assert_eq!(shorten_path("/tmp/x/中文情景.ron", 16), "/t…/中文情景.ron");
        assert_eq!(shorten_path("/tmp/x/中文情景.ron", 14), "…/中文情景.ron");
    }

    #[test]
    fn caps_bound_characters_and_columns() {
        let marks = format!("e{}", "\u{301}".repeat(1000));
        assert_eq!(cap_middle(&marks, 80, 80), "…");
        assert_eq!(cap_middle("abcdefgh", 5, 80), "ab…gh");
        assert_eq!(cap_middle("中文情景中文情景", 9, 80), "中文…情景");
        assert_eq!(cap_middle("abc", 80, 80), "abc");
        let mixed = "e\u{301}\u{301}x".repeat(50);
        let capped = cap_middle(&mixed, 80, 80);
        assert!(capped.chars().count() <= 80 && width(&capped) <= 80);
    }
}
