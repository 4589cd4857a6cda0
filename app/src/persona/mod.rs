//! Who the map is for (the method's step 1): the header above the stages that shows the
//! current persona, and the panel where each persona's profile card is read and edited.

mod avatar;
mod card;
mod header;
mod panel;
mod upload;

pub use header::PersonaHeader;
