mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::arb_map;
use model::curve;
use model::example::saas_example;
use model::numbers::{format_date, format_measure};
use model::svg::{Labels, MetricWords, SvgOptions, layout, to_svg};
use model::{
    BlueprintLine, Card, CardId, Category, Cell, Channel, Colour, Confidence, EmotionScore,
    JourneyMap, Lane, LaneId, LaneKind, Locale, MapId, Metric, MetricKind, Number, Persona,
    PersonaId, Rating, RatingKind, Score, Stage, StageId,
};
use proptest::prelude::*;
use std::time::Instant;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

/// The board's words in English, as the app gives them.
struct English {
    title: String,
}

impl Labels for English {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn lane(&self, lane: &Lane) -> String {
        lane.name.clone().unwrap_or_else(|| {
            match lane.kind {
                LaneKind::Goals => "Goals",
                LaneKind::Actions => "Actions",
                LaneKind::Touchpoints => "Touchpoints",
                LaneKind::Channels => "Channels",
                LaneKind::Thoughts => "Thoughts",
                LaneKind::Emotions => "Emotions",
                LaneKind::PainPoints => "Pain points",
                LaneKind::Opportunities => "Opportunities",
                LaneKind::Metrics => "Metrics",
                LaneKind::Notes => "Notes",
                LaneKind::PhysicalEvidence => "Physical evidence",
                LaneKind::Frontstage => "Frontstage",
                LaneKind::Backstage => "Backstage",
                LaneKind::SupportProcesses => "Support processes",
            }
            .to_owned()
        })
    }

    fn quote(&self, quote: &str) -> String {
        format!("“{quote}”")
    }

    fn channel(&self, channel: Channel) -> String {
        match channel {
            Channel::Website => "Website",
            Channel::Blog => "Blog",
            Channel::SocialMedia => "Social media",
            Channel::Advertising => "Advertising",
            Channel::Events => "Events / webinars",
            Channel::Email => "Email",
            Channel::Phone => "Phone",
            Channel::LiveChat => "Live chat",
            Channel::PhysicalStore => "Physical store",
            Channel::SalesCall => "Sales call / demo",
            Channel::PricingPage => "Pricing page",
            Channel::OnboardingEmail => "Onboarding email",
            Channel::Tutorial => "Tutorial",
            Channel::KnowledgeBase => "Knowledge base",
            Channel::SupportTicket => "Support ticket",
            Channel::Survey => "Survey",
            Channel::InApp => "In-app",
        }
        .to_owned()
    }

    fn category(&self, category: Category) -> String {
        match category {
            Category::Marketing => "Marketing",
            Category::Sales => "Sales",
            Category::CustomerSuccess => "Customer success",
            Category::Product => "Product",
            Category::Support => "Support",
        }
        .to_owned()
    }

    fn rating(&self, kind: RatingKind, rating: Rating) -> String {
        let kind = match kind {
            RatingKind::Impact => "Impact",
            RatingKind::Effort => "Effort",
        };
        format!("{kind} {}", rating.value())
    }

    fn metric(&self, metric: &Metric) -> MetricWords {
        let measure = |v: f64| format_measure(v, metric.kind.scale(), &metric.unit, Locale::En);
        let name = match metric.kind {
            MetricKind::Csat => "CSAT",
            MetricKind::Nps => "NPS",
            MetricKind::ConversionRate => "Conversion rate",
            MetricKind::DropOffRate => "Drop-off rate",
            MetricKind::BounceRate => "Bounce rate",
            MetricKind::ChurnRate => "Churn rate",
            MetricKind::AverageOrderValue => "Average order value",
            MetricKind::Custom => &metric.name,
        };
        MetricWords {
            name: name.to_owned(),
            value: measure(metric.value.get()),
            details: metric
                .target
                .map(|t| format!("target {}", measure(t.get())))
                .into_iter()
                .chain(metric.date.map(|d| format_date(d, Locale::En)))
                .collect(),
            verdict: metric.meets_target().map(|met| {
                let words = if met { "target met" } else { "target missed" };
                (met, words.to_owned())
            }),
        }
    }

    fn line(&self, line: BlueprintLine) -> String {
        match line {
            BlueprintLine::Interaction => "Line of interaction",
            BlueprintLine::Visibility => "Line of visibility",
            BlueprintLine::InternalInteraction => "Line of internal interaction",
        }
        .to_owned()
    }
}

fn english(title: &str) -> English {
    English {
        title: title.to_owned(),
    }
}

