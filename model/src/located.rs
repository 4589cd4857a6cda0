//! Typing a parsed JSON value, and saying where in it typing failed: `stages[3].cards[2].text`.
//!
//! Its own deserializer over `&Value` rather than a path-tracking wrapper around serde_json's:
//! a wrapper wraps every visitor a second time, which cost the WebAssembly build some 160 KB of
//! code, where this one hands each visitor the value directly and records the path only as an
//! error passes out through an element, a field or a variant. It reads a value as serde_json's
//! `&Value` deserializer does and builds its messages with serde_json's error, so both the
//! messages and the paths read as they did under that wrapper.

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Expected, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde_json::{Map, Number, Value};
use std::fmt;

/// One step from a value into a value inside it.
#[derive(Debug)]
pub(crate) enum Segment {
    /// A field of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
    /// What an enum variant written `{"variant": …}` holds.
    Variant(String),
}

/// Why a value did not type, and the path to the part of it that did not.
#[derive(Debug)]
pub(crate) struct Located(Box<Inner>);

#[derive(Debug)]
struct Inner {
    error: serde_json::Error,
    /// Innermost first while the error passes out, outermost first once `from_value` returns.
    path: Vec<Segment>,
}

/// `T` read from `value`, or where and why it could not be.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, Located> {
    T::deserialize(At(value)).map_err(|mut located| {
        located.0.path.reverse();
        located
    })
}

impl Located {
    /// The steps from the root to the value that did not type; none when the root did not.
    pub(crate) fn path(&self) -> &[Segment] {
        &self.0.path
    }

    /// The path as `stages[3].cards[2].text`, or `.` for the root.
    pub(crate) fn path_text(&self) -> String {
        if self.path().is_empty() {
            return ".".to_owned();
        }
        let mut text = String::new();
        for (i, segment) in self.path().iter().enumerate() {
            match segment {
                Segment::Index(index) => text.push_str(&format!("[{index}]")),
                Segment::Key(key) | Segment::Variant(key) => {
                    if i > 0 {
                        text.push('.');
                    }
                    text.push_str(key);
                }
            }
        }
        text
    }

    fn within(mut self, segment: Segment) -> Located {
        self.0.path.push(segment);
        self
    }
}

impl From<serde_json::Error> for Located {
    fn from(error: serde_json::Error) -> Located {
        Located(Box::new(Inner {
            error,
            path: Vec::new(),
        }))
    }
}

/// The message alone, as serde_json words it; the path is `path`.
impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.error.fmt(f)
    }
}

impl std::error::Error for Located {}

/// serde_json's own wording: it writes a JSON `null` and floats as JSON does.
impl de::Error for Located {
    fn custom<T: fmt::Display>(message: T) -> Located {
        serde_json::Error::custom(message).into()
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn Expected) -> Located {
        serde_json::Error::invalid_type(unexpected, expected).into()
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn Expected) -> Located {
        serde_json::Error::invalid_value(unexpected, expected).into()
    }
}

/// The value being typed.
#[derive(Clone, Copy)]
struct At<'de>(&'de Value);

impl At<'_> {
    fn invalid_type(self, expected: &dyn Expected) -> Located {
        de::Error::invalid_type(unexpected(self.0), expected)
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// A whole number as an unsigned or a signed one, as it fits; any other as a float.
fn visit_number<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, Located> {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => visitor.visit_u64(u),
        (None, Some(i)) => visitor.visit_i64(i),
        (None, None) => visitor.visit_f64(n.as_f64().unwrap_or_default()),
    }
}

