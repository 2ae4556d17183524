//! Canonical JSON written straight from any `Serialize` value, without building a `serde_json::Value`
//! tree first, and payloads rendered that way member by member ([`CanonicalObject`]).
//!
//! [`to_canonical_json`] gives the same text as [`crate::canonical_json`] of the value's
//! `serde_json::to_value`: object keys sorted by their UTF-8 bytes at every depth (a later duplicate
//! key wins, as in a map), strings and numbers as serde_json writes them (an `f32` as the `f64` it
//! widens to, as `to_value` does), no whitespace. Members are written as they come; an object whose
//! keys arrive out of order is copied once into order when it ends. That is what a bulk check needs:
//! a hundred thousand payloads rendered and hashed without a hundred thousand value trees.
//!
//! A bulk writer stamps a [`CanonicalObject`] with an id and hashes it.

use serde::ser::{self, Impossible, Serialize};
use serde_json::{Error, Value};
use std::borrow::Cow;

/// `value` as canonical JSON text; fails only where `serde_json::to_value` would (a map key that is
/// not a string, a number or a bool, or a `Serialize` impl that fails).
pub fn to_canonical_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = Vec::with_capacity(256);
    value.serialize(Canon { out: &mut out })?;
    // Only whole UTF-8 strings (escaped by serde_json) and ASCII punctuation are written.
    Ok(String::from_utf8(out).expect("canonical JSON is UTF-8"))
}

/// A JSON object kept as its members, each value already in canonical form, sorted by key: a payload
/// that can be stamped with one more key ([`CanonicalObject::text_with`]) and hashed without ever
/// becoming a `serde_json::Value`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CanonicalObject {
    members: Vec<(Cow<'static, str>, String)>,
}

impl CanonicalObject {
    /// An object without members.
    pub fn new() -> CanonicalObject {
        CanonicalObject::default()
    }

    /// Sets `key` to `value` (replacing a member with that key).
    pub fn member<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Result<Self, Error> {
        let text = to_canonical_json(value)?;
        self.insert_text(Cow::Borrowed(key), text);
        Ok(self)
    }

    /// Sets `key` to `text`, which must already be canonical JSON.
    pub(crate) fn insert_text(&mut self, key: Cow<'static, str>, text: String) {
        match self.members.binary_search_by(|(k, _)| k.as_bytes().cmp(key.as_bytes())) {
            Ok(at) => self.members[at].1 = text,
            Err(at) => self.members.insert(at, (key, text)),
        }
    }

    /// The object's canonical text.
    pub fn text(&self) -> String {
        self.write(None)
    }

    /// The object's canonical text with `key` set to `extra` (added, or replacing the member there):
    /// what [`crate::canonical_json_with`] gives for the same object as a value.
    pub fn text_with<T: Serialize + ?Sized>(&self, key: &str, extra: &T) -> Result<String, Error> {
        Ok(self.write(Some((key, &to_canonical_json(extra)?))))
    }

    fn write(&self, extra: Option<(&str, &str)>) -> String {
        let len: usize = self.members.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
        let mut out = Vec::with_capacity(len + 64);
        out.push(b'{');
        let mut first = true;
        let mut member = |out: &mut Vec<u8>, key: &str, text: &str| {
            if !std::mem::take(&mut first) {
                out.push(b',');
            }
            write_str(out, key);
            out.push(b':');
            out.extend_from_slice(text.as_bytes());
        };
        let mut pending = extra;
        for (k, v) in &self.members {
            if let Some((key, text)) = pending {
                if key.as_bytes() <= k.as_bytes() {
                    member(&mut out, key, text);
                    pending = None;
                    if key == k {
                        continue;
                    }
                }
            }
            member(&mut out, k, v);
        }
        if let Some((key, text)) = pending {
            member(&mut out, key, text);
        }
        out.push(b'}');
        String::from_utf8(out).expect("canonical JSON is UTF-8")
    }

    /// The object as a `serde_json::Value`.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(&self.text()).expect("canonical JSON reads back")
    }
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    // serde_json escapes exactly what JSON requires (quote, backslash, control characters).
    let _ = serde_json::to_writer(&mut *out, s);
}

fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, v)
}

/// Writes one value at the end of `out`.
struct Canon<'a> {
    out: &'a mut Vec<u8>,
}

/// An array being written; `close` is what ends it (`]`, or `]}` inside a tuple variant).
struct Seq<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    close: &'static [u8],
}

/// One member of an object being written: its key and where `"key":value` lies in the output.
struct Member {
    key: Cow<'static, str>,
    start: usize,
    end: usize,
}