/// A tiny XML reader for the tests: it accepts exactly the well-formed documents made of
/// elements, attributes, text and the five named and numeric character references, and
/// returns the root element.
mod xml {
    #[derive(Debug)]
    pub enum Node {
        Element(Element),
        Text(String),
    }

    #[derive(Debug)]
    pub struct Element {
        pub name: String,
        pub attributes: Vec<(String, String)>,
        pub children: Vec<Node>,
    }

    impl Element {
        pub fn attribute(&self, name: &str) -> Option<&str> {
            self.attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        /// This element and every element inside it, in document order.
        pub fn all(&self) -> Vec<&Element> {
            let mut out = vec![self];
            for child in &self.children {
                if let Node::Element(e) = child {
                    out.extend(e.all());
                }
            }
            out
        }

        /// The text inside, references resolved.
        pub fn text(&self) -> String {
            self.children
                .iter()
                .map(|c| match c {
                    Node::Text(t) => t.clone(),
                    Node::Element(e) => e.text(),
                })
                .collect()
        }
    }

    fn is_allowed(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }

    fn is_name_char(c: char) -> bool {
        c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
    }

    struct Reader<'a> {
        rest: &'a str,
    }

    impl Reader<'_> {
        fn eat(&mut self, s: &str) -> bool {
            match self.rest.strip_prefix(s) {
                Some(rest) => {
                    self.rest = rest;
                    true
                }
                None => false,
            }
        }

        fn skip_space(&mut self) {
            self.rest = self.rest.trim_start_matches([' ', '\t', '\n', '\r']);
        }

        fn name(&mut self) -> Result<String, String> {
            let end = self
                .rest
                .find(|c: char| !is_name_char(c))
                .unwrap_or(self.rest.len());
            let first = self.rest.chars().next();
            if end == 0 || first.is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.') {
                return Err(format!("a name expected at {:?}", head(self.rest)));
            }
            let name = self.rest[..end].to_owned();
            self.rest = &self.rest[end..];
            Ok(name)
        }

        /// Characters up to `stop`, references resolved; `<` is refused.
        fn chars_until(&mut self, stop: char) -> Result<String, String> {
            let mut out = String::new();
            loop {
                let Some(c) = self.rest.chars().next() else {
                    return Ok(out);
                };
                if c == stop {
                    return Ok(out);
                }
                if !is_allowed(c) {
                    return Err(format!("character {:?} not allowed in XML", c));
                }
                if c == '<' {
                    return Err("'<' in a value".to_owned());
                }
                if c == '&' {
                    let end = self.rest.find(';').ok_or("an unterminated reference")?;
                    let name = &self.rest[1..end];
                    out.push(match name {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => {
                            let code = match name.strip_prefix("#x") {
                                Some(hex) => u32::from_str_radix(hex, 16),
                                None => name.strip_prefix('#').ok_or("")?.parse(),
                            }
                            .map_err(|_| format!("unknown reference &{name};"))?;
                            char::from_u32(code)
                                .filter(|&c| is_allowed(c))
                                .ok_or(format!("reference to a character XML forbids: {code}"))?
                        }
                    });
                    self.rest = &self.rest[end + 1..];
                    continue;
                }
                if self.rest.starts_with("]]>") {
                    return Err("']]>' in text".to_owned());
                }
                out.push(c);
                self.rest = &self.rest[c.len_utf8()..];
            }
        }

        fn element(&mut self) -> Result<Element, String> {
            if !self.eat("<") {
                return Err(format!("'<' expected at {:?}", head(self.rest)));
            }
            let name = self.name()?;
            let mut attributes: Vec<(String, String)> = Vec::new();
            loop {
                let spaced = self.rest.starts_with([' ', '\t', '\n', '\r']);
                self.skip_space();
                if self.eat("/>") {
                    return Ok(Element {
                        name,
                        attributes,
                        children: Vec::new(),
                    });
                }
                if self.eat(">") {
                    break;
                }
                if !spaced {
                    return Err(format!("space expected before an attribute in <{name}>"));
                }
                let attribute = self.name()?;
                if attributes.iter().any(|(a, _)| a == &attribute) {
                    return Err(format!("attribute {attribute} twice in <{name}>"));
                }
                self.skip_space();
                if !self.eat("=") {
                    return Err(format!("'=' expected after {attribute}"));
                }
                self.skip_space();
                let quote = if self.eat("\"") {
                    '"'
                } else if self.eat("'") {
                    '\''
                } else {
                    return Err(format!("a quoted value expected for {attribute}"));
                };
                let value = self.chars_until(quote)?;
                if !self.eat(&quote.to_string()) {
                    return Err(format!("unterminated value of {attribute}"));
                }
                attributes.push((attribute, value));
            }
            let mut children = Vec::new();
            loop {
                if self.eat("</") {
                    let end = self.name()?;
                    self.skip_space();
                    if end != name || !self.eat(">") {
                        return Err(format!("</{end}> closes <{name}>"));
                    }
                    return Ok(Element {
                        name,
                        attributes,
                        children,
                    });
                }
                if self.rest.starts_with('<') {
                    children.push(Node::Element(self.element()?));
                    continue;
                }
                if self.rest.is_empty() {
                    return Err(format!("<{name}> is never closed"));
                }
                let text = self.chars_until('<')?;
                children.push(Node::Text(text));
            }
        }
    }

    fn head(s: &str) -> String {
        s.chars().take(40).collect()
    }

    /// The document's root element, or why it is not well-formed.
    pub fn parse(document: &str) -> Result<Element, String> {
        let mut reader = Reader { rest: document };
        reader.skip_space();
        let root = reader.element()?;
        reader.skip_space();
        if !reader.rest.is_empty() {
            return Err(format!("more after the root: {:?}", head(reader.rest)));
        }
        Ok(root)
    }

    #[test]
    fn the_reader_refuses_what_xml_refuses() {
        for bad in [
            "<a>",
            "<a></b>",
            "<a>x < y</a>",
            "<a>x & y</a>",
            "<a b=\"<\"/>",
            "<a b=1/>",
            "<a b=\"1\"b=\"2\"/>",
            "<a b=\"1\" b=\"2\"/>",
            "<a/><b/>",
            "<a>\u{1}</a>",
            "<a>&#0;</a>",
            "<a>&nbsp;</a>",
            "<a>]]></a>",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let root = parse("<a x='1'>&lt;b&gt; &amp; &#233;<c/></a>\n").unwrap();
        assert_eq!(root.text(), "<b> & é");
        assert_eq!(root.attribute("x"), Some("1"));
    }
}

