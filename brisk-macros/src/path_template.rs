//! The path template grammar: `/items/{item_id}`, `/files/{*rest}` (catch-all, last).

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    Param { name: String, catch_all: bool },
}

/// Parses a template, or says what is wrong and how to fix it.
pub fn parse(template: &str) -> Result<Vec<Piece>, String> {
    if !template.starts_with('/') {
        return Err(format!(
            "the path must start with `/`, e.g. \"/{}\"",
            template.trim_start_matches('/')
        ));
    }
    let mut pieces = Vec::new();
    let mut rest = template;
    let mut names: Vec<String> = Vec::new();
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                pieces.push(Piece::Literal(rest.to_owned()));
                break;
            }
            Some(i) if rest.as_bytes()[i] == b'}' => {
                return Err(format!(
                    "unmatched `}}` in path `{template}`: parameters are written `{{name}}`"
                ));
            }
            Some(open) => {
                if open > 0 {
                    pieces.push(Piece::Literal(rest[..open].to_owned()));
                }
                let Some(close) = rest[open..].find('}') else {
                    return Err(format!(
                        "unclosed `{{` in path `{template}`: parameters are written `{{name}}`"
                    ));
                };
                let inner = &rest[open + 1..open + close];
                let (catch_all, name) = match inner.strip_prefix('*') {
                    Some(n) => (true, n),
                    None => (false, inner),
                };
                let valid = name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !valid {
                    return Err(format!(
                        "path parameter `{{{inner}}}` in `{template}` must be a Rust identifier, e.g. `{{item_id}}`"
                    ));
                }
                if matches!(name, "_" | "self" | "Self" | "super" | "crate") {
                    return Err(format!(
                        "path parameter `{{{name}}}` in `{template}` needs a name a handler parameter can have (not `_`, `self`, `Self`, `super` or `crate`), e.g. `{{item_id}}`"
                    ));
                }
                if names.iter().any(|n| n == name) {
                    return Err(format!(
                        "path parameter `{{{name}}}` appears twice in `{template}`; give each parameter its own name"
                    ));
                }
                names.push(name.to_owned());
                rest = &rest[open + close + 1..];
                if catch_all && !rest.is_empty() {
                    return Err(format!(
                        "the catch-all parameter `{{*{name}}}` must end the path `{template}`: it takes the rest of the path, e.g. `/files/{{*{name}}}`"
                    ));
                }
                pieces.push(Piece::Param {
                    name: name.to_owned(),
                    catch_all,
                });
            }
        }
    }
    Ok(pieces)
}

pub fn param_names(pieces: &[Piece]) -> Vec<&str> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Param { name, .. } => Some(name.as_str()),
            Piece::Literal(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_templates() {
        assert_eq!(
            parse("/items/{item_id}").unwrap(),
            vec![
                Piece::Literal("/items/".into()),
                Piece::Param {
                    name: "item_id".into(),
                    catch_all: false
                }
            ]
        );
        assert_eq!(
            param_names(&parse("/a/{x}/b/{*y}").unwrap()),
            vec!["x", "y"]
        );
        for bad in [
            "items", "/a/{", "/a/}", "/a/{}", "/a/{1x}", "/{x}/{x}", "/{*x}/y", "/{_}", "/{self}",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
