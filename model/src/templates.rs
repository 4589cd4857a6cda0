//! The maps a person can start from. Names are data here, one per language, because a
//! template's stage names become the map's own (renamable) stage names.

use crate::ids::{LaneId, MapId, PersonaId, StageId};
use crate::map::{
    BlueprintLine, EmotionScore, JourneyMap, Lane, LaneKind, Locale, Persona, Score, Stage,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// Eight stages of a software-as-a-service journey.
    Saas,
    /// Five stages of a purchase journey.
    Classic,
    /// Three numbered stages to rename.
    Blank,
    /// A generic service journey over the areas of a service blueprint, from what the
    /// customer sees to the processes that support the staff.
    ServiceBlueprint,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Saas,
        Template::Classic,
        Template::Blank,
        Template::ServiceBlueprint,
    ];

    /// The kinds of the lanes a new map of this template starts with, in order.
    pub fn lanes(self) -> &'static [LaneKind] {
        match self {
            Template::ServiceBlueprint => &BLUEPRINT_LANES,
            Template::Saas | Template::Classic | Template::Blank => &STARTER_LANES,
        }
    }

    /// Stage names in `locale`, in order.
    pub fn stage_names(self, locale: Locale) -> &'static [&'static str] {
        match (self, locale) {
            (Template::Saas, Locale::En) => &[
                "Awareness",
                "Consideration",
                "Acquisition / Sign-up",
                "Onboarding",
                "Adoption",
                "Retention",
                "Expansion",
                "Advocacy",
            ],
            (Template::Saas, Locale::Ro) => &[
                "Conștientizare",
                "Considerare",
                "Achiziție / Înregistrare",
                "Integrare",
                "Adopție",
                "Retenție",
                "Extindere",
                "Recomandare",
            ],
            (Template::Classic, Locale::En) => &[
                "Awareness",
                "Consideration",
                "Purchase",
                "Retention",
                "Advocacy",
            ],
            (Template::Classic, Locale::Ro) => &[
                "Conștientizare",
                "Considerare",
                "Cumpărare",
                "Retenție",
                "Recomandare",
            ],
            (Template::Blank, Locale::En) => &["Stage 1", "Stage 2", "Stage 3"],
            (Template::Blank, Locale::Ro) => &["Etapa 1", "Etapa 2", "Etapa 3"],
            (Template::ServiceBlueprint, Locale::En) => &[
                "Discover",
                "Request",
                "Receive the service",
                "Pay",
                "Follow-up",
            ],
            (Template::ServiceBlueprint, Locale::Ro) => &[
                "Descoperire",
                "Solicitare",
                "Primirea serviciului",
                "Plată",
                "Revenire",
            ],
        }
    }
}

/// The lanes most people need first; the other kinds are one click away.
pub const STARTER_LANES: [LaneKind; 4] = [
    LaneKind::Touchpoints,
    LaneKind::Emotions,
    LaneKind::PainPoints,
    LaneKind::Opportunities,
];

/// A service blueprint's areas, customer side first, so the line of interaction, the line of
/// visibility and the line of internal interaction fall between them. The emotions lane
/// comes first, above the blueprint proper: the persona's curve shows which stages hurt,
/// and the areas below show what the service does there, so a team reads cause under effect;
/// on top, it sits beside no line.
pub const BLUEPRINT_LANES: [LaneKind; 6] = [
    LaneKind::Emotions,
    LaneKind::PhysicalEvidence,
    LaneKind::Actions,
    LaneKind::Frontstage,
    LaneKind::Backstage,
    LaneKind::SupportProcesses,
];

/// The blueprint line drawn above `lane`: between it and the nearest visible lane above it.
/// A hidden lane has none, and hiding or moving a lane moves the lines with it.
pub fn line_above(lanes: &[Lane], lane: &LaneId) -> Option<BlueprintLine> {
    let visible: Vec<&Lane> = lanes.iter().filter(|l| !l.hidden).collect();
    visible
        .windows(2)
        .find(|pair| &pair[1].id == lane)
        .and_then(|pair| BlueprintLine::between(pair[0].kind, pair[1].kind))
}