/// A map built by hand: stages, lanes of these kinds, nothing else.
fn map_with(stages: &[&str], lanes: &[LaneKind]) -> JourneyMap {
    JourneyMap {
        id: MapId::new("m".to_owned()),
        title: "Map".to_owned(),
        locale: Locale::En,
        created: now(),
        updated: now(),
        stages: stages
            .iter()
            .enumerate()
            .map(|(i, name)| Stage {
                id: StageId::new(format!("s{i}")),
                name: (*name).to_owned(),
            })
            .collect(),
        lanes: lanes
            .iter()
            .enumerate()
            .map(|(i, &kind)| Lane {
                id: LaneId::new(format!("l{i}")),
                kind,
                name: None,
                hidden: false,
            })
            .collect(),
        cards: Vec::new(),
        personas: Vec::new(),
    }
}

fn add_card(map: &mut JourneyMap, lane: usize, stage: usize, text: &str) -> CardId {
    let id = CardId::new(format!("c{}", map.cards.len()));
    let cell = Cell {
        lane: map.lanes[lane].id.clone(),
        stage: map.stages[stage].id.clone(),
    };
    map.cards.push(Card::new(id.clone(), cell, text.to_owned()));
    id
}

fn add_persona(map: &mut JourneyMap, name: &str, scores: &[Option<i8>]) -> PersonaId {
    let id = PersonaId::new(format!("p{}", map.personas.len()));
    let mut persona = Persona::new(id.clone(), name.to_owned());
    persona.emotions = map
        .stages
        .iter()
        .zip(scores)
        .filter_map(|(s, v)| {
            Some(EmotionScore {
                stage: s.id.clone(),
                score: Score::new((*v)?).unwrap(),
                note: String::new(),
            })
        })
        .collect();
    map.personas.push(persona);
    id
}

fn svg(map: &JourneyMap) -> String {
    to_svg(map, &english(""), &SvgOptions::default())
}

fn parsed(document: &str) -> xml::Element {
    xml::parse(document).unwrap_or_else(|e| panic!("{e}\n{document}"))
}

/// The texts of the document's `<text>` elements, in order, each with its lines joined.
fn texts(document: &str) -> Vec<String> {
    parsed(document)
        .all()
        .into_iter()
        .filter(|e| e.name == "text")
        .map(xml::Element::text)
        .collect()
}

