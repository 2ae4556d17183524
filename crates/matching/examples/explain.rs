//! Prints how two company names compare: both normalised forms, each comparison level and the score,
//! its reasons in English and Chinese. With no names, reads `NAME_A|NAME_B` lines from stdin.
//! `cargo run -p dealgate-matching --example explain -- NAME_A NAME_B`

use dealgate_domain::Lang;
use dealgate_matching::{normalize, reason_text, score, Party};

fn explain(a: &str, b: &str) {
    for n in [a, b] {
        println!("{n}: {:?}", normalize(n));
    }
    let (fa, fb) =
        (Party { name: a, ..Default::default() }.features(), Party { name: b, ..Default::default() }.features());
    let (s, reasons) = score(&fa, &fb);
    println!("score {s:.3}");
    for r in reasons {
        println!("  {:<28} {:<6} {:+.3}  {}", r.code, format!("{:?}", r.agreed), r.contribution, r.detail);
        println!("  {:<28} {:<6} {:6}  {}", "", "", "", reason_text(&r, Lang::Zh));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [a, b] => explain(a, b),
        [] => {
            for line in std::io::stdin().lines().map_while(Result::ok) {
                if let Some((a, b)) = line.split_once('|') {
                    explain(a.trim(), b.trim());
                }
            }
        }
        _ => {
            eprintln!("usage: explain [NAME_A NAME_B]");
            std::process::exit(2);
        }
    }
}
