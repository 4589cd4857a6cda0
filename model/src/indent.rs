//! Compact JSON laid out for a person to read, as `serde_json::to_string_pretty` lays it out.
//! Files are written compact and then indented, rather than serialised a second time with
//! serde_json's pretty formatter: in the WebAssembly build each formatter is a copy of the
//! serialising code of every type in a map.

/// `compact`, JSON as `serde_json::to_string` writes it (no white space outside strings),
/// indented two spaces a level with one element or entry a line, `": "` after each key, and
/// empty objects and lists kept as `{}` and `[]`.
pub(crate) fn indented(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' | '[' => {
                out.push(c);
                match chars.next_if(|&next| next == '}' || next == ']') {
                    Some(close) => out.push(close),
                    None => {
                        depth += 1;
                        new_line(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth -= 1;
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => {
                in_string = c == '"';
                out.push(c);
            }
        }
    }
    out
}

fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n("  ", depth));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;
    use crate::example::saas_example;
    use chrono::DateTime;
    use proptest::prelude::*;
    use serde_json::json;

    fn same_as_serde_json(value: &impl serde::Serialize) {
        let compact = serde_json::to_string(value).unwrap();
        assert_eq!(
            indented(&compact),
            serde_json::to_string_pretty(value).unwrap()
        );
    }

    #[test]
    fn the_example_map_is_laid_out_as_serde_json_lays_it_out() {
        let mut n = 0;
        let map = saas_example(
            Locale::Ro,
            DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            &mut || {
                n += 1;
                format!("id{n}")
            },
        );
        same_as_serde_json(&map);
    }

    #[test]
    fn empty_objects_and_lists_stay_on_one_line_inside_nested_ones() {
        let value = json!({"a": {}, "b": [], "c": [[], {}, [1, [2]], {"d": null}], "e": -1.5e-7});
        same_as_serde_json(&value);
        assert!(indented(&serde_json::to_string(&value).unwrap()).contains("\"a\": {},"));
    }

    #[test]
    fn brackets_commas_colons_and_quotes_inside_strings_are_left_alone() {
        let value = json!({"{[:,]}": "a \"quoted\", [bracketed]: {text}\\", "\\\"": ["\\", "\""]});
        same_as_serde_json(&value);
    }

    proptest! {
        #[test]
        fn any_texts_in_lists_and_objects_are_laid_out_as_serde_json_lays_them_out(
            texts in proptest::collection::vec(".*", 0..6),
            keys in proptest::collection::btree_map(".*", ".*", 0..4),
        ) {
            same_as_serde_json(&json!({"texts": texts, "keys": keys, "nested": [texts, keys]}));
        }
    }
}
