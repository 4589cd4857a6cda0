//! The maps a person can start from. Names are data here, one per language, because a
//! template's stage names become the map's own (renamable) stage names.

use crate::ids::{LaneId, MapId, PersonaId, StageId};
use crate::map::{EmotionScore, JourneyMap, Lane, LaneKind, Locale, Persona, Score, Stage};
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
}

impl Template {
    pub const ALL: [Template; 3] = [Template::Saas, Template::Classic, Template::Blank];

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

fn starter_persona_name(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Main persona",
        Locale::Ro => "Persona principală",
    }
}

/// A new map from `template`, with the starter lanes and one persona who feels neutral at
/// every stage. `mint` gives a fresh unique id on each call.
pub fn new_map(
    template: Template,
    locale: Locale,
    title: &str,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> JourneyMap {
    let stages: Vec<Stage> = template
        .stage_names(locale)
        .iter()
        .map(|name| Stage {
            id: StageId::new(mint()),
            name: (*name).to_owned(),
        })
        .collect();
    let lanes = STARTER_LANES
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
    fn every_template_is_a_valid_map_with_the_starter_lanes() {
        for template in Template::ALL {
            for locale in Locale::ALL {
                let map = make(template, locale);
                assert!(map.check_invariants().is_empty(), "{template:?} {locale:?}");
                let kinds: Vec<_> = map.lanes.iter().map(|l| l.kind).collect();
                assert_eq!(kinds, STARTER_LANES);
                assert_eq!(map.personas[0].emotions.len(), map.stages.len());
            }
        }
    }
}