/// The lines of the text element that begins with `start`.
fn lines_of(document: &str, start: &str) -> Vec<String> {
    let root = parsed(document);
    root.all()
        .into_iter()
        .find(|e| e.name == "text" && e.text().starts_with(start))
        .unwrap_or_else(|| panic!("no text starting {start:?}"))
        .children
        .iter()
        .map(|c| match c {
            xml::Node::Element(e) => e.text(),
            xml::Node::Text(t) => t.clone(),
        })
        .collect()
}

#[test]
fn two_stages_by_two_lanes_is_as_large_as_its_columns_and_rows() {
    let mut map = map_with(
        &["Aware", "Buy"],
        &[LaneKind::Touchpoints, LaneKind::PainPoints],
    );
    add_card(&mut map, 0, 0, "Ad");
    add_card(&mut map, 0, 0, "Post");
    add_card(&mut map, 1, 1, "Slow");
    let drawn = layout(&map, &english(""), &SvgOptions::default());
    // 12rem of lane names and 13.5rem per stage, 1rem = 16px.
    assert_eq!(drawn.width, 192.0 + 2.0 * 216.0);
    // The stage headers: one line of 1rem at 1.3, padded .55rem and .15rem + 1px each side,
    // and a 1px line.
    let head = 20.8 + 2.0 * (8.8 + 3.4) + 1.0;
    // A card of one line is 3rem; a cell pads its cards .45rem and parts them by .4rem.
    let two_cards = 7.2 + 48.0 + 6.4 + 48.0 + 7.2 + 1.0;
    let one_card = 7.2 + 48.0 + 7.2 + 1.0;
    assert_eq!(drawn.rows.len(), 2);
    assert!((drawn.rows[0].top - head).abs() < 1e-9);
    assert!((drawn.rows[0].height - two_cards).abs() < 1e-9);
    assert!((drawn.rows[1].top - (head + two_cards)).abs() < 1e-9);
    assert!((drawn.rows[1].height - one_card).abs() < 1e-9);
    assert_eq!(drawn.height, (head + two_cards + one_card).ceil());
    assert_eq!(drawn.height, 228.0);
    let columns: Vec<(f64, f64)> = drawn.columns.iter().map(|c| (c.left, c.width)).collect();
    assert_eq!(columns, [(192.0, 216.0), (408.0, 216.0)]);

    let root = parsed(&drawn.to_svg());
    assert_eq!(root.attribute("width"), Some("624"));
    assert_eq!(root.attribute("height"), Some("228"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 624 228"));
}

#[test]
fn a_map_without_stages_is_its_lane_names_alone() {
    let mut map = map_with(&[], &[LaneKind::Touchpoints, LaneKind::Emotions]);
    add_persona(&mut map, "Ana", &[]);
    let drawn = layout(&map, &english(""), &SvgOptions::default());
    assert_eq!(drawn.width, 192.0);
    let document = drawn.to_svg();
    let root = parsed(&document);
    assert!(
        !root
            .all()
            .iter()
            .any(|e| e.name == "svg" && e.attribute("viewBox") == Some("0 0 0 100"))
    );
    // The initials, the name, the lanes, the legend.
    assert_eq!(
        texts(&document),
        ["A", "Ana", "Touchpoints", "Emotions", "Ana"]
    );
}

#[test]
fn the_title_and_persona_band_and_the_emotions_lane_add_their_heights() {
    let mut map = map_with(&["Aware", "Buy"], &[LaneKind::Emotions]);
    add_persona(&mut map, "Ana", &[Some(1), Some(-2)]);
    let drawn = layout(&map, &english("A title"), &SvgOptions::default());
    // Band: .5rem padding, a 1.25rem title at 1.3, .6rem, the 2.75rem avatar, .5rem, a line.
    let band = 8.0 + 26.0 + 9.6 + 44.0 + 8.0 + 1.0;
    let head = 20.8 + 2.0 * (8.8 + 3.4) + 1.0;
    assert!((drawn.rows[0].top - (band + head)).abs() < 1e-9);
    // The curve is 9.5rem tall, taller than the lane's name with its legend.
    assert!((drawn.rows[0].height - (152.0 + 1.0)).abs() < 1e-9);
    assert_eq!(drawn.height, (band + head + 153.0).ceil());
}

#[test]
fn a_long_word_is_cut_to_fit_its_card_and_its_row_grows() {
    let word = "Supercalifragilisticexpialidocious".repeat(3);
    let mut map = map_with(&["Aware"], &[LaneKind::Touchpoints]);
    add_card(&mut map, 0, 0, &word);
    let document = svg(&map);
    let lines = lines_of(&document, "Supercali");
    assert!(lines.len() >= 4, "{lines:?}");
    assert_eq!(lines.concat(), word);
    // 181.4px of card text at 14.4px: some 30 letters, fewer of the wide ones.
    assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
    let drawn = layout(&map, &english(""), &SvgOptions::default());
    let step = 1.35 * 14.4;
    let card = 8.0 + lines.len() as f64 * step + 8.0;
    assert!((drawn.rows[0].height - (7.2 + card + 7.2 + 1.0)).abs() < 1e-9);
}

#[test]
fn romanian_text_wraps_between_words_and_keeps_every_letter() {
    let text = "Își încarcă proiectele din foi de calcul și își invită echipa; când ți-e frică, \
                ceri ajutorul țesătoarei Ștefania";
    let mut map = map_with(&["Înscriere"], &[LaneKind::Actions]);
    add_card(&mut map, 0, 0, text);
    add_card(
        &mut map,
        0,
        0,
        "Ana\u{0301} e\u{0301}e\u{0301}e\u{0301}"
            .repeat(12)
            .as_str(),
    );
    let document = svg(&map);
    let lines = lines_of(&document, "Își");
    assert!(lines.len() >= 4, "{lines:?}");
    assert_eq!(lines.concat(), text);
    for line in &lines[..lines.len() - 1] {
        assert!(line.ends_with(' '), "broken inside a word: {line:?}");
    }
    for line in lines_of(&document, "Ana\u{0301}") {
        assert!(
            !line.starts_with('\u{0301}'),
            "a mark cut from its letter: {line:?}"
        );
    }
    assert!(texts(&document).contains(&"Înscriere".to_owned()));
}

#[test]
fn card_text_keeps_its_line_breaks() {
    let mut map = map_with(&["Aware"], &[LaneKind::Notes]);
    add_card(&mut map, 0, 0, "one\n\nthree\n");
    let lines = lines_of(&svg(&map), "one");
    assert_eq!(lines, ["one", "three"]);
    let root = parsed(&svg(&map));
    let tspans: Vec<f64> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "tspan" && ["one", "three"].contains(&e.text().as_str()))
        .map(|e| e.attribute("y").unwrap().parse().unwrap())
        .collect();
    // The empty line between them still takes its height.
    assert!(
        (tspans[1] - tspans[0] - 2.0 * 1.35 * 14.4).abs() < 0.02,
        "{tspans:?}"
    );
}

#[test]
fn hostile_text_is_escaped_and_what_xml_cannot_hold_is_dropped() {
    let hostile =
        "<script>alert(\"x\")</script> & 'y' ]]> <!-- --> \u{0}\u{8}\u{1b}\u{FFFE}\u{FFFF}</svg>";
    let kept = "<script>alert(\"x\")</script> & 'y' ]]> <!-- --> </svg>";
    let mut map = map_with(&[hostile], &[LaneKind::Touchpoints, LaneKind::Emotions]);
    map.lanes[0].name = Some(hostile.to_owned());
    let card = add_card(&mut map, 0, 0, hostile);
    let card = map.cards.iter_mut().find(|c| c.id == card).unwrap();
    card.tags = vec![hostile.to_owned()];
    add_persona(&mut map, hostile, &[Some(2)]);
    map.personas[0].quote = hostile.to_owned();
    map.personas[0].profile.role = hostile.to_owned();
    let labels = english(hostile);
    let document = to_svg(&map, &labels, &SvgOptions::default());
    let root = parsed(&document);
    let names: Vec<&str> = root.all().iter().map(|e| e.name.as_str()).collect();
    assert!(!names.contains(&"script"), "{names:?}");
    assert!(!document.contains("<script"));
    assert!(!document.contains("<!--"));
    for element in root.all() {
        for (name, _) in &element.attributes {
            assert!(!name.starts_with("on"), "{name} on <{}>", element.name);
        }
    }
    // Stage, lane, title, persona's name, role and quote, card and tag: each is text.
    let all = texts(&document);
    let whole: Vec<&String> = all.iter().filter(|t| t.contains(kept)).collect();
    assert!(whole.len() >= 7, "{all:#?}");
    assert_eq!(root.all().iter().filter(|e| e.name == "title").count(), 1);
}

#[test]
fn hidden_lanes_are_left_out_unless_asked_for() {
    let mut map = map_with(
        &["Aware", "Buy"],
        &[LaneKind::Touchpoints, LaneKind::PainPoints, LaneKind::Notes],
    );
    map.lanes[1].hidden = true;
    add_card(&mut map, 0, 0, "Seen");
    add_card(&mut map, 1, 1, "Hidden pain");
    add_card(&mut map, 2, 1, "Note");
    let shown = layout(&map, &english(""), &SvgOptions::default());
    let lanes: Vec<&str> = shown.rows.iter().map(|r| r.lane.0.as_str()).collect();
    assert_eq!(lanes, ["l0", "l2"]);
    let document = shown.to_svg();
    let all = texts(&document);
    assert!(
        !all.iter()
            .any(|t| t.contains("Hidden pain") || t == "Pain points")
    );
    assert!(all.contains(&"Note".to_owned()));

    let options = SvgOptions {
        include_hidden_lanes: true,
        ..SvgOptions::default()
    };
    let everything = layout(&map, &english(""), &options);
    let lanes: Vec<&str> = everything.rows.iter().map(|r| r.lane.0.as_str()).collect();
    assert_eq!(lanes, ["l0", "l1", "l2"]);
    assert!(everything.height > shown.height);
    let all = texts(&everything.to_svg());
    assert!(all.contains(&"Hidden pain".to_owned()) && all.contains(&"Pain points".to_owned()));
}

#[test]
fn stage_names_then_each_lane_and_its_cards_are_text_in_reading_order() {
    let mut map = map_with(
        &["Awareness", "Consideration", "Purchase"],
        &[LaneKind::Actions, LaneKind::Touchpoints],
    );
    add_card(&mut map, 1, 2, "t-Purchase");
    add_card(&mut map, 0, 1, "a-Consideration-1");
    add_card(&mut map, 1, 0, "t-Awareness");
    add_card(&mut map, 0, 1, "a-Consideration-2");
    add_card(&mut map, 0, 0, "a-Awareness");
    assert_eq!(
        texts(&svg(&map)),
        [
            "Awareness",
            "Consideration",
            "Purchase",
            "Actions",
            "a-Awareness",
            "a-Consideration-1",
            "a-Consideration-2",
            "Touchpoints",
            "t-Awareness",
            "t-Purchase",
        ]
    );
}

#[test]
fn a_cards_facts_tags_and_metric_are_text_after_its_own() {
    let mut map = map_with(&["Aware"], &[LaneKind::Metrics]);
    let id = add_card(&mut map, 0, 0, "Trial to paid");
    let card = map.cards.iter_mut().find(|c| c.id == id).unwrap();
    card.channel = Some(Channel::PricingPage);
    card.category = Some(Category::Sales);
    card.impact = Rating::new(4);
    card.effort = Rating::new(2);
    card.confidence = Confidence::Validated;
    card.tags = vec!["pricing".to_owned(), "trial".to_owned()];
    card.colour = Colour::Blue;
    let mut metric = Metric::new(MetricKind::ConversionRate, Number::new(3.2).unwrap());
    metric.target = Number::new(4.0);
    metric.date = NaiveDate::from_ymd_opt(2026, 11, 6);
    card.metric = Some(metric);
    let document = svg(&map);
    assert_eq!(
        texts(&document),
        [
            "Aware",
            "Metrics",
            "Trial to paid",
            "Pricing page",
            "SALES",
            "Impact 4",
            "·",
            "Effort 2",
            "pricing",
            "trial",
            "Conversion rate",
            "3.2%",
            "target 4% · 6 Nov 2026",
            "✗ target missed",
        ]
    );
    assert!(document.contains("fill=\"#d4e8ff\""), "the card's colour");
    let root = parsed(&document);
    let uses: Vec<&str> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "use")
        .map(|e| e.attribute("href").unwrap())
        .collect();
    assert_eq!(uses, ["#channel-PricingPage", "#confidence-Validated"]);
}

