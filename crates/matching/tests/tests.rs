//! Integration tests of dealgate-matching, one module per matching phenomenon (see `suite/`).

#[path = "suite/common.rs"]
mod common;

#[path = "suite/legal_forms.rs"]
mod legal_forms;

#[path = "suite/regions.rs"]
mod regions;

#[path = "suite/folding.rs"]
mod folding;

#[path = "suite/short_names.rs"]
mod short_names;

#[path = "suite/generic_words.rs"]
mod generic_words;

#[path = "suite/groups.rs"]
mod groups;

#[path = "suite/typos.rs"]
mod typos;

#[path = "suite/abbreviations.rs"]
mod abbreviations;

#[path = "suite/branches.rs"]
mod branches;

#[path = "suite/keys.rs"]
mod keys;

#[path = "suite/key_scores.rs"]
mod key_scores;

#[path = "suite/english.rs"]
mod english;

#[path = "suite/sales_region.rs"]
mod sales_region;

#[path = "suite/index.rs"]
mod index;

#[path = "suite/shared_keys.rs"]
mod shared_keys;

#[path = "support/generator.rs"]
mod generator;

#[path = "suite/index_recall.rs"]
mod index_recall;

#[path = "suite/zones_and_siblings.rs"]
mod zones_and_siblings;

#[path = "suite/initials.rs"]
mod initials;

#[path = "suite/levels.rs"]
mod levels;

#[path = "suite/issue_examples.rs"]
mod issue_examples;
