//! Who is in a live session and what each is pointing at: a name they chose, a colour drawn
//! from their replica id, and the card or stage header they are editing or dragging. It
//! travels sealed like every change, and the server never stores it.

use serde::{Deserialize, Serialize};

/// What one person is editing or dragging.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Pointing {
    Card(String),
    Stage(String),
}

/// One person's presence message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: String,
    pub replica: String,
    #[serde(default)]
    pub at: Option<Pointing>,
}

/// Someone else in the session, by the server's id for their connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub conn: String,
    pub presence: Presence,
}

/// Dark enough that white text on them passes WCAG AA, and far apart from each other.
const COLOURS: [&str; 8] = [
    "#b3261e", "#1b6e20", "#0b57d0", "#7b1fa2", "#a13d0b", "#00695c", "#ad1457", "#4d5a0c",
];

/// The colour of replica `id`: the same in every tab that sees it.
pub fn colour(replica: &str) -> &'static str {
    let hash = replica
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    COLOURS[hash as usize % COLOURS.len()]
}

/// A CSS string literal: names are typed by people, and a quote or backslash must not end it.
fn css_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' => format!("\\{:x} ", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    format!("\"{escaped}\"")
}

/// Ids come from other people's messages: only id characters reach a selector.
fn css_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// The style sheet that outlines what each peer points at in their colour, with their name.
pub fn outlines(peers: &[Peer]) -> String {
    let mut css = String::new();
    for peer in peers {
        let selector = match &peer.presence.at {
            Some(Pointing::Card(id)) => format!("[data-card-id=\"{}\"] > .card", css_id(id)),
            Some(Pointing::Stage(id)) => format!("th[data-stage=\"{}\"]", css_id(id)),
            None => continue,
        };
        let colour = colour(&peer.presence.replica);
        let name = css_string(&peer.presence.name);
        css.push_str(&format!(
            "{selector}{{outline:3px solid {colour};outline-offset:2px;position:relative}}\
             {selector}::after{{content:{name};position:absolute;top:-1.35em;left:0;\
             background:{colour};color:#fff;font-size:.75rem;line-height:1.3;padding:0 .35em;\
             border-radius:3px;white-space:nowrap;z-index:5;pointer-events:none}}"
        ));
    }
    css
}