#[test]
fn the_curve_is_the_boards_curve_and_the_others_are_dashed_behind_it() {
    let mut map = map_with(&["A", "B", "C", "D"], &[LaneKind::Emotions]);
    add_persona(&mut map, "Ana", &[Some(1), Some(-1), None, Some(3)]);
    let ion = add_persona(&mut map, "Ion", &[Some(-3), Some(0), Some(2), Some(2)]);
    let options = SvgOptions {
        persona: Some(ion),
        ..SvgOptions::default()
    };
    let document = to_svg(&map, &english(""), &options);
    let root = parsed(&document);
    let paths: Vec<&xml::Element> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "path" && e.attribute("fill") == Some("none"))
        .filter(|e| e.attribute("vector-effect").is_some())
        .collect();
    let score = |v| Score::new(v);
    let ana = curve::smooth_path(&[score(1), score(-1), None, score(3)]);
    let ion = curve::smooth_path(&[score(-3), score(0), score(2), score(2)]);
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].attribute("d"), Some(ana.as_str()));
    assert_eq!(paths[0].attribute("stroke-dasharray"), Some("8 4"));
    assert_eq!(paths[1].attribute("d"), Some(ion.as_str()));
    assert_eq!(paths[1].attribute("stroke-dasharray"), None);
    // Drawn in the curve's own box, stretched over the lane.
    let frame = root
        .all()
        .into_iter()
        .find(|e| e.name == "svg" && e.attribute("viewBox") == Some("0 0 400 100"))
        .expect("the curve's box");
    assert_eq!(frame.attribute("width"), Some("863"));
    assert_eq!(frame.attribute("height"), Some("152"));
    // A face and a score at each of Ion's stages; the peak and the trough marked.
    let all = texts(&document);
    for score in ["−3", "0", "+2"] {
        assert!(all.contains(&score.to_owned()), "{score} in {all:?}");
    }
    let faces = document.matches("r=\"10.5\"").count();
    assert_eq!(faces, 4);
    // The legend names both, Ion (the chosen one) in bold.
    assert!(all.contains(&"Ana".to_owned()) && all.contains(&"Ion".to_owned()));
}

