//! Unified Social Credit Code (统一社会信用代码) validation per GB 32100-2015.

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Normalises a USCC for comparison: trims, removes inner spaces and dashes, upper-cases, folds full width.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF10}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace() && c != '-').then(|| c.to_ascii_uppercase())
        })
        .collect()
}

/// Why a USCC is invalid, or `Ok` with its normalised form.
pub fn validate(raw: &str) -> Result<String, String> {
    let code = normalize(raw);
    if code.chars().count() != 18 {
        return Err(format!("expected 18 characters, found {}", code.chars().count()));
    }
    let mut sum = 0u32;
    for (i, c) in code.chars().enumerate() {
        let Some(v) = ALPHABET.find(c) else {
            return Err(format!("character '{c}' at position {} is not allowed in a USCC", i + 1));
        };
        if i < 17 {
            sum += v as u32 * WEIGHTS[i];
        } else {
            let expected = (31 - sum % 31) % 31;
            if v as u32 != expected {
                let want = ALPHABET.as_bytes()[expected as usize] as char;
                return Err(format!("check character is '{c}', the code's first 17 characters give '{want}'"));
            }
        }
    }
    Ok(code)
}

/// Completes 17 valid characters with their check character (for generating sample data).
pub fn with_check(first17: &str) -> Option<String> {
    let code: Vec<char> = normalize(first17).chars().collect();
    if code.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (i, c) in code.iter().enumerate() {
        sum += ALPHABET.find(*c)? as u32 * WEIGHTS[i];
    }
    let check = ALPHABET.as_bytes()[((31 - sum % 31) % 31) as usize] as char;
    Some(code.into_iter().chain(std::iter::once(check)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes_pass_and_broken_ones_fail() {
        // Published test vectors (python-stdnum's cn.uscc documentation).
        assert!(validate("91110000600037341L").is_ok());
        assert_eq!(validate("9111 0000-6000 3734 1l").unwrap(), "91110000600037341L");
        assert!(validate("91110000600037341M").unwrap_err().contains("check character"));
        assert!(validate("9111000060003734").is_err());
        assert!(validate("91110000600037341I").is_err());
        assert_eq!(with_check("91110000600037341").as_deref(), Some("91110000600037341L"));
    }
}