pub(crate) fn starter_persona_name(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Main persona",
        Locale::Ro => "Persona principală",
    }
}

/// The name of the `n`-th stage (from 1) where a source names it not, numbered as the blank
/// template numbers its stages.
pub(crate) fn numbered_stage_name(locale: Locale, n: usize) -> String {
    match locale {
        Locale::En => format!("Stage {n}"),
        Locale::Ro => format!("Etapa {n}"),
    }
}

/// A new map from `template`, with its lanes and one persona who feels neutral at every
/// stage. `mint` gives a fresh unique id on each call.
pub fn new_map(
    template: Template,
    locale: Locale,
    title: &str,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> JourneyMap {
    let stages = template.stage_names(locale);
    map_of(stages, template.lanes(), locale, title, now, mint)
}

/// A map with these stages and lanes, no cards, and the starter persona, neutral everywhere.
pub(crate) fn map_of(
    stage_names: &[&str],
    lanes: &[LaneKind],
    locale: Locale,
    title: &str,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> JourneyMap {
    let stages: Vec<Stage> = stage_names
        .iter()
        .map(|name| Stage {
            id: StageId::new(mint()),
            name: (*name).to_owned(),
        })
        .collect();
    let lanes = lanes
        .iter()
        .map(|&kind| Lane {
            id: LaneId::new(mint()),
            kind,
            name: None,
            hidden: false,
        })
        .collect();
    let persona = Persona {
        emotions: stages
            .iter()
            .map(|s| EmotionScore {
                stage: s.id.clone(),
                score: Score::default(),
                note: String::new(),
            })
            .collect(),
        ..Persona::new(
            PersonaId::new(mint()),
            starter_persona_name(locale).to_owned(),
        )
    };
    JourneyMap {
        id: MapId::new(mint()),
        title: title.to_owned(),
        locale,
        created: now,
        updated: now,
        stages,
        lanes,
        cards: Vec::new(),
        personas: vec![persona],
    }
}

/// Switches a map to another language: stage names and the starter persona's name that are
/// still a template's words follow the language; names the person chose stay as they are.
pub fn relabel(map: &mut JourneyMap, to: Locale) {
    let from = map.locale;
    if from == to {
        return;
    }
    for stage in &mut map.stages {
        let translated = Template::ALL.iter().find_map(|t| {
            let index = t.stage_names(from).iter().position(|n| *n == stage.name)?;
            Some(t.stage_names(to)[index])
        });
        if let Some(name) = translated {
            stage.name = name.to_owned();
        }
    }
    for persona in &mut map.personas {
        if persona.name == starter_persona_name(from) {
            persona.name = starter_persona_name(to).to_owned();
        }
    }
    map.locale = to;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make(template: Template, locale: Locale) -> JourneyMap {
        let mut n = 0;
        new_map(template, locale, "T", DateTime::UNIX_EPOCH, &mut || {
            n += 1;
            n.to_string()
        })
    }

    #[test]
    fn saas_has_eight_stages_in_both_languages() {
        assert_eq!(make(Template::Saas, Locale::En).stages.len(), 8);
        let ro = make(Template::Saas, Locale::Ro);
        assert_eq!(ro.stages.len(), 8);
        assert_eq!(ro.stages[0].name, "Conștientizare");
    }

    #[test]
    fn relabel_translates_template_names_and_keeps_chosen_ones() {
        let mut map = make(Template::Saas, Locale::En);
        map.stages[1].name = "Research".into();
        relabel(&mut map, Locale::Ro);
        assert_eq!(map.locale, Locale::Ro);
        assert_eq!(map.stages[0].name, "Conștientizare");
        assert_eq!(map.stages[1].name, "Research");
        assert_eq!(map.stages[7].name, "Recomandare");
        assert_eq!(map.personas[0].name, "Persona principală");
        relabel(&mut map, Locale::En);
        assert_eq!(map.stages[0].name, "Awareness");
        assert_eq!(map.stages[2].name, "Acquisition / Sign-up");
    }

    #[test]
    fn classic_has_five_stages() {
        let map = make(Template::Classic, Locale::En);
        let names: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Awareness",
                "Consideration",
                "Purchase",
                "Retention",
                "Advocacy"
            ]
        );
    }

    #[test]
    fn every_template_is_a_valid_map_with_its_lanes() {
        for template in Template::ALL {
            for locale in Locale::ALL {
                let map = make(template, locale);
                assert!(map.check_invariants().is_empty(), "{template:?} {locale:?}");
                let kinds: Vec<_> = map.lanes.iter().map(|l| l.kind).collect();
                assert_eq!(kinds, template.lanes());
                assert_eq!(map.personas[0].emotions.len(), map.stages.len());
                assert_eq!(
                    template.stage_names(Locale::En).len(),
                    template.stage_names(Locale::Ro).len()
                );
            }
        }
        assert_eq!(Template::Classic.lanes(), STARTER_LANES);
    }

    #[test]
    fn a_service_blueprint_has_five_stages_and_the_blueprint_areas() {
        let map = make(Template::ServiceBlueprint, Locale::Ro);
        assert_eq!(map.stages.len(), 5);
        assert_eq!(map.stages[3].name, "Plată");
        let kinds: Vec<_> = map.lanes.iter().map(|l| l.kind).collect();
        let areas = kinds.iter().filter(|k| **k != LaneKind::Emotions);
        use LaneKind::*;
        let expected = [
            PhysicalEvidence,
            Actions,
            Frontstage,
            Backstage,
            SupportProcesses,
        ];
        assert!(areas.eq(expected.iter()), "{kinds:?}");
        assert_eq!(
            kinds[0],
            LaneKind::Emotions,
            "the curve sits above the blueprint"
        );
        assert_eq!(
            serde_json::to_string(&Template::ServiceBlueprint).unwrap(),
            "\"service_blueprint\""
        );
    }

    fn lines(map: &JourneyMap) -> Vec<(LaneKind, BlueprintLine)> {
        map.lanes
            .iter()
            .filter_map(|l| Some((l.kind, line_above(&map.lanes, &l.id)?)))
            .collect()
    }

    #[test]
    fn a_service_blueprint_draws_its_three_lines_between_its_areas() {
        let map = make(Template::ServiceBlueprint, Locale::En);
        assert_eq!(
            lines(&map),
            [
                (LaneKind::Frontstage, BlueprintLine::Interaction),
                (LaneKind::Backstage, BlueprintLine::Visibility),
                (
                    LaneKind::SupportProcesses,
                    BlueprintLine::InternalInteraction
                ),
            ]
        );
        assert!(lines(&make(Template::Saas, Locale::En)).is_empty());
    }

    #[test]
    fn blueprint_lines_follow_hidden_and_moved_lanes() {
        let mut map = make(Template::ServiceBlueprint, Locale::En);
        // Hiding the frontstage puts the backstage right under the customer's actions.
        map.lanes[3].hidden = true;
        assert_eq!(
            lines(&map),
            [(
                LaneKind::SupportProcesses,
                BlueprintLine::InternalInteraction
            )]
        );
        let hidden = map.lanes[3].id.clone();
        assert_eq!(line_above(&map.lanes, &hidden), None);
        map.lanes[3].hidden = false;
        // Support processes moved above the backstage: the line goes with the pair, in
        // either order, and the frontstage no longer touches the backstage.
        map.lanes.swap(4, 5);
        assert_eq!(
            lines(&map),
            [
                (LaneKind::Frontstage, BlueprintLine::Interaction),
                (LaneKind::Backstage, BlueprintLine::InternalInteraction),
            ]
        );
        let first = map.lanes[0].id.clone();
        assert_eq!(line_above(&map.lanes, &first), None);
    }

    #[test]
    fn relabel_translates_blueprint_stages() {
        let mut map = make(Template::ServiceBlueprint, Locale::En);
        relabel(&mut map, Locale::Ro);
        assert_eq!(map.stages[2].name, "Primirea serviciului");
    }
}