/// An object being written: members go out as they come, and are put in key order at the end when
/// they did not come in it. `close` ends it (`}`, or `}}` inside a struct variant).
struct Object<'a> {
    out: &'a mut Vec<u8>,
    /// Where the first member starts (just after `{`).
    body: usize,
    members: Vec<Member>,
    in_order: bool,
    /// A map's key, waiting for its value.
    key: Option<Cow<'static, str>>,
    close: &'static [u8],
}

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>, close: &'static [u8]) -> Object<'a> {
        out.push(b'{');
        let body = out.len();
        Object { out, body, members: Vec::new(), in_order: true, key: None, close }
    }

    fn member<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, value: &T) -> Result<(), Error> {
        if let Some(last) = self.members.last() {
            self.in_order &= last.key.as_bytes() < key.as_bytes();
            self.out.push(b',');
        }
        let start = self.out.len();
        write_str(self.out, &key);
        self.out.push(b':');
        value.serialize(Canon { out: self.out })?;
        self.members.push(Member { key, start, end: self.out.len() });
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        let Object { out, body, mut members, in_order, close, .. } = self;
        if !in_order {
            let written = out.split_off(body);
            // Stable: of equal keys, the last one written is the last of its run, and wins.
            members.sort_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
            let mut first = true;
            for (i, m) in members.iter().enumerate() {
                if members.get(i + 1).is_some_and(|next| next.key == m.key) {
                    continue;
                }
                if !std::mem::take(&mut first) {
                    out.push(b',');
                }
                out.extend_from_slice(&written[m.start - body..m.end - body]);
            }
        }
        out.extend_from_slice(close);
        Ok(())
    }
}

impl<'a> ser::Serializer for Canon<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // `to_value` keeps an f32 as the f64 it widens to.
        write_json(self.out, &f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_json(self.out, &v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        write_json(self.out, v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut o = Object::open(self.out, b"}");
        o.member(Cow::Borrowed(variant), value)?;
        o.end()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Error> {
        self.out.push(b'[');
        Ok(Seq { out: self.out, first: true, close: b"]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Seq { out: self.out, first: true, close: b"]}" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a>, Error> {
        Ok(Object::open(self.out, b"}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'a>, Error> {
        Ok(Object::open(self.out, b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Object<'a>, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        Ok(Object::open(self.out, b"}}"))
    }
}

impl Seq<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        value.serialize(Canon { out: self.out })
    }

    fn close(self) -> Result<(), Error> {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

macro_rules! seq_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}
seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| ser::Error::custom("a map value came without its key"))?;
        self.member(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Object::end(self)
    }
}

macro_rules! struct_like {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Object<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.member(Cow::Borrowed(key), value)
            }
            fn end(self) -> Result<(), Error> {
                Object::end(self)
            }
        }
    )*};
}
struct_like!(SerializeStruct, SerializeStructVariant);

/// A map key as the text `serde_json::to_value` makes of it: strings as they are, numbers and bools
/// written out; anything else is an error there too.
struct KeyText;

fn key_error() -> Error {
    ser::Error::custom("key must be a string")
}

macro_rules! key_as_text {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<Cow<'static, str>, Error> {
            Ok(Cow::Owned(v.to_string()))
        }
    )*};
}

impl ser::Serializer for KeyText {
    type Ok = Cow<'static, str>;
    type Error = Error;
    type SerializeSeq = Impossible<Cow<'static, str>, Error>;
    type SerializeTuple = Impossible<Cow<'static, str>, Error>;
    type SerializeTupleStruct = Impossible<Cow<'static, str>, Error>;
    type SerializeTupleVariant = Impossible<Cow<'static, str>, Error>;
    type SerializeMap = Impossible<Cow<'static, str>, Error>;
    type SerializeStruct = Impossible<Cow<'static, str>, Error>;
    type SerializeStructVariant = Impossible<Cow<'static, str>, Error>;

