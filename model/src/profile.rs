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

impl Profile {
    pub fn is_empty(&self) -> bool {
        self == &Profile::default()
    }

    pub fn get(&self, field: ProfileField) -> &str {
        self.slot(field)
    }

    pub fn get_mut(&mut self, field: ProfileField) -> &mut String {
        self.slot_mut(field)
    }

    fn slot(&self, field: ProfileField) -> &String {
        use ProfileField::*;
        match field {
            Role => &self.role,
            AgeRange => &self.age_range,
            Gender => &self.gender,
            Location => &self.location,
            Income => &self.income,
            Education => &self.education,
            CompanySize => &self.company_size,
            Industry => &self.industry,
            Revenue => &self.revenue,
            CompanyLocation => &self.company_location,
            SiteActivity => &self.site_activity,
            PurchaseHistory => &self.purchase_history,
            ProductUse => &self.product_use,
            SupportContacts => &self.support_contacts,
            Lifestyle => &self.lifestyle,
            Interests => &self.interests,
            Values => &self.values,
            Motivations => &self.motivations,
            Goals => &self.goals,
            Frustrations => &self.frustrations,
        }
    }

    fn slot_mut(&mut self, field: ProfileField) -> &mut String {
        use ProfileField::*;
        match field {
            Role => &mut self.role,
            AgeRange => &mut self.age_range,
            Gender => &mut self.gender,
            Location => &mut self.location,
            Income => &mut self.income,
            Education => &mut self.education,
            CompanySize => &mut self.company_size,
            Industry => &mut self.industry,
            Revenue => &mut self.revenue,
            CompanyLocation => &mut self.company_location,
            SiteActivity => &mut self.site_activity,
            PurchaseHistory => &mut self.purchase_history,
            ProductUse => &mut self.product_use,
            SupportContacts => &mut self.support_contacts,
            Lifestyle => &mut self.lifestyle,
            Interests => &mut self.interests,
            Values => &mut self.values,
            Motivations => &mut self.motivations,
            Goals => &mut self.goals,
            Frustrations => &mut self.frustrations,
        }
    }

    pub fn texts(&self) -> impl Iterator<Item = &String> {
        ProfileField::ALL.into_iter().map(|f| self.slot(f))
    }

    pub fn texts_mut(&mut self) -> Vec<(ProfileField, &mut String)> {
        let Profile {
            role,
            age_range,
            gender,
            location,
            income,
            education,
            company_size,
            industry,
            revenue,
            company_location,
            site_activity,
            purchase_history,
            product_use,
            support_contacts,
            lifestyle,
            interests,
            values,
            motivations,
            goals,
            frustrations,
            channels: _,
        } = self;
        ProfileField::ALL
            .into_iter()
            .zip([
                role,
                age_range,
                gender,
                location,
                income,
                education,
                company_size,
                industry,
                revenue,
                company_location,
                site_activity,
                purchase_history,
                product_use,
                support_contacts,
                lifestyle,
                interests,
                values,
                motivations,
                goals,
                frustrations,
            ])
            .collect()
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