/// Every element must be read: a tuple given more than it holds is an error, as in serde_json.
fn visit_array<'de, V: Visitor<'de>>(array: &'de [Value], visitor: V) -> Result<V::Value, Located> {
    let mut elements = Elements(array.iter().enumerate());
    let seq = visitor.visit_seq(&mut elements)?;
    match elements.0.len() {
        0 => Ok(seq),
        _ => Err(de::Error::invalid_length(
            array.len(),
            &"fewer elements in array",
        )),
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    object: &'de Map<String, Value>,
    visitor: V,
) -> Result<V::Value, Located> {
    let mut entries = Entries {
        iter: object.iter(),
        value: None,
    };
    let map = visitor.visit_map(&mut entries)?;
    match entries.iter.len() {
        0 => Ok(map),
        _ => Err(de::Error::invalid_length(
            object.len(),
            &"fewer elements in map",
        )),
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
            match self.0 {
                Value::Number(n) => visit_number(n, visitor),
                _ => Err(self.invalid_type(&visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for At<'de> {
    type Error = Located;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(array) => visit_array(array, visitor),
            Value::Object(object) => visit_object(object, visitor),
        }
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Located> {
        match self.0 {
            Value::Object(object) => {
                let mut entries = object.iter();
                match (entries.next(), entries.next()) {
                    (Some((name, value)), None) => visitor.visit_enum(Variant {
                        name,
                        value: Some(value),
                    }),
                    _ => Err(de::Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            Value::String(name) => visitor.visit_enum(Variant { name, value: None }),
            _ => Err(self.invalid_type(&"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Located> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(array) => visit_array(array, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Located> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::Array(array) => visit_array(array, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Located> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Located> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match self.0 {
            Value::Object(object) => visit_object(object, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Located> {
        match self.0 {
            Value::Array(array) => visit_array(array, visitor),
            Value::Object(object) => visit_object(object, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        visitor.visit_unit()
    }
}

/// A key or a variant's name. serde_json's own key reader also reads numbers and booleans out
/// of keys; every map in `model` is keyed by a field's name or an id, so a string reader does.
fn name(text: &str) -> BorrowedStrDeserializer<'_, Located> {
    BorrowedStrDeserializer::new(text)
}

/// The elements of an array, each numbered in the path of an error from it.
struct Elements<'de>(std::iter::Enumerate<std::slice::Iter<'de, Value>>);

impl<'de> SeqAccess<'de> for Elements<'de> {
    type Error = Located;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Located> {
        match self.0.next() {
            Some((index, value)) => seed
                .deserialize(At(value))
                .map(Some)
                .map_err(|e| e.within(Segment::Index(index))),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The fields of an object, each named in the path of an error from its key or its value.
struct Entries<'de> {
    iter: serde_json::map::Iter<'de>,
    value: Option<(&'de String, &'de Value)>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Located;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Located> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some((key, value));
                seed.deserialize(name(key))
                    .map(Some)
                    .map_err(|e| e.within(Segment::Key(key.clone())))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Located> {
        match self.value.take() {
            Some((key, value)) => seed
                .deserialize(At(value))
                .map_err(|e| e.within(Segment::Key(key.clone()))),
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum variant, written `"variant"` or `{"variant": value}`.
struct Variant<'de> {
    name: &'de String,
    value: Option<&'de Value>,
}

impl Variant<'_> {
    /// An error from what the variant holds is an error inside it.
    fn within<T>(&self, result: Result<T, Located>) -> Result<T, Located> {
        result.map_err(|e| e.within(Segment::Variant(self.name.clone())))
    }

    fn missing(&self, expected: &str) -> Located {
        de::Error::invalid_type(Unexpected::UnitVariant, &expected)
    }
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Located;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Located> {
        let name = seed.deserialize(name(self.name))?;
        Ok((name, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = Located;

    fn unit_variant(self) -> Result<(), Located> {
        match self.value {
            Some(value) => self.within(<()>::deserialize(At(value))),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Located> {
        let result = match self.value {
            Some(value) => seed.deserialize(At(value)),
            None => Err(self.missing("newtype variant")),
        };
        self.within(result)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Located> {
        let result = match self.value {
            Some(Value::Array(array)) if array.is_empty() => visitor.visit_unit(),
            Some(Value::Array(array)) => visit_array(array, visitor),
            Some(other) => Err(At(other).invalid_type(&"tuple variant")),
            None => Err(self.missing("tuple variant")),
        };
        self.within(result)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Located> {
        let result = match self.value {
            Some(Value::Object(object)) => visit_object(object, visitor),
            Some(other) => Err(At(other).invalid_type(&"struct variant")),
            None => Err(self.missing("struct variant")),
        };
        self.within(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::saas_example;
    use crate::live::{Message, Replica, ReplicaId, State};
    use crate::map::{JourneyMap, Locale};
    use chrono::DateTime;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use serde_json::json;

    fn map() -> JourneyMap {
        let mut n = 0;
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        saas_example(Locale::En, now, &mut || {
            n += 1;
            format!("id{n}")
        })
    }

    /// A live state and the message that wrote it: registers are enums written
    /// `{"variant": …}`, so their paths have variants in them.
    fn live() -> (Value, Value) {
        let map = map();
        let mut replica = Replica::from_state(
            State::new(map.id.clone(), map.created),
            ReplicaId::new("a").unwrap(),
        );
        let step = replica.commit(&map).unwrap();
        let state = serde_json::from_str(&replica.state().to_json()).unwrap();
        let message = serde_json::from_str(&step.message().to_json()).unwrap();
        (state, message)
    }

    fn failure<T: DeserializeOwned>(value: &Value) -> (String, String) {
        let located = from_value::<T>(value).err().unwrap();
        (located.path_text(), located.to_string())
    }

    fn said(path: &str, message: &str) -> (String, String) {
        (path.to_owned(), message.to_owned())
    }

    #[test]
    fn a_value_of_the_wrong_type_is_located_by_its_fields_and_indexes() {
        let mut value = serde_json::to_value(map()).unwrap();
        value["stages"][3]["name"] = json!(7);
        assert_eq!(
            failure::<JourneyMap>(&value),
            said(
                "stages[3].name",
                "invalid type: integer `7`, expected a string"
            )
        );
    }

    #[test]
    fn a_missing_field_is_located_at_the_object_that_lacks_it() {
        let mut value = serde_json::to_value(map()).unwrap();
        value["cards"][2].as_object_mut().unwrap().remove("id");
        assert_eq!(
            failure::<JourneyMap>(&value),
            said("cards[2]", "missing field `id`")
        );
    }

    #[test]
    fn a_root_that_does_not_type_is_located_at_a_dot() {
        assert_eq!(
            failure::<JourneyMap>(&json!(null)),
            said(".", "invalid type: null, expected struct JourneyMap")
        );
    }

    #[test]
    fn an_error_inside_a_variant_names_the_variant() {
        let (_, mut message) = live();
        message["changes"][0]["map"]["title"] = json!(1.5);
        let (path, detail) = failure::<Message>(&message);
        assert_eq!(path, "changes[0].map.title");
        assert!(detail.contains("floating point `1.5`"), "{detail}");
    }

    #[test]
    fn a_tuple_variant_given_too_many_values_is_refused_where_it_is_written() {
        let (_, mut message) = live();
        let change = message["changes"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|change| change.get("card").is_some())
            .unwrap();
        change["card"].as_array_mut().unwrap().push(json!("extra"));
        let (path, detail) = failure::<Message>(&message);
        assert!(path.ends_with("].card"), "{path}");
        assert_eq!(detail, "invalid length 3, expected fewer elements in array");
    }

    /// Every node of `value`, as a JSON pointer, and whether its parent is an object.
    fn nodes(value: &Value, at: String, in_object: bool, out: &mut Vec<(String, bool)>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    nodes(item, format!("{at}/{i}"), false, out);
                }
            }
            Value::Object(fields) => {
                for (key, item) in fields {
                    nodes(item, format!("{at}/{key}"), true, out);
                }
            }
            _ => {}
        }
        out.push((at, in_object));
    }

    fn strange() -> impl Strategy<Value = Option<Value>> {
        prop::sample::select(vec![
            None,
            Some(json!(null)),
            Some(json!(true)),
            Some(json!(0)),
            Some(json!(-3)),
            Some(json!(300)),
            Some(json!(2.5)),
            Some(json!(18446744073709551615u64)),
            Some(json!("")),
            Some(json!("x")),
            Some(json!([])),
            Some(json!([1, "two"])),
            Some(json!({})),
            Some(json!({"a": 1, "b": 2})),
            Some(json!({"stage": 1})),
        ])
    }

    /// `value` with the node at `which` removed (`None`) or replaced.
    fn damaged(value: &Value, which: Index, with: Option<Value>) -> Value {
        let mut all = Vec::new();
        nodes(value, String::new(), false, &mut all);
        let (pointer, in_object) = which.get(&all).clone();
        let mut value = value.clone();
        match (with, pointer.rsplit_once('/')) {
            (None, Some((parent, key))) if in_object => {
                let parent = value.pointer_mut(parent).unwrap();
                parent.as_object_mut().unwrap().remove(key);
            }
            (with, _) => *value.pointer_mut(&pointer).unwrap() = with.unwrap_or(Value::Null),
        }
        value
    }

    /// What the path-tracking wrapper this module replaced says of the same value.
    fn wrapper<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
        serde_path_to_error::deserialize::<_, T>(value)
            .map(drop)
            .map_err(|e| (e.path().to_string(), e.inner().to_string()))
    }

    fn ours<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
        from_value::<T>(value)
            .map(drop)
            .map_err(|e| (e.path_text(), e.to_string()))
    }

    proptest! {
        #[test]
        fn any_damage_to_a_map_is_located_and_worded_as_the_wrapper_did(
            which in any::<Index>(),
            with in strange(),
        ) {
            let value = damaged(&serde_json::to_value(map()).unwrap(), which, with);
            prop_assert_eq!(ours::<JourneyMap>(&value), wrapper::<JourneyMap>(&value));
        }

        #[test]
        fn any_damage_to_a_live_state_or_message_is_located_as_the_wrapper_did(
            which in any::<Index>(),
            with in strange(),
        ) {
            let (state, message) = live();
            let state = damaged(&state, which, with.clone());
            prop_assert_eq!(ours::<State>(&state), wrapper::<State>(&state));
            let message = damaged(&message, which, with);
            prop_assert_eq!(ours::<Message>(&message), wrapper::<Message>(&message));
        }
    }
}