#[test]
fn a_stage_without_a_score_has_no_face() {
    let mut map = map_with(&["A", "B", "C"], &[LaneKind::Emotions]);
    add_persona(&mut map, "Ana", &[Some(2), None, Some(-2)]);
    let document = svg(&map);
    assert_eq!(document.matches("r=\"10.5\"").count(), 2);
    let all = texts(&document);
    assert!(!all.contains(&"0".to_owned()), "{all:?}");
}

#[test]
fn a_service_blueprint_draws_its_lines_between_the_lanes_that_make_them() {
    let mut map = map_with(
        &["Arrive"],
        &[
            LaneKind::Actions,
            LaneKind::Frontstage,
            LaneKind::Backstage,
            LaneKind::SupportProcesses,
        ],
    );
    let document = svg(&map);
    let all = texts(&document);
    let lines: Vec<&String> = all.iter().filter(|t| t.starts_with("Line of")).collect();
    assert_eq!(
        lines,
        [
            "Line of interaction",
            "Line of visibility",
            "Line of internal interaction"
        ]
    );
    // Hiding the frontstage puts the actions next to the backstage, which make no line.
    map.lanes[1].hidden = true;
    let all = texts(&svg(&map));
    let lines: Vec<&String> = all.iter().filter(|t| t.starts_with("Line of")).collect();
    assert_eq!(lines, ["Line of internal interaction"]);
}

