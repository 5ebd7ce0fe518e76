//! The JSON Schema (2020-12) of a contract, generated from its declaration.
//!
//! Every field but an id accepts `null`, which means the fact is unknown; unknown fields are
//! refused (`additionalProperties: false`), as the reader refuses them.
//! What JSON Schema cannot say (a key given twice, dates that contradict each other, a field
//! that contradicts another) the reader checks beyond it.

use serde_json::{Map, Value, json};

use super::{Object, Ty};

/// What the schema says about itself.
#[derive(Clone, Copy, Debug)]
pub struct Header<'a> {
    /// The schema's `$id`.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
}

/// The properties an object with undeclared keys ([`Object::extra`]) takes beyond its fields
/// (a riktlinje's catalogue facts); `None`: unknown here, so any further key is allowed.
pub type Extras<'e, T> = &'e dyn Fn(&Object<T>) -> Option<Map<String, Value>>;

/// The schema of `object` alone, as a component of another document (an HTTP body in the
/// OpenAPI document).
pub fn object<T>(object: &Object<T>) -> Value {
    object_schema(object, object.description, &|_| None)
}

/// The schema of `object` as the root of a document.
pub fn schema<T>(header: Header<'_>, object: &Object<T>) -> Value {
    schema_with(header, object, &|_| None)
}

/// As [`schema`], with the properties `extras` gives to the objects that take undeclared keys.
pub fn schema_with<T>(header: Header<'_>, object: &Object<T>, extras: Extras<'_, T>) -> Value {
    let mut root = Map::new();
    root.insert(
        "$schema".to_owned(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert("$id".to_owned(), json!(header.id));
    root.insert("title".to_owned(), json!(header.title));
    if let Value::Object(body) = object_schema(object, object.description, extras) {
        root.extend(body);
    }
    Value::Object(root)
}

/// The schema of a date (`Ty::Date`): `ÅÅÅÅ-MM-DD`, or `null`.
pub fn date() -> Value {
    json!({
        "type": ["string", "null"],
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    })
}

/// The schema of a decimal (`Ty::Decimal`): a number, or a text with a decimal comma.
pub fn decimal() -> Value {
    json!({
        "type": ["number", "string", "null"],
        "minimum": 0,
        "pattern": "^[0-9]+([.,][0-9]{1,3})?$"
    })
}

fn object_schema<T>(object: &Object<T>, description: &str, extras: Extras<'_, T>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in object.fields {
        let mut property = match &field.ty {
            Ty::Const(value) => json!({ "const": value }),
            Ty::Bool => json!({ "type": ["boolean", "null"] }),
            Ty::Int { min, max } => {
                json!({ "type": ["integer", "null"], "minimum": min, "maximum": max })
            }
            Ty::Date => date(),
            Ty::Decimal => decimal(),
            Ty::Choice(words) => {
                let mut values: Vec<Value> =
                    words.json_words().into_iter().map(Value::from).collect();
                values.push(Value::Null);
                json!({ "enum": values })
            }
            Ty::Set(words) => json!({
                "type": ["array", "null"],
                "items": { "enum": words.json_words() }
            }),
            Ty::Text => json!({ "type": ["string", "null"] }),
            Ty::Id { max_len } => json!({ "type": "string", "minLength": 1, "maxLength": max_len }),
            Ty::Object(inner) => {
                let mut schema = object_schema(inner, field.description, extras);
                if let Value::Object(map) = &mut schema {
                    map.insert("type".to_owned(), json!(["object", "null"]));
                }
                schema
            }
            Ty::Raw(schema) => schema(),
            Ty::List(inner, max_items) => {
                let mut schema = json!({
                    "type": ["array", "null"],
                    "items": object_schema(inner, inner.description, extras),
                });
                if let (Some(max_items), Value::Object(map)) = (max_items, &mut schema) {
                    map.insert("maxItems".to_owned(), json!(max_items));
                }
                schema
            }
        };
        if let Value::Object(map) = &mut property {
            map.insert("description".to_owned(), json!(field.description));
        }
        if field.required.is_some() {
            required.push(field.key);
        }
        properties.insert(field.key.to_owned(), property);
    }
    let mut closed = true;
    if object.extra.is_some() {
        match extras(object) {
            Some(more) => properties.extend(more),
            None => closed = false,
        }
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("object"));
    schema.insert("additionalProperties".to_owned(), json!(!closed));
    if !description.is_empty() {
        schema.insert("description".to_owned(), json!(description));
    }
    if !required.is_empty() {
        schema.insert("required".to_owned(), json!(required));
    }
    schema.insert("properties".to_owned(), Value::Object(properties));
    Value::Object(schema)
}
