//! Who the customer is (PRODUCT.md, step 1): a persona's profile beyond its name and curve.
//! Every part is free text the team writes from research, so one field enum reaches each,
//! and the interface lays them out in the groups researchers know.

use crate::touchpoint::Channel;
use serde::{Deserialize, Serialize};

/// The largest avatar image a map keeps, decoded: the browser scales an upload down to
/// 256 px and re-encodes it until it fits, so a map with 100 personas stays a few MB.
pub const MAX_AVATAR_BYTES: usize = 64 * 1024;

/// The longest side of a stored avatar, in pixels.
pub const AVATAR_PIXELS: u32 = 256;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub age_range: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub gender: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub income: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub education: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub company_size: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub industry: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub revenue: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub company_location: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub site_activity: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub purchase_history: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub product_use: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub support_contacts: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub lifestyle: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub interests: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub values: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub motivations: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub goals: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub frustrations: String,
    /// The channels this persona prefers, each once, in the order of `Channel::ALL`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

/// One text part of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    Role,
    AgeRange,
    Gender,
    Location,
    Income,
    Education,
    CompanySize,
    Industry,
    Revenue,
    CompanyLocation,
    SiteActivity,
    PurchaseHistory,
    ProductUse,
    SupportContacts,
    Lifestyle,
    Interests,
    Values,
    Motivations,
    Goals,
    Frustrations,
}

/// How a profile card groups its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileGroup {
    About,
    Demographics,
    Firmographics,
    Behaviour,
    Psychographics,
    Needs,
}

impl ProfileField {
    pub const ALL: [ProfileField; 20] = [
        ProfileField::Role,
        ProfileField::AgeRange,
        ProfileField::Gender,
        ProfileField::Location,
        ProfileField::Income,
        ProfileField::Education,
        ProfileField::CompanySize,
        ProfileField::Industry,
        ProfileField::Revenue,
        ProfileField::CompanyLocation,
        ProfileField::SiteActivity,
        ProfileField::PurchaseHistory,
        ProfileField::ProductUse,
        ProfileField::SupportContacts,
        ProfileField::Lifestyle,
        ProfileField::Interests,
        ProfileField::Values,
        ProfileField::Motivations,
        ProfileField::Goals,
        ProfileField::Frustrations,
    ];

    pub fn group(self) -> ProfileGroup {
        use ProfileField::*;
        match self {
            Role => ProfileGroup::About,
            AgeRange | Gender | Location | Income | Education => ProfileGroup::Demographics,
            CompanySize | Industry | Revenue | CompanyLocation => ProfileGroup::Firmographics,
            SiteActivity | PurchaseHistory | ProductUse | SupportContacts => {
                ProfileGroup::Behaviour
            }
            Lifestyle | Interests | Values => ProfileGroup::Psychographics,
            Motivations | Goals | Frustrations => ProfileGroup::Needs,
        }
    }
}

/// Each text field's accessors, written once from one list of (variant, field) pairs.
macro_rules! profile_slots {
    ($($variant:ident => $field:ident),* $(,)?) => {
        impl Profile {
            pub fn get(&self, field: ProfileField) -> &str {
                match field {
                    $(ProfileField::$variant => &self.$field,)*
                }
            }

            pub fn get_mut(&mut self, field: ProfileField) -> &mut String {
                match field {
                    $(ProfileField::$variant => &mut self.$field,)*
                }
            }

            /// Every text field with its name, for repairs that walk them all.
            pub fn texts_mut(&mut self) -> Vec<(ProfileField, &mut String)> {
                vec![$((ProfileField::$variant, &mut self.$field),)*]
            }
        }
    };
}

/// Hands the text fields of a profile to the macro `$then`, after any tokens given first, as
/// `Variant => field` pairs: the accessors below and live editing are written from this list.
macro_rules! with_profile_texts {
    ($then:ident $($first:tt)*) => {
        $then! {
            $($first)*
            Role => role,
            AgeRange => age_range,
            Gender => gender,
            Location => location,
            Income => income,
            Education => education,
            CompanySize => company_size,
            Industry => industry,
            Revenue => revenue,
            CompanyLocation => company_location,
            SiteActivity => site_activity,
            PurchaseHistory => purchase_history,
            ProductUse => product_use,
            SupportContacts => support_contacts,
            Lifestyle => lifestyle,
            Interests => interests,
            Values => values,
            Motivations => motivations,
            Goals => goals,
            Frustrations => frustrations,
        }
    };
}
pub(crate) use with_profile_texts;

with_profile_texts!(profile_slots);

impl Profile {
    pub fn is_empty(&self) -> bool {
        self == &Profile::default()
    }

    pub fn texts(&self) -> impl Iterator<Item = &str> {
        ProfileField::ALL.into_iter().map(|f| self.get(f))
    }
}

/// Whether `image` is an avatar a map may keep: a base64 `data:` URL of a PNG, JPEG or WebP
/// image of at most `MAX_AVATAR_BYTES`. Other image types (SVG above all, which can carry
/// script) and anything that is not an image are refused.
pub fn is_avatar_image(image: &str) -> bool {
    const PREFIXES: [&str; 3] = [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/webp;base64,",
    ];
    let Some(data) = PREFIXES.iter().find_map(|p| image.strip_prefix(p)) else {
        return false;
    };
    let padding = data.bytes().rev().take_while(|&b| b == b'=').count();
    let body = &data[..data.len() - padding];
    let decoded = body.len() * 3 / 4;
    !body.is_empty()
        && padding <= 2
        && (data.len() % 4 == 0)
        && decoded <= MAX_AVATAR_BYTES
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_and_writes_its_own_slot() {
        let mut profile = Profile::default();
        for (i, field) in ProfileField::ALL.into_iter().enumerate() {
            *profile.get_mut(field) = format!("v{i}");
        }
        for (i, field) in ProfileField::ALL.into_iter().enumerate() {
            assert_eq!(profile.get(field), format!("v{i}"));
        }
        let via_texts_mut: Vec<String> = profile
            .texts_mut()
            .into_iter()
            .map(|(f, s)| format!("{f:?}={s}"))
            .collect();
        assert_eq!(via_texts_mut.len(), ProfileField::ALL.len());
        assert_eq!(via_texts_mut[3], "Location=v3");
        assert!(!profile.is_empty());
    }

    #[test]
    fn an_empty_profile_is_not_written() {
        let json = serde_json::to_string(&Profile::default()).unwrap();
        assert_eq!(json, "{}");
    }

    #[test]
    fn avatars_are_small_raster_data_urls() {
        assert!(is_avatar_image("data:image/png;base64,iVBORw0KGgo="));
        assert!(is_avatar_image("data:image/webp;base64,UklGRg=="));
        for bad in [
            "data:image/svg+xml;base64,PHN2Zz4=",
            "https://example.org/a.png",
            "data:image/png;base64,",
            "data:image/png;base64,abc",
            "data:image/png;base64,ab c",
            "data:image/png;base64,a===",
        ] {
            assert!(!is_avatar_image(bad), "{bad}");
        }
        let big = format!(
            "data:image/jpeg;base64,{}",
            "A".repeat((MAX_AVATAR_BYTES + 3) / 3 * 4 + 4)
        );
        assert!(!is_avatar_image(&big));
        let fits = format!(
            "data:image/jpeg;base64,{}",
            "A".repeat(MAX_AVATAR_BYTES / 3 * 4)
        );
        assert!(is_avatar_image(&fits));
    }
}