/// Whether a document asks for nothing outside itself.
fn assert_self_contained(document: &str) {
    let root = parsed(document);
    assert_eq!(root.name, "svg");
    assert_eq!(root.attribute("xmlns"), Some("http://www.w3.org/2000/svg"));
    for element in root.all() {
        assert!(
            !["script", "image", "foreignObject", "a", "style", "feImage"]
                .contains(&element.name.as_str()),
            "<{}>",
            element.name
        );
        for (name, value) in &element.attributes {
            if name.ends_with("href") {
                assert!(value.starts_with('#'), "{name}={value}");
            }
            if value.contains("url(") {
                assert!(value.starts_with("url(#"), "{name}={value}");
            }
        }
    }
}

#[test]
fn the_example_map_is_self_contained_and_written_where_asked() {
    for locale in Locale::ALL {
        let mut n = 0;
        let map = saas_example(locale, now(), &mut || {
            n += 1;
            format!("e{n}")
        });
        let labels = english(&map.title);
        let started = Instant::now();
        let drawn = layout(&map, &labels, &SvgOptions::default());
        let document = drawn.to_svg();
        println!(
            "the example map in {}: {} × {} px, {} bytes, drawn in {:?}",
            locale.code(),
            drawn.width,
            drawn.height,
            document.len(),
            started.elapsed()
        );
        assert_self_contained(&document);
        // Nothing in the map's text asks for a fetch either.
        assert!(
            !document
                .replacen("http://www.w3.org/2000/svg", "", 1)
                .contains("http")
        );
        let all = texts(&document);
        for stage in &map.stages {
            assert!(all.contains(&stage.name), "{}", stage.name);
        }
        if let Ok(path) = std::env::var("TRASEU_SVG_OUT") {
            let path = path.replace("{locale}", locale.code());
            std::fs::write(&path, &document).unwrap();
            println!("written to {path}");
        }
    }
}