    key_as_text!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_u128: u128, serialize_char: char, serialize_str: &str);

    fn serialize_f32(self, _: f32) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_f64(self, _: f64) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Self::Ok, Error> {
        Ok(Cow::Borrowed(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod unit {
    use super::*;
    use crate::hash::{canonical_json, canonical_json_with};
    use serde::Serialize;
    use serde_json::json;
    use std::collections::{BTreeMap, HashMap};

    /// Fields declared out of key order, nested, with every kind of serde value.
    #[derive(Serialize)]
    struct Outer {
        zeta: Option<&'static str>,
        alpha: Vec<Inner>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        kinds: Vec<Kind>,
        map: HashMap<String, f64>,
        ints: BTreeMap<i32, bool>,
        #[serde(flatten)]
        flat: BTreeMap<String, String>,
        unit: (),
        tuple: (u8, &'static str),
        single: f32,
        bytes: &'static [u8],
        ch: char,
    }

    #[derive(Serialize)]
    struct Inner {
        score: f64,
        detail: String,
        agreed: Option<bool>,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(i64),
        Pair(u8, String),
        Shaped { z: u8, a: &'static str },
    }

    fn same_as_through_a_value<T: Serialize>(v: &T) -> String {
        let direct = to_canonical_json(v).expect("renders");
        let through = canonical_json(&serde_json::to_value(v).expect("to_value"));
        assert_eq!(direct, through);
        direct
    }

    #[test]
    fn renders_what_a_value_tree_renders() {
        let v = Outer {
            zeta: None,
            alpha: vec![
                Inner {
                    score: 0.86,
                    detail: "云帆 is the short form of 云帆数据\n\"引号\"\\".into(),
                    agreed: Some(true),
                },
                Inner { score: -0.06, detail: "\u{1}控制".into(), agreed: None },
            ],
            skipped: None,
            kinds: vec![Kind::Plain, Kind::Wrapped(-7), Kind::Pair(3, "乙".into()), Kind::Shaped { z: 1, a: "甲" }],
            map: [("区域".to_string(), 1e21), ("b".into(), 0.1), ("a\"".into(), f64::NAN), ("aa".into(), 2.0)]
                .into_iter()
                .collect(),
            ints: [(10, true), (-2, false), (3, true)].into_iter().collect(),
            flat: [("mid".to_string(), "x".to_string())].into_iter().collect(),
            unit: (),
            tuple: (9, "九"),
            single: 0.1,
            bytes: &[0, 255],
            ch: '华',
        };
        let text = same_as_through_a_value(&v);
        assert!(text.starts_with(r#"{"alpha":[{"agreed":true,"detail":"#), "{text}");
        same_as_through_a_value(&json!({"b": [1, {"d": null, "c": "易"}], "a": 1.5}));
        same_as_through_a_value(&Vec::<u8>::new());
        same_as_through_a_value(&"plain");
    }

    #[test]
    fn a_later_duplicate_key_wins_as_in_a_map() {
        #[derive(Serialize)]
        struct Dup {
            b: u8,
            #[serde(flatten)]
            rest: BTreeMap<&'static str, u8>,
        }
        let v = Dup { b: 1, rest: [("a", 2), ("b", 3)].into_iter().collect() };
        assert_eq!(same_as_through_a_value(&v), r#"{"a":2,"b":3}"#);
    }

    #[test]
    fn keys_that_are_neither_text_nor_numbers_are_refused() {
        let v: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        assert!(to_canonical_json(&v).is_err());
        assert!(serde_json::to_value(&v).is_err(), "as to_value refuses them");
    }

    #[test]
    fn an_object_stamped_with_a_key_is_the_value_stamped() {
        let o = CanonicalObject::new()
            .member("summary", "approved to 伙伴 for 90 days")
            .and_then(|o| o.member("as_of", "2026-06-30"))
            .and_then(|o| o.member("evidence", &[json!({"z": 1, "a": 2})]))
            .and_then(|o| o.member("direct_owner", &None::<String>))
            .expect("renders");
        let value = json!({
            "summary": "approved to 伙伴 for 90 days",
            "as_of": "2026-06-30",
            "evidence": [{"z": 1, "a": 2}],
            "direct_owner": null,
        });
        assert_eq!(o.text(), canonical_json(&value));
        assert_eq!(o.to_value(), value);
        for key in ["decision_id", "a", "zz", "as_of", "summary", "evidence"] {
            assert_eq!(o.text_with(key, &7).expect("renders"), canonical_json_with(&value, key, &json!(7)), "{key}");
        }
        assert_eq!(CanonicalObject::new().text(), "{}");
        assert_eq!(CanonicalObject::new().text_with("id", &1).expect("renders"), r#"{"id":1}"#);
        let replaced = o.clone().member("as_of", &1).expect("renders");
        assert_eq!(replaced.to_value()["as_of"], 1);
        let mut payload = crate::Payload::from(o);
        payload.insert("dispute_id", json!(9));
        let mut stamped = value.clone();
        stamped["dispute_id"] = json!(9);
        assert_eq!(payload.into_value(), stamped);
    }
}