/// A thousand cards: 8 stages × 5 lanes × 25, each with a channel, a category, tags and a
/// rating, and a persona's curve.
fn thousand_cards() -> JourneyMap {
    let stages: Vec<String> = (0..8).map(|i| format!("Stage {i}")).collect();
    let names: Vec<&str> = stages.iter().map(String::as_str).collect();
    let mut map = map_with(
        &names,
        &[
            LaneKind::Actions,
            LaneKind::Touchpoints,
            LaneKind::Emotions,
            LaneKind::PainPoints,
            LaneKind::Opportunities,
            LaneKind::Notes,
        ],
    );
    add_persona(
        &mut map,
        "Ana",
        &[
            Some(1),
            Some(-1),
            Some(0),
            Some(-2),
            Some(2),
            Some(1),
            Some(0),
            Some(3),
        ],
    );
    for i in 0..1_000 {
        let lane = [0, 1, 3, 4, 5][i % 5];
        let id = add_card(
            &mut map,
            lane,
            (i / 5) % 8,
            &format!("Card {i}: a note of a few words, long enough to wrap onto a second line"),
        );
        let card = map.cards.iter_mut().find(|c| c.id == id).unwrap();
        card.channel = Some(Channel::ALL[i % Channel::ALL.len()]);
        card.category = Some(Category::ALL[i % Category::ALL.len()]);
        card.impact = Rating::new(1 + (i % 5) as u8);
        card.tags = vec!["onboarding".to_owned(), format!("tag {i}")];
    }
    map
}

#[test]
fn a_thousand_cards_draw_in_one_document() {
    let map = thousand_cards();
    let labels = english("A thousand cards");
    let started = Instant::now();
    let runs = 5;
    let mut document = String::new();
    for _ in 0..runs {
        document = to_svg(&map, &labels, &SvgOptions::default());
    }
    println!(
        "to_svg, 1,000 cards: {:?} a run, {} bytes",
        started.elapsed() / runs,
        document.len()
    );
    let cards = texts(&document)
        .into_iter()
        .filter(|t| t.starts_with("Card "))
        .count();
    assert_eq!(cards, 1_000);
    assert_self_contained(&document);
    if let Ok(path) = std::env::var("TRASEU_SVG_OUT") {
        let path = path.replace("{locale}", "thousand");
        std::fs::write(&path, &document).unwrap();
        println!("written to {path}");
    }
}

proptest! {
    #![proptest_config(common::config(128))]

    #[test]
    fn any_map_draws_a_self_contained_well_formed_document_of_its_layouts_size(
        map in arb_map(),
        title in ".{0,30}",
        hidden in any::<bool>(),
        persona in any::<prop::sample::Index>(),
    ) {
        let options = SvgOptions {
            persona: (!map.personas.is_empty()).then(|| persona.get(&map.personas).id.clone()),
            include_hidden_lanes: hidden,
        };
        let labels = english(&title);
        let drawn = layout(&map, &labels, &options);
        let document = to_svg(&map, &labels, &options);
        prop_assert_eq!(&document, &drawn.to_svg());
        let root = xml::parse(&document).map_err(TestCaseError::fail)?;
        assert_self_contained(&document);
        let size = (drawn.width.to_string(), drawn.height.to_string());
        prop_assert_eq!(root.attribute("width"), Some(size.0.as_str()));
        prop_assert_eq!(root.attribute("height"), Some(size.1.as_str()));
        prop_assert_eq!(drawn.height, drawn.height.ceil());
        let bottom = drawn.rows.last().map_or(0.0, |r| r.top + r.height);
        prop_assert!(drawn.rows.is_empty() || (bottom <= drawn.height && drawn.height < bottom + 1.0));
        let all = texts(&document).concat();
        for stage in &map.stages {
            let name: String = stage.name.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert!(all.chars().filter(|c| !c.is_whitespace()).collect::<String>().contains(&name));
        }
    }
}
